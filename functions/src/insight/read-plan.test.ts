import fc from 'fast-check';
import { addDays, isMonthClosed, weekStart } from '@xinsheng/shared';
import { monthEnd, monthOf, planReadUnits, readPlan, rowsWithin, weekEnd, type DayInterval, type GroupRows } from './read-plan';

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
    const wide = { weeks: { rowBytes: 2600 } }; // a league row of a 500-store chain
    const plan = readPlan([{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }], closed, wide);
    // The week of 9–15 February is cut by the periods' boundary; 9–15 March runs past the period.
    expect(plan.weeks).toEqual(['2026-01-19', '2026-01-26', '2026-02-02', '2026-02-16', '2026-02-23', '2026-03-02']);
    expect(plan.dayRanges).toEqual([{ from: '2026-01-18', to: '2026-01-18' }, { from: '2026-02-09', to: '2026-02-15' }, { from: '2026-03-09', to: '2026-03-14' }]);
    expect(plan.months).toEqual([]);
    // 4 Queries of 20 rows (7 units) instead of one of 56 rows (18 units); a small chain's narrow rows stay in one Query.
    expect(planReadUnits(plan, 2600)).toBe(7);
    expect(planReadUnits(readPlan([{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }], closed), 2600)).toBe(18);
    const narrow = readPlan([{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }], closed, { weeks: { rowBytes: 100 } });
    expect(narrow).toEqual({ dayRanges: [{ from: '2026-01-18', to: '2026-03-14' }], months: [], weeks: [] });
  });

  test('the week going on counts as whole up to the last day any row holds: a period ending today reads its row, not its days', () => {
    const periods = [{ from: '2026-02-15', to: '2026-03-14' }, { from: '2026-01-18', to: '2026-02-14' }];
    // 14 March is a Saturday: the week of 9 March has begun everywhere, its Sunday not yet.
    const plan = readPlan(periods, closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-14' } });
    expect(plan.weeks).toEqual(['2026-01-19', '2026-01-26', '2026-02-02', '2026-02-16', '2026-02-23', '2026-03-02', '2026-03-09']);
    expect(plan.dayRanges).toEqual([{ from: '2026-01-18', to: '2026-01-18' }, { from: '2026-02-09', to: '2026-02-15' }]);
    expect(plan.lastDay).toBe('2026-03-14');
    // 3 Queries of 15 rows (5.5 units) instead of 4 of 20 (7).
    expect(planReadUnits(plan, 2600)).toBe(5.5);
    // A store somewhere already on Sunday: the week's row may hold a day the period leaves out — its days are read.
    expect(readPlan(periods, closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-15' } }).weeks).not.toContain('2026-03-09');
    // A period ending before the last day leaves the week cut as before.
    expect(readPlan([{ from: '2026-02-14', to: '2026-03-13' }], closed, { weeks: { rowBytes: 2600, lastDay: '2026-03-14' } }).weeks).not.toContain('2026-03-09');
  });

  test('months first, weeks only in what the months leave, never a week that reaches into a month read whole', () => {
    const plan = readPlan([{ from: '2025-12-01', to: '2026-02-28' }], closed, { weeks: { rowBytes: 2600 } });
    expect(plan.months).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(plan.weeks).toEqual([]);
    const ragged = readPlan([{ from: '2025-11-20', to: '2026-01-31' }], closed, { weeks: { rowBytes: 2600 } });
    expect(ragged.months).toEqual(['2025-12', '2026-01']);
    // 24–30 November is whole and inside the range; 1 December's week reaches into a month read whole.
    expect(ragged.weeks).toEqual(['2025-11-24']);
    expect(ragged.dayRanges).toEqual([{ from: '2025-11-20', to: '2025-11-23' }]);
  });

  test('every day of every interval is read exactly once, as a day, in a month or in a week (any intervals)', () => {
    const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2024-01-01', n));
    const interval = fc.tuple(day, fc.integer({ min: 1, max: 120 })).map(([from, length]) => ({ from, to: addDays(from, length - 1) }));
    fc.assert(
      fc.property(fc.array(interval, { minLength: 1, maxLength: 5 }), fc.constantFrom(0, 100, 2600, 20_000), fc.option(day, { nil: undefined }), (intervals: DayInterval[], rowBytes, lastDay) => {
        const plan = readPlan(intervals, (m) => isMonthClosed(m, '2026-06-30'), rowBytes ? { weeks: { rowBytes, lastDay } } : {});
        const inDays = (d: string) => plan.dayRanges.some((r) => r.from <= d && d <= r.to);
        // What a week row holds: its days, the week going on only up to the last day (later days hold nothing yet).
        const held = (monday: string) => (lastDay !== undefined && monday <= lastDay && lastDay < weekEnd(monday) ? lastDay : weekEnd(monday));
        for (const i of intervals) {
          for (let d = i.from; d <= i.to && (lastDay === undefined || d <= lastDay); d = addDays(d, 1)) {
            const month = plan.months.includes(monthOf(d)) && i.from <= `${monthOf(d)}-01` && monthEnd(monthOf(d)) <= i.to;
            const week = plan.weeks.includes(weekStart(d)) && i.from <= weekStart(d) && held(weekStart(d)) <= i.to;
            expect(Number(inDays(d)) + Number(month) + Number(week)).toBe(1);
          }
        }
      }),
      { numRuns: 500 },
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
    };
    expect(rowsWithin(rows, { from: '2026-02-01', to: '2026-03-01' })).toEqual([{ n9: 2 }, { n9: 8 }]);
    expect(rowsWithin(rows, { from: '2026-02-02', to: '2026-03-02' })).toEqual([{ n9: 2 }, { n9: 4 }]);
    // A week row counts only in an interval that holds the whole week.
    expect(rowsWithin(rows, { from: '2026-03-02', to: '2026-03-15' })).toEqual([{ n9: 4 }, { n9: 16 }]);
    expect(rowsWithin(rows, { from: '2026-03-02', to: '2026-03-14' })).toEqual([{ n9: 4 }]);
    // The week going on, with nothing after 14 March yet: its row is its days up to then.
    expect(rowsWithin({ ...rows, lastDay: '2026-03-14' }, { from: '2026-03-02', to: '2026-03-14' })).toEqual([{ n9: 4 }, { n9: 16 }]);
    expect(rowsWithin({ ...rows, lastDay: '2026-03-14' }, { from: '2026-03-10', to: '2026-03-14' })).toEqual([]);
  });
});
