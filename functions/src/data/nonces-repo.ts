import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { TABLES, conditionalWrite, db, epochSeconds } from '../lib/dynamo';
import { randomToken } from '../lib/crypto';
import { keys } from './keys';

/** The `attempt` of the nonce item a failed condition returned (ALL_OLD), in either attribute shape. */
const ZRefusedNonce = z.object({ Item: z.object({ attempt: z.union([z.string(), z.object({ S: z.string() })]) }) });

function attemptOf(refusal: unknown): string | undefined {
  const attempt = ZRefusedNonce.safeParse(refusal).data?.Item.attempt;
  return typeof attempt === 'object' ? attempt.S : attempt;
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
  return conditionalWrite(
    () =>
      db.send(
        new PutCommand({
          TableName: TABLES.main,
          Item: { ...keys.nonce(keyId, nonce), attempt, ttl: epochSeconds(now) + keepSeconds },
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    (refusal) => attemptOf(refusal) === attempt,
  );
}
