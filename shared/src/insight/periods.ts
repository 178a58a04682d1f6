import { zonedDay } from '../contact-policy';

/**
 * Period maths of the insight figures, on store-local calendar days written `YYYY-MM-DD` (the day
 * keys of the counter rows). Days are handled as dates without a zone (UTC midnight internally), so
 * no daylight-saving shift can move a day; a zone only enters when "today" is derived from an instant.
 */

/** An inclusive range of store-local days. */
export interface DayRange {
  from: string;
  to: string;
}

export type Granularity = 'day' | 'week' | 'month';

/** Default length of a range (the last 28 days, today included). */
export const DEFAULT_RANGE_DAYS = 28;
/** Longest range a query may ask for. */
export const MAX_RANGE_DAYS = 400;
/** A month is closed (its roll-up may be written and read) this many days after its last day. */
export const MONTH_CLOSED_AFTER_DAYS = 2;

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Whether a string is a real calendar day `YYYY-MM-DD` (2024-02-29 yes, 2023-02-29 no). */
export function isDay(value: string): boolean {
  const m = DAY_PATTERN.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function toEpochDay(day: string): number {
  if (!isDay(day)) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function fromEpochDay(epochDay: number): string {
  const date = new Date(epochDay * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The day `n` days after `day` (before, for negative n). */
export function addDays(day: string, n: number): string {
  return fromEpochDay(toEpochDay(day) + n);
}

/** Days from a to b (b − a; 0 for the same day). */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** How many days an inclusive range holds. */
export function rangeLength(range: DayRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/** Every day of an inclusive range, in order. */
export function daysIn(range: DayRange): string[] {
  const first = toEpochDay(range.from);
  const last = toEpochDay(range.to);
  const days: string[] = [];
  for (let d = first; d <= last; d++) days.push(fromEpochDay(d));
  return days;
}

/** Today in a time zone, as `YYYY-MM-DD`. */
export function todayIn(now: Date, timeZone: string): string {
  return zonedDay(now, timeZone);
}

export type RangeField = 'from' | 'to';
export type RangeResult = { ok: true; range: DayRange } | { ok: false; field: RangeField; message: string };

/**
 * A query's range, checked: `from` and `to` are store-local days, both inclusive. Missing `to` is
 * today (in `timeZone`), missing `from` is 27 days before `to` (so the default is the last 28 days
 * ending today). An error names its field, for a 400: a malformed day names itself; `from` after `to`
 * and a range of more than 400 days name `from` (the end a caller moves to fix it).
 */
export function parseRange(query: { from?: string; to?: string }, now: Date, timeZone: string): RangeResult {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isDay(value)) return { ok: false, field, message: 'must be a calendar day YYYY-MM-DD' };
  }
  const to = query.to ?? todayIn(now, timeZone);
  const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) return { ok: false, field: 'from', message: 'must be on or before to' };
  if (rangeLength({ from, to }) > MAX_RANGE_DAYS) return { ok: false, field: 'from', message: `the range may span at most ${MAX_RANGE_DAYS} days` };
  return { ok: true, range: { from, to } };
}

/** The equally long range just before (its `to` is the day before `range.from`). */
export function previousPeriod(range: DayRange): DayRange {
  const length = rangeLength(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** ISO 8601 week of a day, `YYYY-Www`: weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(day: string): string {
  const epochDay = toEpochDay(day);
  const weekday = (new Date(epochDay * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = epochDay - weekday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The Monday of a day's week (ISO weeks start on Monday), `YYYY-MM-DD`: how a week's roll-up row is named. */
export function weekStart(day: string): string {
  const weekday = (new Date(toEpochDay(day) * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, -weekday);
}

/** The label of the trend bucket a day falls in: `YYYY-MM-DD`, ISO week `YYYY-Www`, or `YYYY-MM`. */
export function bucketOf(day: string, granularity: Granularity): string {
  toEpochDay(day);
  if (granularity === 'day') return day;
  if (granularity === 'month') return day.slice(0, 7);
  return isoWeek(day);
}

/** The buckets a range touches, in order (a trend's x axis, empty buckets included). */
export function bucketsIn(range: DayRange, granularity: Granularity): string[] {
  const labels: string[] = [];
  for (const day of daysIn(range)) {
    const label = bucketOf(day, granularity);
    if (labels[labels.length - 1] !== label) labels.push(label);
  }
  return labels;
}

function lastDayOfMonth(month: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return fromEpochDay(Date.UTC(year, m, 0) / DAY_MS);
}

/** Whether a month (`YYYY-MM`) is closed on `today`: today ≥ its last day + 2 days. */
export function isMonthClosed(month: string, today: string): boolean {
  return daysBetween(lastDayOfMonth(month), today) >= MONTH_CLOSED_AFTER_DAYS;
}

/**
 * Whether a write to a counter row of `day` may come after its month was rolled up: the month is
 * closed on some store's today at `now` (the UTC day + 1 is at or after every zone's today). Counters
 * kept under an earlier day — a callback's loop events, a repeat purchase, a re-survey, all counted
 * under the day of the response they are about — then mark the month's roll-up stale in the same
 * write, so a reader sums its days again instead of reading a roll-up that lacks them.
 */
export function mayHaveRollUp(day: string, now: Date): boolean {
  return isMonthClosed(day.slice(0, 7), addDays(zonedDay(now, 'UTC'), 1));
}

/**
 * How to read a range: whole calendar months inside it that are closed on `today` as month roll-ups
 * (`YYYY-MM`), every other day as a day row. Together they cover the range exactly once.
 */
export function decompose(range: DayRange, today: string): { months: string[]; days: string[] } {
  for (const day of [range.from, range.to, today]) toEpochDay(day);
  const months: string[] = [];
  const days: string[] = [];
  let day = range.from;
  while (day <= range.to) {
    const month = day.slice(0, 7);
    const last = lastDayOfMonth(month);
    if (day.endsWith('-01') && last <= range.to && isMonthClosed(month, today)) {
      months.push(month);
      day = addDays(last, 1);
    } else {
      days.push(day);
      day = addDays(day, 1);
    }
  }
  return { months, days };
}

/**
 * The month an answer of `day` closes, if it is live (today or yesterday, UTC, at `now` — not a
 * backfill) and the month before its own is closed on it: the moment to roll that month up ahead of
 * its first read. Undefined otherwise.
 */
export function monthClosedBy(day: string, now: Date): string | undefined {
  if (daysBetween(day, zonedDay(now, 'UTC')) > 1) return undefined;
  const previous = addDays(`${day.slice(0, 7)}-01`, -1).slice(0, 7);
  return isMonthClosed(previous, day) ? previous : undefined;
}
