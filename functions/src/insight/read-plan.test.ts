import { addDays, isMonthClosed } from '@xinsheng/shared';
import { monthEnd, readPlan, rowsWithin, type GroupRows } from './read-plan';

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
    expect(plan).toEqual({ dayRanges: [{ from: '2026-01-18', to: '2026-03-14' }], months: [] });
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
    expect(plan).toEqual({ dayRanges: [{ from: '2026-02-01', to: '2026-02-28' }], months: [] });
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
    };
    expect(rowsWithin(rows, { from: '2026-02-01', to: '2026-03-01' })).toEqual([{ n9: 2 }, { n9: 8 }]);
    expect(rowsWithin(rows, { from: '2026-02-02', to: '2026-03-02' })).toEqual([{ n9: 2 }, { n9: 4 }]);
  });
});
