import { addDays } from '@xinsheng/shared';

/**
 * Which counter rows a metrics request reads. A request needs the cells of a few day intervals
 * (the period, the period before it, and for a trend each bucket and the bucket before it). Each
 * group partition holds day rows (`D#YYYY-MM-DD`) and month roll-ups (`M#YYYY-MM`); a closed month
 * that no interval cuts in two is read as its one roll-up, every other day as its day row. So a
 * 400-day range reads ≈ 13 roll-ups and the ragged ends' days, in a few Queries per group.
 */

export interface DayInterval {
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface ReadPlan {
  /** Day rows to read: each a contiguous range (one Query `sk BETWEEN D#from AND D#to`). */
  dayRanges: DayInterval[];
  /** Month roll-ups to read (`YYYY-MM`, ascending; one Query over their span). */
  months: string[];
}

/** The rows read for one group: day rows by day, roll-ups by month. */
export interface GroupRows {
  days: Map<string, Record<string, unknown>>;
  months: Map<string, Record<string, unknown>>;
}

export const monthOf = (day: string) => day.slice(0, 7);
export const monthStart = (month: string) => `${month}-01`;
export const monthEnd = (month: string) => addDays(`${nextMonth(month)}-01`, -1);
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const contains = (outer: DayInterval, inner: DayInterval) => outer.from <= inner.from && inner.to <= outer.to;
const disjoint = (a: DayInterval, b: DayInterval) => a.to < b.from || b.to < a.from;

/**
 * The rows that answer every interval exactly, with whole closed months read as roll-ups
 * (`isClosed`: periods' isMonthClosed on the stores' today). Like periods' `decompose`, for several
 * intervals at once: a month is a roll-up only if no interval cuts it, and the days left over are
 * merged into contiguous ranges, one Query each.
 */
export function readPlan(intervals: readonly DayInterval[], isClosed: (month: string) => boolean): ReadPlan {
  if (!intervals.length) return { dayRanges: [], months: [] };
  const lo = intervals.reduce((min, i) => (i.from < min ? i.from : min), intervals[0].from);
  const hi = intervals.reduce((max, i) => (i.to > max ? i.to : max), intervals[0].to);

  const months: string[] = [];
  for (let month = monthOf(lo); monthStart(month) <= hi; month = monthOf(addDays(monthEnd(month), 1))) {
    const whole = { from: monthStart(month), to: monthEnd(month) };
    if (whole.from < lo || whole.to > hi || !isClosed(month)) continue;
    if (intervals.every((i) => contains(i, whole) || disjoint(i, whole))) months.push(month);
  }

  const dayRanges: DayInterval[] = [];
  const skipped = new Set(months);
  let open: DayInterval | undefined;
  for (let day = lo; day <= hi; day = addDays(day, 1)) {
    if (skipped.has(monthOf(day))) {
      open = undefined;
      day = monthEnd(monthOf(day));
      continue;
    }
    if (open) open.to = day;
    else dayRanges.push((open = { from: day, to: day }));
  }
  return { dayRanges, months };
}

/** The rows of a group that make up one interval: its day rows and the roll-ups of the months inside it. */
export function rowsWithin(rows: GroupRows, interval: DayInterval): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [day, row] of rows.days) if (day >= interval.from && day <= interval.to) out.push(row);
  for (const [month, row] of rows.months) if (contains(interval, { from: monthStart(month), to: monthEnd(month) })) out.push(row);
  return out;
}
