import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES, db, epochSeconds, isConditionalCheckFailed } from '../lib/dynamo';
import { keys } from './keys';

/**
 * Records a request nonce; false when it was seen before. The conditional put makes this
 * exact under any concurrency; the TTL outlives the accepted clock skew.
 */
export async function rememberNonce(keyId: string, nonce: string, now: Date, keepSeconds: number): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.nonce(keyId, nonce), ttl: epochSeconds(now) + keepSeconds },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}
