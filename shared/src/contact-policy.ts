import { z } from 'zod';

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

/** When and how often a brand (or one store, overriding it) may invite a customer. */
export const ZContactPolicy = z.object({
  sendDelayMinutes: z.number().int().min(0).max(7 * 24 * 60),
  quietHours: z.object({ start: ZClock, end: ZClock }).nullable(),
  fatigueDays: z.number().int().min(0).max(365),
  invitationTtlDays: z.number().int().min(1).max(30),
});
export type ContactPolicy = z.infer<typeof ZContactPolicy>;
export const ZContactPolicyOverride = ZContactPolicy.partial();
export type ContactPolicyOverride = z.infer<typeof ZContactPolicyOverride>;

export const DEFAULT_CONTACT_POLICY: ContactPolicy = {
  sendDelayMinutes: 30,
  quietHours: { start: '21:00', end: '09:00' },
  fatigueDays: 7,
  invitationTtlDays: 7,
};

export function effectivePolicy(...layers: (ContactPolicyOverride | undefined)[]): ContactPolicy {
  return layers.reduce<ContactPolicy>((policy, layer) => ({ ...policy, ...stripUndefined(layer ?? {}) }), DEFAULT_CONTACT_POLICY);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept. */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** Wall-clock parts of an instant in an IANA time zone. */
export function zonedParts(at: Date, timeZone: string) {
  const parts = zoneFormat(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC at an instant, in minutes (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / MINUTE);
}

/** The instant at which the zone's wall clock shows the given local date and time (first match across a DST gap). */
export function zonedInstant(local: { year: number; month: number; day: number; hour: number; minute: number }, timeZone: string): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  let instant = guess - zoneOffsetMinutes(new Date(guess), timeZone) * MINUTE;
  instant = guess - zoneOffsetMinutes(new Date(instant), timeZone) * MINUTE;
  return new Date(instant);
}

/** The calendar day of an instant in a zone, as YYYY-MM-DD (for per-day counters). */
export function zonedDay(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function minutesOfDay(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

/** Is the zone's wall clock inside the quiet window at this instant? The window may cross midnight. */
export function inQuietHours(at: Date, timeZone: string, quiet: ContactPolicy['quietHours']): boolean {
  if (!quiet) return false;
  const p = zonedParts(at, timeZone);
  const now = p.hour * 60 + p.minute;
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The first instant at or after `at` outside quiet hours: the window's end, in the zone's wall clock. */
export function nextSendableInstant(at: Date, timeZone: string, quiet: ContactPolicy['quietHours']): Date {
  if (!quiet || !inQuietHours(at, timeZone, quiet)) return at;
  const p = zonedParts(at, timeZone);
  const end = minutesOfDay(quiet.end);
  const nowMinutes = p.hour * 60 + p.minute;
  // The end lies later today when we are before it; otherwise tomorrow.
  const dayShift = nowMinutes < end ? 0 : 1;
  const base = new Date(Date.UTC(p.year, p.month - 1, p.day) + dayShift * DAY);
  return zonedInstant(
    { year: base.getUTCFullYear(), month: base.getUTCMonth() + 1, day: base.getUTCDate(), hour: Math.floor(end / 60), minute: end % 60 },
    timeZone,
  );
}

/** When a pushed invitation goes out: occurredAt + delay (never in the past), moved out of quiet hours. */
export function scheduleSend(occurredAt: Date, now: Date, timeZone: string, policy: ContactPolicy): Date {
  const earliest = new Date(Math.max(occurredAt.getTime() + policy.sendDelayMinutes * MINUTE, now.getTime()));
  return nextSendableInstant(earliest, timeZone, policy.quietHours);
}

/** Fatigue: was this customer surveyed too recently to be asked again? */
export function isFatigued(lastSurveyedAt: Date | undefined, now: Date, policy: ContactPolicy): boolean {
  if (!lastSurveyedAt || policy.fatigueDays === 0) return false;
  return now.getTime() - lastSurveyedAt.getTime() < policy.fatigueDays * DAY;
}

export function invitationExpiry(createdAt: Date, policy: ContactPolicy): Date {
  return new Date(createdAt.getTime() + policy.invitationTtlDays * DAY);
}

export type ContactDecision =
  | { status: 'scheduled'; channel: 'subscribe_message' | 'sms' | 'receipt'; sendAt: Date }
  | { status: 'suppressed'; reason: 'fatigue' | 'opted_out' | 'no_channel' };

/**
 * Whether and when to invite: opted-out customers never, a customer we cannot reach never,
 * a customer surveyed within the fatigue window not again; a receipt is ready at once (the
 * customer holds it), a pushed message waits for the delay and leaves the quiet hours.
 */
export function decideContact(input: {
  receipt: boolean;
  hasOpenid: boolean;
  hasPhone: boolean;
  optedOut: boolean;
  lastSurveyedAt: Date | undefined;
  occurredAt: Date;
  now: Date;
  timeZone: string;
  policy: ContactPolicy;
}): ContactDecision {
  if (input.optedOut) return { status: 'suppressed', reason: 'opted_out' };
  const channel = input.receipt ? 'receipt' : input.hasOpenid ? 'subscribe_message' : input.hasPhone ? 'sms' : undefined;
  if (!channel) return { status: 'suppressed', reason: 'no_channel' };
  if (isFatigued(input.lastSurveyedAt, input.now, input.policy)) return { status: 'suppressed', reason: 'fatigue' };
  const sendAt = channel === 'receipt' ? input.now : scheduleSend(input.occurredAt, input.now, input.timeZone, input.policy);
  return { status: 'scheduled', channel, sendAt };
}
