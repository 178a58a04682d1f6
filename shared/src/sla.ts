import { z } from 'zod';
import { zonedInstant, zonedParts } from './contact-policy';

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

/** The hours within which a store's callback clock runs, in the store's own wall clock. */
export const ZBusinessHours = z
  .object({ start: ZClock, end: ZClock })
  .refine((h) => minutesOfDay(h.start) < minutesOfDay(h.end), 'business hours must start before they end (same day)');
export type BusinessHours = z.infer<typeof ZBusinessHours>;

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { start: '09:00', end: '21:00' };

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function minutesOfDay(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

/** The instant the zone's wall clock shows `clock` on the calendar day of `day` (a UTC-midnight date). */
function atLocal(day: Date, clock: number, timeZone: string): Date {
  return zonedInstant(
    { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: Math.floor(clock / 60), minute: clock % 60 },
    timeZone,
  );
}

/**
 * When a callback falls due: `hours` business hours after `from`, counting only the time inside
 * the daily window (default 09:00–21:00) in the store's zone. A task created at night starts its
 * clock at the next opening; whatever does not fit in a day carries over to the next opening.
 * Every day of the week is a business day (stores are open daily).
 */
export function slaDueAt(from: Date, hours: number, timeZone: string, businessHours: BusinessHours = DEFAULT_BUSINESS_HOURS): Date {
  const open = minutesOfDay(businessHours.start);
  const close = minutesOfDay(businessHours.end);
  let remaining = Math.round(hours * 60) * MINUTE;
  const p = zonedParts(from, timeZone);
  let day = new Date(Date.UTC(p.year, p.month - 1, p.day));
  let cursor = from;
  // Each turn handles one local day; a year of days bounds any sane SLA.
  for (let guard = 0; guard < 400; guard++) {
    const opensAt = atLocal(day, open, timeZone);
    const closesAt = atLocal(day, close, timeZone);
    if (cursor < opensAt) cursor = opensAt;
    if (cursor < closesAt) {
      const available = closesAt.getTime() - cursor.getTime();
      if (remaining <= available) return new Date(cursor.getTime() + remaining);
      remaining -= available;
    }
    day = new Date(day.getTime() + DAY);
  }
  throw new Error(`an SLA of ${hours} business hours does not fit in 400 days`);
}

/** Business time (ms) between two instants: how much of the SLA clock has run (negative never). */
export function businessMillisBetween(from: Date, to: Date, timeZone: string, businessHours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  if (to <= from) return 0;
  const open = minutesOfDay(businessHours.start);
  const close = minutesOfDay(businessHours.end);
  const p = zonedParts(from, timeZone);
  let day = new Date(Date.UTC(p.year, p.month - 1, p.day));
  let total = 0;
  for (let guard = 0; guard < 4000; guard++) {
    const opensAt = atLocal(day, open, timeZone);
    if (opensAt >= to) break;
    const closesAt = atLocal(day, close, timeZone);
    const start = Math.max(opensAt.getTime(), from.getTime());
    const end = Math.min(closesAt.getTime(), to.getTime());
    if (end > start) total += end - start;
    day = new Date(day.getTime() + DAY);
  }
  return total;
}
