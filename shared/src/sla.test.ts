import { businessMillisBetween, slaDueAt, ZBusinessHours } from './sla';

const SH = 'Asia/Shanghai';
const HOUR = 3_600_000;

// Shanghai is UTC+8 all year (no DST): 09:00 local = 01:00Z, 21:00 local = 13:00Z.
describe('slaDueAt (Asia/Shanghai, 09:00–21:00)', () => {
  test.each([
    ['inside hours, fits the day', '2026-03-10T02:00:00Z', 4, '2026-03-10T06:00:00Z'],
    ['inside hours, ends exactly at close', '2026-03-10T09:00:00Z', 4, '2026-03-10T13:00:00Z'],
    ['inside hours, carries over to next opening', '2026-03-10T11:00:00Z', 4, '2026-03-11T03:00:00Z'],
    ['before opening starts at 09:00', '2026-03-09T22:00:00Z', 4, '2026-03-10T05:00:00Z'],
    ['after close starts at next 09:00', '2026-03-10T14:30:00Z', 4, '2026-03-11T05:00:00Z'],
    ['just after midnight local', '2026-03-10T16:05:00Z', 4, '2026-03-11T05:00:00Z'],
    ['24 business hours = two full days', '2026-03-10T01:00:00Z', 24, '2026-03-11T13:00:00Z'],
    ['24 business hours from mid-afternoon', '2026-03-10T07:00:00Z', 24, '2026-03-12T07:00:00Z'],
    ['across a month and year end', '2026-12-31T12:00:00Z', 4, '2027-01-01T04:00:00Z'],
    ['zero hours inside the window is now', '2026-03-10T03:00:00Z', 0, '2026-03-10T03:00:00Z'],
    ['zero hours at night is the next opening', '2026-03-10T15:00:00Z', 0, '2026-03-11T01:00:00Z'],
  ])('%s: %s + %dh → %s', (_name, from, hours, due) => {
    expect(slaDueAt(new Date(from), hours, SH).toISOString()).toBe(new Date(due).toISOString());
  });

  test('custom business hours (08:30–17:30)', () => {
    expect(slaDueAt(new Date('2026-03-10T08:00:00Z'), 2, SH, { start: '08:30', end: '17:30' }).toISOString()).toBe('2026-03-11T01:00:00.000Z') // 16:00→17:30 local, then 08:30→09:00;
  });

  test('fractional hours', () => {
    expect(slaDueAt(new Date('2026-03-10T02:00:00Z'), 1.5, SH).toISOString()).toBe('2026-03-10T03:30:00.000Z');
  });

  test('a DST zone keeps its local window (America/New_York, spring forward 2026-03-08)', () => {
    // Sat 2026-03-07 20:00 EST (01:00Z on the 8th); 4h → 1h on Sat + 3h from Sun 09:00 EDT (13:00Z) → 16:00Z.
    expect(slaDueAt(new Date('2026-03-08T01:00:00Z'), 4, 'America/New_York').toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });
});

describe('businessMillisBetween', () => {
  test.each([
    ['same window', '2026-03-10T02:00:00Z', '2026-03-10T05:00:00Z', 3],
    ['overnight counts nothing', '2026-03-10T13:00:00Z', '2026-03-11T01:00:00Z', 0],
    ['across a night', '2026-03-10T11:00:00Z', '2026-03-11T03:00:00Z', 4],
    ['reversed is zero', '2026-03-11T03:00:00Z', '2026-03-10T11:00:00Z', 0],
  ])('%s', (_name, from, to, hours) => {
    expect(businessMillisBetween(new Date(from), new Date(to), SH)).toBe(hours * HOUR);
  });

  test('inverse of slaDueAt', () => {
    const from = new Date('2026-03-10T10:17:00Z');
    expect(businessMillisBetween(from, slaDueAt(from, 24, SH), SH)).toBe(24 * HOUR);
  });
});

describe('ZBusinessHours', () => {
  test('rejects an inverted window', () => {
    expect(ZBusinessHours.safeParse({ start: '21:00', end: '09:00' }).success).toBe(false);
    expect(ZBusinessHours.safeParse({ start: '09:00', end: '21:00' }).success).toBe(true);
  });
});
