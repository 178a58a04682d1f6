import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ZResponseRecord, type ResponseRecord } from '@xinsheng/shared';
import { TABLES, conditionalTransaction, db, epochSeconds } from '../lib/dynamo';
import { config } from '../lib/config';
import { keys } from './keys';

export async function getResponseForInvitation(invitationId: string): Promise<ResponseRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLES.responses, Key: keys.response(invitationId), ConsistentRead: true }),
  );
  return Item && ZResponseRecord.parse(Item);
}

export type SubmitOutcome = { stored: true } | { stored: false; reason: 'already_answered' | 'expired' };

/**
 * One transaction: the response (at most one per invitation — its key is the invitation's) and the
 * invitation marked answered (only while unanswered and unexpired). The response item is what the
 * stream carries to follow-up and aggregates, so there is nothing else to write.
 */
export async function storeResponse(response: ResponseRecord, now: Date): Promise<SubmitOutcome> {
  const refused = await conditionalTransaction(
    [
      {
        Put: {
          TableName: TABLES.responses,
          Item: { ...keys.response(response.invitationId), ...response, ttl: epochSeconds(now) + config.XS_RETENTION_DAYS * 86_400 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: TABLES.main,
          Key: keys.invitation(response.invitationId),
          UpdateExpression: 'SET answeredAt = :now, responseId = :responseId',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(answeredAt) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':responseId': response.responseId },
        },
      },
    ],
    (failed) => (failed[0] ? 'already_answered' : failed[1] ? 'expired' : undefined),
  );
  return refused ? { stored: false, reason: refused } : { stored: true };
}
