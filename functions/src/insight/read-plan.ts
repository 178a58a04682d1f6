import { addDays, daysBetween, weekStart } from '@xinsheng/shared';

/**
 * Which counter rows a metrics request reads. A request needs the cells of a few day intervals
 * (the period, the period before it, and for a trend each bucket and the bucket before it). Each
 * group partition holds day rows (`D#YYYY-MM-DD`) and month roll-ups (`M#YYYY-MM`); a closed month
 * that no interval cuts in two is read as its one roll-up, every other day as its day row. So a
 * 400-day range reads ≈ 13 roll-ups and the ragged ends' days, in a few Queries per group.
 * The store league's partitions and the brand's also hold week rows (`W#<Monday>`, added to with
 * their days, so always the sum of them: counters.ts `eventRows`): for them, whole weeks that no
 * interval cuts are read as their week rows too. The week still going on counts as whole once the
 * days left of it have not begun anywhere (`lastDay`): its row then holds exactly its days so far, so
 * a period ending today reads it instead of those days. For figures of settled counters only
 * (`WeekOptions.cut`), a week that ended (everywhere, a day before `lastDay`) and is cut — by the
 * boundary between two periods, or by the range's first day — is read as its row and the days of its
 * smaller parts: an interval holding its larger part takes the row less the days outside. A 28-day
 * period and the one before, ending today: 7 week rows and ≈ 4 days instead of 56 days (or 7 and 9
 * with whole weeks only). Only settled weeks are cut, and only for counters no later event changes,
 * so a row read and the days taken from it do not change between the two reads.
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
  /** The plan's day ranges: which days were read (a day without a row had no answers). */
  dayRanges: DayInterval[];
  /** The plan's `lastDay`: a week row holds its days up to it. */
  lastDay?: string;
}

