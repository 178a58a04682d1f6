import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES, db, epochSeconds, isConditionalCheckFailed } from '../lib/dynamo';
import { randomToken } from '../lib/crypto';
import { keys } from './keys';

/** The `attempt` of the nonce item a failed condition returned (ALL_OLD), in either attribute shape. */
function attemptOf(error: unknown): string | undefined {
  const item = (error as { Item?: Record<string, unknown> }).Item;
  const value = item?.attempt;
  if (typeof value === 'string') return value;
  const wrapped = (value as { S?: unknown } | undefined)?.S;
  return typeof wrapped === 'string' ? wrapped : undefined;
}

/**
 * Records a request nonce; false when it was seen before. The conditional put makes this
 * exact under any concurrency; the TTL outlives the accepted clock skew.
 *
 * Each call tags its put with a random attempt id: when the put committed but its answer was lost
 * and the SDK sent it again, the failed condition returns the stored item (ALL_OLD) with our own
 * tag, so our own retry does not read as a replay. A replayed request is another call, with
 * another tag, and is still refused.
 */
export async function rememberNonce(keyId: string, nonce: string, now: Date, keepSeconds: number): Promise<boolean> {
  const attempt = randomToken(9);
  try {
    await db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.nonce(keyId, nonce), attempt, ttl: epochSeconds(now) + keepSeconds },
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return attemptOf(error) === attempt;
    throw error;
  }
}
