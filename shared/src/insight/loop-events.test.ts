import { firstContactIncrements, invitationTargets, loopTargets, openedIncrements, repeatIncrements, sentIncrements } from './loop-events';

const DAY = 86_400_000;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs).toISOString();
const T0 = '2026-11-23T02:00:00.000Z';

describe('first contact', () => {
  test.each([
    // minutes after creation, due after (minutes), expected increments
    [3, 240, { 'l:ct': 1, 'l:fc0': 1, 'l:sm': 1 }],
    [5, 240, { 'l:ct': 1, 'l:fc0': 1, 'l:sm': 1 }], // a bound is inclusive
    [6, 240, { 'l:ct': 1, 'l:fc1': 1, 'l:sm': 1 }],
    [240, 240, { 'l:ct': 1, 'l:fc5': 1, 'l:sm': 1 }], // at the due time: met
    [241, 240, { 'l:ct': 1, 'l:fc6': 1 }], // a minute late: missed
    [3000, 240, { 'l:ct': 1, 'l:fc9': 1 }], // past the last bound
  ])('%i min after creation, due at %i min', (minutes, dueMinutes, expected) => {
    expect(firstContactIncrements({ createdAt: T0, dueAt: at(T0, dueMinutes * 60_000) }, at(T0, minutes * 60_000))).toEqual(expected);
  });
});

describe('repeat purchase of an answer', () => {
  test.each([
    [1, 'promoter', { 'rp:promoter:90': 1, 'rp:promoter:30': 1 }],
    [30, 'detractor', { 'rp:detractor:90': 1, 'rp:detractor:30': 1 }],
    [40, 'passive', { 'rp:passive:90': 1 }], // a first repeat on day 40: within 90 only
    [90, 'promoter', { 'rp:promoter:90': 1 }],
    [91, 'promoter', undefined],
    [0, 'promoter', undefined], // not later than the answer
    [-2, 'promoter', undefined], // bought before answering
  ] as const)('%i days after the answer (%s)', (days, band, expected) => {
    expect(repeatIncrements(band, T0, at(T0, days * DAY))).toEqual(expected);
  });
});

test('invitations: a dispatched one counts sent when sent; a receipt counts sent with its first view', () => {
  expect(sentIncrements('sms')).toEqual({ 'i:sms:sent': 1 });
  expect(openedIncrements('subscribe_message')).toEqual({ 'i:subscribe_message:opened': 1 });
  expect(openedIncrements('receipt')).toEqual({ 'i:receipt:opened': 1, 'i:receipt:sent': 1 });
});

test('rows: loop events on brand, region and store; invitations also on touchpoint and store × touchpoint', () => {
  const ctx = { brandId: 'b', region: 'east', storeId: 's1', touchpoint: 'pickup' };
  expect(loopTargets(ctx).map((t) => `${t.dimension}:${t.key}`)).toEqual(['brand:b', 'region:east', 'store:s1']);
  expect(invitationTargets(ctx).map((t) => `${t.dimension}:${t.key}`)).toEqual(['brand:b', 'region:east', 'store:s1', 'touchpoint:pickup', 'store_touchpoint:s1|pickup']);
});
