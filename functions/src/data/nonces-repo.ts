import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { TABLES, conditionalWrite, db, epochSeconds } from '../lib/dynamo';
import { keys } from './keys';

/**
 * Records a request nonce; false when it was seen before. The conditional put makes this
 * exact under any concurrency; the TTL outlives the accepted clock skew.
 */
export function rememberNonce(keyId: string, nonce: string, now: Date, keepSeconds: number): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.nonce(keyId, nonce), ttl: epochSeconds(now) + keepSeconds },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}
