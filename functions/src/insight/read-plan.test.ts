import fc from 'fast-check';
import { addDays, isMonthClosed } from '@xinsheng/shared';
import { monthEnd, planReadUnits, readPlan, rowsWithin, weekEnd, type DayInterval, type GroupRows } from './read-plan';

const closed = (month: string) => isMonthClosed(month, '2026-03-15');

describe('month arithmetic', () => {
  test.each([
    ['2024-02', '2024-02-29'],
    ['2025-02', '2025-02-28'],
    ['2025-12', '2025-12-31'],
  ])('%s ends on %s', (month, end) => expect(monthEnd(month)).toBe(end));
});

describe('readPlan', () => {
  test('a 28-day period and the 28 days before it inside two months: days only', () => {
    const plan = readPlan([{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }], closed);
    expect(plan).toEqual({ dayRanges: [{ from: '2026-01-18', to: '2026-03-14' }], months: [], weeks: [] });
  });

  test('the same for the league (week rows): six whole weeks, the ragged days around them', () => {
    const wide = { weeks: { rowBytes: 2600, cut: true } }; // a league row of a 500-store chain
    const plan = readPlan([{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }], closed, wide);
    // The week of 9–15 February is cut by the periods' boundary; 9–15 March runs past the period.
    expect(plan.weeks).toEqual(['2026-01-19', '2026-01-26', '2026-02-02', '2026-02-16', '2026-02-23', '2026-03-02']);
    expect(plan.dayRanges).toEqual([{ from: '2026-01-18', to: '2026-01-18' }, { from: '2026-02-09', to: '2026-02-15' }, { from: '2026-03-09', to: '2026-03-14' }]);
    expect(plan.months).toEqual([]);
    // 4 Queries of 20 rows (7 units) instead of one of 56 rows (18 units); a small chain's narrow rows stay in one Query.
    expect(planReadUnits(plan, 2600)).toBe(7);
    expect(planReadUnits(readPlan([{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }], closed), 2600)).toBe(18);
    const narrow = readPlan([{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }], closed, { weeks: { rowBytes: 100, cut: true } });
    expect(narrow).toEqual({ dayRanges: [{ from: '2026-01-18', to: '2026-03-14' }], months: [], weeks: [] });
  });

  test('the week going on counts as whole up to the last day any row holds: a period ending today reads its row, not its days', () => {
    const periods = [{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }];
    // 14 March is a Saturday: the week of 9 March has begun everywhere, its Sunday not yet.
    const plan = readPlan(periods, closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-14', cut: true } });
    expect(plan.weeks).toContain('2026-03-09');
    expect(plan.lastDay).toBe('2026-03-14');
    // A store somewhere already on Sunday: the week's row may hold a day the period leaves out — its days are read.
    expect(readPlan(periods, closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-15', cut: true } }).weeks).not.toContain('2026-03-09');
    // A period ending before the last day leaves the week cut, and not settled: its days are read.
    expect(readPlan([{ from: '2026-02-14', to: '2026-03-13' }], closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-14', cut: true } }).weeks).not.toContain('2026-03-09');
  });

  test('a settled week cut by the periods’ boundary: its row and the days of its smaller part', () => {
    const periods = [{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }];
    const plan = readPlan(periods, closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-14', cut: true } });
    // 9–15 February: 6 days of the period before, Sunday the 15th of this one — its row and that Sunday.
    // 12–18 January: one day of the range (the 18th) against six outside it — its day alone.
    expect(plan.weeks).toEqual(['2026-01-19', '2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09']);
    expect(plan.dayRanges).toEqual([{ from: '2026-01-18', to: '2026-01-18' }, { from: '2026-02-15', to: '2026-02-15' }]);
    // 3 Queries of 10 rows (4 units) instead of 3 of 15 (5.5) with whole weeks only.
    expect(planReadUnits(plan, 2600)).toBe(4);
    // The range's first week, mostly inside it: its row and the days before the range.
    const early = readPlan([{ from: '2026-02-11', to: '2026-03-14' }], closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-14', cut: true } });
    expect(early.weeks[0]).toBe('2026-02-09');
    expect(early.dayRanges).toEqual([{ from: '2026-02-09', to: '2026-02-10' }]);
    // A week that ended only yesterday is not settled yet (a store behind may still be on its Sunday): its days are read.
    const recent = readPlan([{ from: '2026-03-11', to: '2026-03-16' }, { from: '2026-03-05', to: '2026-03-10' }], closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-16', cut: true } });
    expect(recent.weeks).not.toContain('2026-03-09');
  });

  test('figures with late counters (the loop, outcomes) read whole weeks only: a cut week is read as its days', () => {
    // The loop's 90 days ending Sunday 6 December 2026, with the brand's week rows.
    const loop = readPlan([{ from: '2026-09-08', to: '2026-12-06' }], (m) => isMonthClosed(m, '2026-12-06'), { weeks: { rowBytes: 1600, lastDay: '2026-12-06', cut: false } });
    expect(loop.months).toEqual(['2026-10', '2026-11']);
    // 14–27 September whole; the week of 7 September is cut by the period (its days); 28 September and 30 November reach into months read whole.
    expect(loop.weeks).toEqual(['2026-09-14', '2026-09-21']);
    expect(loop.dayRanges).toEqual([{ from: '2026-09-08', to: '2026-09-13' }, { from: '2026-09-28', to: '2026-09-30' }, { from: '2026-12-01', to: '2026-12-06' }]);
    // The same with cutting: the week of 7 September would be its row less the 7th.
    const cut = readPlan([{ from: '2026-09-08', to: '2026-12-06' }], (m) => isMonthClosed(m, '2026-12-06'), { weeks: { rowBytes: 1600, lastDay: '2026-12-06', cut: true } });
    expect(cut.weeks[0]).toBe('2026-09-07');
    // The default 28 days ending today: the four weeks' rows, no day.
    const recent = readPlan([{ from: '2026-11-09', to: '2026-12-06' }], (m) => isMonthClosed(m, '2026-12-06'), { weeks: { rowBytes: 1600, lastDay: '2026-12-06', cut: false } });
    expect(recent).toEqual({ dayRanges: [], months: [], weeks: ['2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'], lastDay: '2026-12-06' });
  });

  test('months first, weeks only in what the months leave, never a week that reaches into a month read whole', () => {
    const plan = readPlan([{ from: '2025-12-01', to: '2026-02-28' }], closed, { weeks: { rowBytes: 2600, cut: true } });
    expect(plan.months).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(plan.weeks).toEqual([]);
    const ragged = readPlan([{ from: '2025-11-20', to: '2026-01-31' }], closed, { weeks: { rowBytes: 2600, cut: true } });
    expect(ragged.months).toEqual(['2025-12', '2026-01']);
    // 24–30 November is whole and inside the range; 1 December's week reaches into a month read whole.
    expect(ragged.weeks).toEqual(['2025-11-24']);
    expect(ragged.dayRanges).toEqual([{ from: '2025-11-20', to: '2025-11-23' }]);
  });

  test('every interval sums to its days, whatever the plan reads: days, months, whole weeks, cut weeks less their outside days, missing week rows', () => {
    const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2024-01-01', n));
    const interval = fc.tuple(day, fc.integer({ min: 1, max: 120 })).map(([from, length]) => ({ from, to: addDays(from, length - 1) }));
    // Each day's count: a hash of the day, so every day differs (0 for some: days without a row).
    const count = (d: string) => [...d].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1009, 7) % 13;
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 5 }), fc.constantFrom(0, 100, 2600, 20_000), fc.option(day, { nil: undefined }), fc.integer({ min: 0, max: 7 }), fc.boolean(), (intervals: DayInterval[], rowBytes, lastDay, missingEvery, cut) => {
        const plan = readPlan(intervals, (m) => isMonthClosed(m, '2026-06-30'), rowBytes ? { weeks: { rowBytes, lastDay, cut } } : {});
        // Nothing is counted after the last day any row holds.
        const stored = (d: string) => (lastDay !== undefined && d > lastDay ? 0 : count(d));
        const row = (days: string[]) => ({ n: days.reduce((sum, d) => sum + stored(d), 0) });
        const span = (from: string, to: string) => Array.from({ length: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1 }, (_, i) => addDays(from, i));
        // What readGroup hands over: the planned day rows that exist, the roll-ups, the week rows — and a missing week row's days instead.
        const rows: GroupRows = { days: new Map(), months: new Map(), weeks: new Map(), dayRanges: plan.dayRanges, ...(plan.lastDay !== undefined ? { lastDay: plan.lastDay } : {}) };
        const readDays = (from: string, to: string) => span(from, to).forEach((d) => stored(d) && rows.days.set(d, row([d])));
        plan.dayRanges.forEach((r) => readDays(r.from, r.to));
        plan.months.forEach((m) => rows.months.set(m, row(span(`${m}-01`, monthEnd(m)))));
        plan.weeks.forEach((monday, i) => (missingEvery && i % missingEvery === 0 ? readDays(monday, weekEnd(monday)) : rows.weeks.set(monday, row(span(monday, weekEnd(monday))))));
        for (const i of intervals) {
          const { plus, minus } = rowsWithin(rows, i);
          // Without cutting, no row is read less days outside it (late counters may change between the reads).
          if (!cut) expect(minus).toEqual([]);
          const sum = plus.reduce((s, r) => s + Number(r.n), 0) - minus.reduce((s, r) => s + Number(r.n), 0);
          expect(sum).toBe(row(span(i.from, i.to)).n);
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('400 days and the 400 before: whole closed months as roll-ups, the ragged ends as days — 4 Queries at most', () => {
    const current = { from: '2025-02-09', to: '2026-03-14' };
    const previous = { from: addDays(current.from, -400), to: addDays(current.from, -1) };
    const plan = readPlan([current, previous], closed);
    // The month cut by the period boundary (2025-02) is read as days; so is the open month (2026-03).
    expect(plan.dayRanges).toEqual([
      { from: previous.from, to: '2024-01-31' },
      { from: '2025-02-01', to: '2025-02-28' },
      { from: '2026-03-01', to: '2026-03-14' },
    ]);
    expect(plan.months[0]).toBe('2024-02');
    expect(plan.months).toHaveLength(24);
    expect(plan.months).not.toContain('2025-02');
    expect(plan.dayRanges.length + 1).toBeLessThanOrEqual(4);
  });

  test('a month that is not closed yet is read as days', () => {
    const plan = readPlan([{ from: '2026-02-01', to: '2026-02-28' }], (m) => isMonthClosed(m, '2026-03-01'));
    expect(plan).toEqual({ dayRanges: [{ from: '2026-02-01', to: '2026-02-28' }], months: [], weeks: [] });
  });

  test('a week bucket that cuts a month keeps that month in days', () => {
    const plan = readPlan([{ from: '2025-12-29', to: '2026-01-04' }, { from: '2026-01-05', to: '2026-01-31' }], closed);
    expect(plan.months).toEqual([]);
  });
});

describe('rowsWithin', () => {
  test('sums the day rows inside an interval and the roll-ups of the months it holds whole', () => {
    const rows: GroupRows = {
      days: new Map([['2026-01-31', { n9: 1 }], ['2026-03-01', { n9: 2 }], ['2026-03-02', { n9: 4 }]]),
      months: new Map([['2026-02', { n9: 8 }]]),
      weeks: new Map([['2026-03-09', { n9: 16 }]]),
      dayRanges: [{ from: '2026-01-31', to: '2026-01-31' }, { from: '2026-03-01', to: '2026-03-02' }],
    };
    const plus = (interval: DayInterval, from = rows) => {
      const within = rowsWithin(from, interval);
      expect(within.minus).toEqual([]);
      return within.plus;
    };
    expect(plus({ from: '2026-02-01', to: '2026-03-01' })).toEqual([{ n9: 2 }, { n9: 8 }]);
    expect(plus({ from: '2026-02-02', to: '2026-03-02' })).toEqual([{ n9: 2 }, { n9: 4 }]);
    // A week row counts only in an interval that holds the whole week.
    expect(plus({ from: '2026-03-02', to: '2026-03-15' })).toEqual([{ n9: 16 }, { n9: 4 }]);
    // The week going on, with nothing after 14 March yet: its row is its days up to then.
    expect(plus({ from: '2026-03-02', to: '2026-03-14' }, { ...rows, lastDay: '2026-03-14' })).toEqual([{ n9: 16 }, { n9: 4 }]);
  });

  test('a cut week: the interval with its larger part takes the row less the days outside; the other, its days', () => {
    const rows: GroupRows = {
      days: new Map([['2026-03-15', { n9: 2 }], ['2026-03-16', { n9: 4 }]]),
      months: new Map(),
      weeks: new Map([['2026-03-09', { n9: 32 }]]),
      dayRanges: [{ from: '2026-03-15', to: '2026-03-16' }],
    };
    expect(rowsWithin(rows, { from: '2026-03-02', to: '2026-03-14' })).toEqual({ plus: [{ n9: 32 }], minus: [{ n9: 2 }] });
    expect(rowsWithin(rows, { from: '2026-03-15', to: '2026-03-20' })).toEqual({ plus: [{ n9: 2 }, { n9: 4 }], minus: [] });
    // A day of the week the plan did not read cannot be taken off: a plan and its rows that disagree fail loudly.
    expect(() => rowsWithin({ ...rows, dayRanges: [] }, { from: '2026-03-02', to: '2026-03-14' })).toThrow(/2026-03-15/);
  });
});
