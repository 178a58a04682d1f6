import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZLoginFailures } from '@xinsheng/shared';
import { TABLES, db } from '../lib/dynamo';
import { keys } from './keys';

/** Failed logins per username and fixed window (main table): one counter item each, gone by TTL. */

/** How many wrong passwords a username had in a window (0 when none). One GetItem. */
export async function countLoginFailures(username: string, window: number): Promise<number> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.loginFailures(username, window) }));
  return ZLoginFailures.parse(Item ?? {}).failures;
}

/** Counts one more wrong password in a window; the counter expires at `expiresAt` (epoch seconds). */
export async function addLoginFailure(username: string, window: number, expiresAt: number): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.loginFailures(username, window),
      UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
    }),
  );
}
