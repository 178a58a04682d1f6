import * as z from 'zod/mini';
import { ZExternalId, ZTouchpoint } from '../schemas/common';

/**
 * The query of GET /v1/exports/responses.csv — the insight API's common filters (DESIGN.md
 * "Insight → API"): `from`, `to` (store-local days, inclusive; default the last 28 days; at most
 * 400 days), `region`, `store`, `staff`, `touchpoint`.
 */

export const DEFAULT_PERIOD_DAYS = 28;
export const MAX_PERIOD_DAYS = 400;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Days since the epoch of a `YYYY-MM-DD`, or NaN when it is not a day of the calendar (2026-02-30). */
function dayNumber(day: string): number {
  if (!DAY.test(day)) return Number.NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? Number.NaN : ms / DAY_MS;
}

const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** A calendar day `YYYY-MM-DD` (zod's ISO date checks month lengths and leap years: 2026-02-30 is refused). */
export const ZDay = z.iso.date();

export const ZResponsesExportQuery = z.strictObject({
  from: z.optional(ZDay),
  to: z.optional(ZDay),
  region: z.optional(ZExternalId),
  store: z.optional(ZExternalId),
  staff: z.optional(ZExternalId),
  touchpoint: z.optional(ZTouchpoint),
});
export type ResponsesExportQuery = z.infer<typeof ZResponsesExportQuery>;

export interface Period {
  from: string;
  to: string;
}

export type PeriodIssue = { path: ['from'] | ['to']; message: string };

/**
 * The inclusive period a query asks for, given today's day: a missing `to` is today, a missing
 * `from` the 28th day back from `to`. An issue names the field at fault.
 */
export function queryPeriod(query: Pick<ResponsesExportQuery, 'from' | 'to'>, today: string): Period | PeriodIssue {
  const to = dayNumber(query.to ?? today);
  const from = query.from === undefined ? to - (DEFAULT_PERIOD_DAYS - 1) : dayNumber(query.from);
  if (from > to) return { path: ['to'], message: `must not be before from (${dayString(from)})` };
  if (to - from + 1 > MAX_PERIOD_DAYS) return { path: ['from'], message: `at most ${MAX_PERIOD_DAYS} days before to` };
  return { from: dayString(from), to: dayString(to) };
}
