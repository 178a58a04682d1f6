import { addDays, daysBetween, weekStart } from '@xinsheng/shared';

/**
 * Which counter rows a metrics request reads. A request needs the cells of a few day intervals
 * (the period, the period before it, and for a trend each bucket and the bucket before it). Each
 * group partition holds day rows (`D#YYYY-MM-DD`) and month roll-ups (`M#YYYY-MM`); a closed month
 * that no interval cuts in two is read as its one roll-up, every other day as its day row. So a
 * 400-day range reads ≈ 13 roll-ups and the ragged ends' days, in a few Queries per group.
 * The store league's partitions also hold week rows (`W#<Monday>`, written by the stream as it goes,
 * so always the sum of their days): for them, whole weeks that no interval cuts are read as their week
 * rows too (a 28-day period and the one before: ≈ 6 week rows and 14 days instead of 56 days). The
 * week still going on counts as whole once the days left of it have not begun anywhere (`lastDay`):
 * its row then holds exactly its days so far, so a period ending today reads it instead of those days
 * (7 week rows and 9 days).
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
  /** Week rows to read (their Mondays, ascending; one Query over their span); only when asked for. */
  weeks: string[];
  /** The last day any row can hold yet (weeks only): a week row stands for its days up to it. */
  lastDay?: string;
}

/** The rows read for one group: day rows by day, roll-ups by month, week rows by Monday. */
export interface GroupRows {
  days: Map<string, Record<string, unknown>>;
  months: Map<string, Record<string, unknown>>;
  weeks: Map<string, Record<string, unknown>>;
  /** The plan's `lastDay`: a week row holds its days up to it. */
  lastDay?: string;
}

export const weekEnd = (monday: string) => addDays(monday, 6);
/** The days a week row holds: its whole week, or, for the week going on, its days up to `lastDay` (no row holds a later day yet). */
const weekHeld = (monday: string, lastDay?: string): DayInterval => ({ from: monday, to: lastDay !== undefined && monday <= lastDay && lastDay < weekEnd(monday) ? lastDay : weekEnd(monday) });

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
/**
 * What a plan costs one group in read units, its rows being about `rowBytes` each: each Query is
 * 0.5 unit per 4 KB it returns (eventually consistent), and at least 0.5.
 */
export function planReadUnits(plan: ReadPlan, rowBytes: number): number {
  const query = (rows: number) => Math.max(1, Math.ceil((rows * rowBytes) / 4096)) * 0.5;
  return plan.dayRanges.reduce((sum, r) => sum + query(daysBetween(r.from, r.to) + 1), 0) + (plan.months.length ? query(plan.months.length) : 0) + (plan.weeks.length ? query(plan.weeks.length) : 0);
}

/**
 * The plan, and for groups with week rows (`weeks`: their rows' size) the cheaper of the plans with and
 * without them: week rows save rows but cut the days into more Queries, which only pays when rows are
 * wide (a league partition of a big chain) — a small chain's few-byte rows are cheaper in fewer Queries.
 */
export function readPlan(intervals: readonly DayInterval[], isClosed: (month: string) => boolean, options: { weeks?: { rowBytes: number; lastDay?: string } } = {}): ReadPlan {
  const plain = planOf(intervals, isClosed, false);
  if (!options.weeks) return plain;
  const withWeeks = planOf(intervals, isClosed, true, options.weeks.lastDay);
  return planReadUnits(withWeeks, options.weeks.rowBytes) < planReadUnits(plain, options.weeks.rowBytes) ? withWeeks : plain;
}

function planOf(intervals: readonly DayInterval[], isClosed: (month: string) => boolean, useWeeks: boolean, lastDay?: string): ReadPlan {
  if (!intervals.length) return { dayRanges: [], months: [], weeks: [] };
  const lo = intervals.reduce((min, i) => (i.from < min ? i.from : min), intervals[0].from);
  const hi = intervals.reduce((max, i) => (i.to > max ? i.to : max), intervals[0].to);
  const uncut = (whole: DayInterval) => whole.from >= lo && whole.to <= hi && intervals.every((i) => contains(i, whole) || disjoint(i, whole));

  const months: string[] = [];
  for (let month = monthOf(lo); monthStart(month) <= hi; month = monthOf(addDays(monthEnd(month), 1))) {
    if (isClosed(month) && uncut({ from: monthStart(month), to: monthEnd(month) })) months.push(month);
  }
  const inMonths = new Set(months);
  const weeks: string[] = [];
  if (useWeeks) {
    for (let monday = weekStart(lo); monday <= hi; monday = addDays(monday, 7)) {
      if (uncut(weekHeld(monday, lastDay)) && !inMonths.has(monthOf(monday)) && !inMonths.has(monthOf(weekEnd(monday)))) weeks.push(monday);
    }
  }
  const inWeeks = new Set(weeks);

  const dayRanges: DayInterval[] = [];
  let open: DayInterval | undefined;
  for (let day = lo; day <= hi; day = addDays(day, 1)) {
    const covered = inMonths.has(monthOf(day)) ? monthEnd(monthOf(day)) : inWeeks.has(weekStart(day)) ? weekEnd(weekStart(day)) : undefined;
    if (covered) {
      open = undefined;
      day = covered;
      continue;
    }
    if (open) open.to = day;
    else dayRanges.push((open = { from: day, to: day }));
  }
  return { dayRanges, months, weeks, ...(weeks.length && lastDay !== undefined ? { lastDay } : {}) };
}

/** The rows of a group that make up one interval: its day rows and the roll-ups of the months and weeks inside it. */
export function rowsWithin(rows: GroupRows, interval: DayInterval): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [day, row] of rows.days) if (day >= interval.from && day <= interval.to) out.push(row);
  for (const [month, row] of rows.months) if (contains(interval, { from: monthStart(month), to: monthEnd(month) })) out.push(row);
  for (const [monday, row] of rows.weeks) if (contains(interval, weekHeld(monday, rows.lastDay))) out.push(row);
  return out;
}
