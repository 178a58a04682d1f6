import { addDays, bucketOf as bucketLabel, previousPeriod } from '@xinsheng/shared';
import { monthEnd, monthOf, monthStart, type DayInterval } from './read-plan';

/**
 * Trend buckets of a period: calendar days, ISO weeks (Monday to Sunday) or months of the stores'
 * own days — the counter rows are already keyed by the store-local day, so a bucket is a range of
 * those days and needs no time-zone arithmetic here. Buckets at the ends are cut to the period.
 * Each bucket is compared with the bucket before it: the day before, the week before, the month
 * before (a cut bucket with the equally long days just before it).
 */

export type TimeGroupBy = 'day' | 'week' | 'month';

export interface TimeBucket extends DayInterval {
  /** periods' bucket label: `YYYY-MM-DD` (day), ISO week `YYYY-Www`, `YYYY-MM` (month). */
  key: string;
  previous: DayInterval;
}

const weekday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0

/** The whole calendar bucket a day falls in. */
function wholeBucket(day: string, by: TimeGroupBy): DayInterval {
  if (by === 'day') return { from: day, to: day };
  if (by === 'week') {
    const monday = addDays(day, -weekday(day));
    return { from: monday, to: addDays(monday, 6) };
  }
  const month = monthOf(day);
  return { from: monthStart(month), to: monthEnd(month) };
}

export function timeBuckets(period: DayInterval, by: TimeGroupBy): TimeBucket[] {
  const out: TimeBucket[] = [];
  for (let day = period.from; day <= period.to; ) {
    const whole = wholeBucket(day, by);
    const from = whole.from < period.from ? period.from : whole.from;
    const to = whole.to > period.to ? period.to : whole.to;
    const isWhole = from === whole.from && to === whole.to;
    // A whole month is compared with the whole month before; anything else with as many days just before it.
    const previous = isWhole && by === 'month'
      ? { from: monthStart(monthOf(addDays(from, -1))), to: addDays(from, -1) }
      : previousPeriod({ from, to });
    out.push({ key: bucketLabel(from, by), from, to, previous });
    day = addDays(to, 1);
  }
  return out;
}
