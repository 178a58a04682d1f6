import { epochSeconds } from '../lib/dynamo';
import { tooManyRequests } from '../lib/errors';
import { addLoginFailure, countLoginFailures } from '../data/login-throttle-repo';

/**
 * Password guessing is slowed per username: after MAX_FAILURES wrong passwords in a 15-minute
 * window, logins for that username answer 429 (with Retry-After) until the window ends — the
 * right password included, so a guess cannot be confirmed. Unknown usernames count the same way.
 * One GetItem per login, one UpdateItem (ADD) per failure.
 */
export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

const windowOf = (now: Date) => Math.floor(epochSeconds(now) / WINDOW_SECONDS);

export async function assertLoginAllowed(username: string, now: Date): Promise<void> {
  const window = windowOf(now);
  if ((await countLoginFailures(username, window)) >= MAX_FAILURES) {
    throw tooManyRequests((window + 1) * WINDOW_SECONDS - epochSeconds(now));
  }
}

export async function recordLoginFailure(username: string, now: Date): Promise<void> {
  const window = windowOf(now);
  // The counter outlives its window by one more, then DynamoDB's TTL takes it.
  await addLoginFailure(username, window, (window + 2) * WINDOW_SECONDS);
}
