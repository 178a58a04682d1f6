import { WEBHOOK_GIVE_UP_AFTER_MS, nextWebhookAttemptAt, webhookRetryStepSeconds } from './retry';

const queuedAt = new Date('2026-12-03T00:00:00.000Z');
const at = (seconds: number) => new Date(queuedAt.getTime() + seconds * 1000);

describe('webhook retry schedule', () => {
  it.each([
    [1, 5],
    [2, 30],
    [3, 120],
    [4, 600],
    [5, 3600],
    [6, 3600],
    [20, 3600],
  ])('after %i failed attempt(s) the step is %i s', (failed, seconds) => {
    expect(webhookRetryStepSeconds(failed)).toBe(seconds);
  });

  it.each([
    // failed, now (s after queueing), random, expected next (s after queueing) — the jitter is ±20 %
    [1, 0, 0.5, 5],
    [1, 0, 0, 4],
    [1, 0, 0.999999, 6],
    [2, 5, 0.5, 35],
    [3, 35, 0, 35 + 96],
    [4, 155, 1, 155 + 720],
    [5, 755, 0.5, 755 + 3600],
    [9, 20 * 3600, 0.5, 21 * 3600],
  ])('failure %i at +%i s (random %d) → next at +%i s', (failed, now, random, expected) => {
    expect(nextWebhookAttemptAt({ queuedAt, failedAttempts: failed, now: at(now), random })).toEqual(at(expected));
  });

  it('gives up once the next attempt would fall past 24 h after queueing', () => {
    expect(nextWebhookAttemptAt({ queuedAt, failedAttempts: 24, now: at(23 * 3600 + 1), random: 0.5 })).toBeNull();
    // A draw early enough still fits in the 24 h.
    expect(nextWebhookAttemptAt({ queuedAt, failedAttempts: 24, now: at(23 * 3600 - 720), random: 0 })).toEqual(at(23 * 3600 - 720 + 2880));
    expect(WEBHOOK_GIVE_UP_AFTER_MS).toBe(86_400_000);
  });

  it('a receiver that always fails is tried about 25 times over the 24 h, then dead', () => {
    let now = queuedAt;
    let failed = 0;
    for (;;) {
      failed += 1;
      const next = nextWebhookAttemptAt({ queuedAt, failedAttempts: failed, now, random: 0.5 });
      if (!next) break;
      now = next;
    }
    // 0, 5 s, 35 s, 155 s, 755 s, 4355 s, then hourly while it fits in 24 h.
    expect(failed).toBe(5 + 23);
    expect(now.getTime() - queuedAt.getTime()).toBeLessThanOrEqual(WEBHOOK_GIVE_UP_AFTER_MS);
  });
});