/** Rows that sum to an interval's counts: `plus` added, `minus` taken off (the days outside a cut week). */
export interface IntervalRows {
  plus: Record<string, unknown>[];
  minus: Record<string, unknown>[];
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
const holds = (interval: DayInterval, day: string) => interval.from <= day && day <= interval.to;
function daysOf(interval: DayInterval): string[] {
  const days: string[] = [];
  for (let day = interval.from; day <= interval.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * Which days of a week to read beside its row, or undefined when its days are cheaper read alone.
 * The week's days fall into parts by which intervals hold them (and a part no interval holds, when it
 * reaches past the range): an uncut week needs no day. A cut one (`mayCut`: settled) is read as its
 * row and every day but those of its largest part, when that is fewer rows than the days the
 * intervals need — each interval then holds the largest part whole (row less the days outside it) or
 * not at all (its days, read).
 */
function daysBesideWeek(held: DayInterval, intervals: readonly DayInterval[], mayCut: boolean): string[] | undefined {
  const days = daysOf(held);
  const parts = new Map<string, string[]>();
  for (const day of days) {
    const holders = intervals.flatMap((interval, i) => (holds(interval, day) ? [i] : [])).join(',');
    parts.set(holders, [...(parts.get(holders) ?? []), day]);
  }
  const outside = parts.get('') ?? [];
  const inside = [...parts].filter(([holders]) => holders !== '').map(([, days]) => days);
  if (!inside.length) return undefined;
  if (inside.length === 1 && !outside.length) return [];
  if (!mayCut) return undefined;
  const largest = inside.reduce((a, b) => (b.length > a.length ? b : a));
  // Rows with the week: it and every other day; without: the days the intervals need.
  if (1 + days.length - largest.length >= days.length - outside.length) return undefined;
  return days.filter((day) => !largest.includes(day));
}

/**
 * What a plan costs one group in read units, its rows being about `rowBytes` each: each Query is
 * 0.5 unit per 4 KB it returns (eventually consistent), and at least 0.5.
 */
export function planReadUnits(plan: ReadPlan, rowBytes: number): number {
  const query = (rows: number) => Math.max(1, Math.ceil((rows * rowBytes) / 4096)) * 0.5;
  return plan.dayRanges.reduce((sum, r) => sum + query(daysBetween(r.from, r.to) + 1), 0) + (plan.months.length ? query(plan.months.length) : 0) + (plan.weeks.length ? query(plan.weeks.length) : 0);
}

/** How a group's week rows may be read. */
export interface WeekOptions {
  /** About how big a row is (bytes): week rows only pay when rows are wide. */
  rowBytes: number;
  /** The last day any row can hold yet: the week going on is whole up to it, and a week that ended before it is settled. */
  lastDay?: string;
  /**
   * Whether a settled week cut by an interval may be read as its row less the days outside: only for
   * counters no later event changes (counters.ts `cutsSettledWeeks`) — the row and the days are read
   * apart, and a late write between the two reads would be counted once in one and not in the other.
   */
  cut: boolean;
}

/**
 * The plan, and for groups with week rows (`weeks`: their rows' size) the cheaper of the plans with and
 * without them: week rows save rows but cut the days into more Queries, which only pays when rows are
 * wide (a league partition of a big chain) — a small chain's few-byte rows are cheaper in fewer Queries.
 */
export function readPlan(intervals: readonly DayInterval[], isClosed: (month: string) => boolean, options: { weeks?: WeekOptions } = {}): ReadPlan {
  const plain = planOf(intervals, isClosed);
  if (!options.weeks) return plain;
  const withWeeks = planOf(intervals, isClosed, options.weeks);
  return planReadUnits(withWeeks, options.weeks.rowBytes) < planReadUnits(plain, options.weeks.rowBytes) ? withWeeks : plain;
}

/**
 * The rows that answer every interval exactly, with whole closed months read as roll-ups
 * (`isClosed`: periods' isMonthClosed on the stores' today). Like periods' `decompose`, for several
 * intervals at once: a month is a roll-up only if no interval cuts it, and the days left over are
 * merged into contiguous ranges, one Query each.
 */
function planOf(intervals: readonly DayInterval[], isClosed: (month: string) => boolean, weekOptions?: WeekOptions): ReadPlan {
  const lastDay = weekOptions?.lastDay;
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
  /** Days read beside a week row (its smaller parts); a week read whole is absent from here. */
  const besideWeeks = new Set<string>();
  if (weekOptions) {
    // A week that ended a day before the last day any row holds: its rows no longer change (but for late counters).
    const settled = (monday: string) => weekOptions.cut && lastDay !== undefined && weekEnd(monday) < addDays(lastDay, -1);
    for (let monday = weekStart(lo); monday <= hi; monday = addDays(monday, 7)) {
      if (inMonths.has(monthOf(monday)) || inMonths.has(monthOf(weekEnd(monday)))) continue;
      const beside = daysBesideWeek(weekHeld(monday, lastDay), intervals, settled(monday));
      if (!beside) continue;
      weeks.push(monday);
      for (const day of beside) besideWeeks.add(day);
    }
  }
  const inWeeks = new Set(weeks);
  const needed = (day: string) => (inWeeks.has(weekStart(day)) ? besideWeeks.has(day) : intervals.some((i) => holds(i, day)));

  // A cut week's days beside its row may lie before the first day or after the last.
  const first = weeks.length && weeks[0] < lo ? weeks[0] : lo;
  const last = weeks.length && weekEnd(weeks[weeks.length - 1]) > hi ? weekEnd(weeks[weeks.length - 1]) : hi;
  const dayRanges: DayInterval[] = [];
  let open: DayInterval | undefined;
  for (let day = first; day <= last; day = addDays(day, 1)) {
    if (inMonths.has(monthOf(day))) {
      open = undefined;
      day = monthEnd(monthOf(day));
      continue;
    }
    if (!needed(day)) open = undefined;
    else if (open) open.to = day;
    else dayRanges.push((open = { from: day, to: day }));
  }
  return { dayRanges, months, weeks, ...(weeks.length && lastDay !== undefined ? { lastDay } : {}) };
}

/**
 * The rows of a group that make up one interval: its day rows, the roll-ups of the months inside it,
 * the week rows it holds whole, and a cut week's row where the interval holds its larger part (less
 * the days of the week outside the interval, read beside it). A week whose row was missing was read
 * as days.
 */
export function rowsWithin(rows: GroupRows, interval: DayInterval): IntervalRows {
  const out: IntervalRows = { plus: [], minus: [] };
  const read = (day: string) => rows.dayRanges.some((r) => holds(r, day));
  /** Weeks whose row stands for the interval's days in them. */
  const byRow = new Set<string>();
  for (const [monday, row] of rows.weeks) {
    const held = weekHeld(monday, rows.lastDay);
    const days = daysOf(held);
    const inside = days.filter((day) => holds(interval, day));
    if (!inside.length || (inside.length < days.length && inside.every(read))) continue;
    byRow.add(monday);
    out.plus.push(row);
    for (const day of days) {
      if (holds(interval, day)) continue;
      if (!read(day)) throw new Error(`day ${day} of the week of ${monday} was not read`);
      const dayRow = rows.days.get(day);
      if (dayRow) out.minus.push(dayRow);
    }
  }
  for (const [day, row] of rows.days) if (holds(interval, day) && !byRow.has(weekStart(day))) out.plus.push(row);
  for (const [month, row] of rows.months) if (contains(interval, { from: monthStart(month), to: monthEnd(month) })) out.plus.push(row);
  return out;
}
