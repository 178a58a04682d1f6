import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES, db, epochSeconds } from '../lib/dynamo';
import { tooManyRequests } from '../lib/errors';
import { keys } from '../data/keys';

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
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.loginFailures(username, window) }));
  if (Number(Item?.failures ?? 0) >= MAX_FAILURES) {
    throw tooManyRequests((window + 1) * WINDOW_SECONDS - epochSeconds(now));
  }
}

export async function recordLoginFailure(username: string, now: Date): Promise<void> {
  const window = windowOf(now);
  await db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.loginFailures(username, window),
      UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': (window + 2) * WINDOW_SECONDS },
    }),
  );
}
