import { DEFAULT_SLA_HOURS, callbackPriority, consumerFollowUp, needsCallback } from './follow-up';

describe('needsCallback', () => {
  it.each([
    [{ nps: 6 }, true], [{ nps: 7 }, false], [{ nps: 0 }, true], [{ nps: 9, csat: 2 }, true], [{ nps: 9, csat: 3 }, false], [{ nps: 10 }, false],
  ])('%j → %s', (answers, expected) => expect(needsCallback(answers)).toBe(expected));
});

describe('callbackPriority', () => {
  it.each([
    [{ nps: 3 }, 'urgent'], [{ nps: 4 }, 'normal'], [{ nps: 6, comment: '我要投诉店长' }, 'urgent'],
    [{ nps: 5, comment: '要求退款' }, 'urgent'], [{ nps: 5, comment: '已打12315' }, 'urgent'], [{ nps: 5, comment: 'I want a REFUND' }, 'urgent'],
    [{ nps: 6, comment: '排队有点久' }, 'normal'],
  ] as const)('%j → %s', (answers, expected) => expect(callbackPriority(answers)).toBe(expected));
});

describe('consumerFollowUp', () => {
  const brand = { slaHours: { urgent: 2, normal: 8 } };
  test.each([
    ['a promoter', { nps: 9 }, brand, { callback: false }],
    ['a detractor, the brand’s normal SLA', { nps: 5 }, brand, { callback: true, slaHours: 8 }],
    ['an urgent detractor, the brand’s urgent SLA', { nps: 2 }, brand, { callback: true, slaHours: 2 }],
    ['a passive with CSAT 1 and a refund', { nps: 7, csat: 1, comment: '我要退款' }, brand, { callback: true, slaHours: 2 }],
    ['the brand’s own urgent words', { nps: 5, comment: 'manager please' }, { ...brand, urgentKeywords: ['manager'] }, { callback: true, slaHours: 2 }],
    ['no policy: the defaults', { nps: 5 }, undefined, { callback: true, slaHours: DEFAULT_SLA_HOURS.normal }],
  ])('%s', (_name, answers, policy, expected) => expect(consumerFollowUp(answers, policy)).toEqual(expected));
});
