/**
 * When a failed webhook delivery is tried again (DESIGN.md: about 5 s, 30 s, 2 min, 10 min, 1 h, then
 * hourly up to 24 h, with jitter; then dead-lettered). Pure: the sender passes its clock and its random.
 */

/** Seconds to wait after the 1st, 2nd, … failed attempt; every later failure waits the last (1 h). */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 3600] as const;
/** Each wait is drawn within ±20 % of its step, so receivers that failed together do not retry together. */
export const WEBHOOK_RETRY_JITTER = 0.2;
/** A delivery not delivered this long after it was queued is dead (kept, visible in the delivery log). */
export const WEBHOOK_GIVE_UP_AFTER_MS = 24 * 3600_000;

/** The step (seconds) after `failedAttempts` failures (1-based). */
export function webhookRetryStepSeconds(failedAttempts: number): number {
  const index = Math.max(1, Math.floor(failedAttempts)) - 1;
  return WEBHOOK_RETRY_DELAYS_SECONDS[Math.min(index, WEBHOOK_RETRY_DELAYS_SECONDS.length - 1)];
}

export interface RetryInput {
  /** When the delivery was queued: the 24 h count from here. */
  queuedAt: Date;
  /** Failed attempts so far, the one that just failed included (≥ 1). */
  failedAttempts: number;
  /** When the last attempt ended. */
  now: Date;
  /** A draw from [0, 1). */
  random: number;
}

/** When to try again, or null: past 24 h since it was queued, so the delivery is dead. */
export function nextWebhookAttemptAt({ queuedAt, failedAttempts, now, random }: RetryInput): Date | null {
  const stepMs = webhookRetryStepSeconds(failedAttempts) * 1000;
  const factor = 1 - WEBHOOK_RETRY_JITTER + 2 * WEBHOOK_RETRY_JITTER * Math.min(Math.max(random, 0), 1);
  const next = now.getTime() + Math.round(stepMs * factor);
  return next > queuedAt.getTime() + WEBHOOK_GIVE_UP_AFTER_MS ? null : new Date(next);
}
