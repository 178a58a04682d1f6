import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ZResponseRecord, type ResponseRecord } from '@xinsheng/shared';
import { TABLES, conditionalWrite, db, epochSeconds } from '../lib/dynamo';
import { config } from '../lib/config';
import { keys } from './keys';

/**
 * The response to an invitation, if it has one. The response's existence is the one truth about
 * "answered" (no mark on the invitation is written), so readers ask this table, consistently.
 */
export async function getResponseForInvitation(invitationId: string): Promise<ResponseRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLES.responses, Key: keys.response(invitationId), ConsistentRead: true }),
  );
  return Item && ZResponseRecord.parse(Item);
}

/**
 * Stores a response unless its invitation has one already: one conditional put (1 write unit for an
 * item under 1 KB, plus 1 for its export-index entry), no transaction. "At most one response per invitation" is the key constraint —
 * the response's key is its invitation's — so nothing else needs to be written atomically with it;
 * the item is what the stream carries to follow-up and aggregates. False when another answer won.
 * Optional fields left undefined and `kind` at its default are not stored (item size is capacity).
 */
export function putResponse(response: ResponseRecord, now: Date): Promise<boolean> {
  const { kind, ...rest } = response;
  return conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.responses,
        Item: {
          ...keys.response(response.invitationId),
          // The export index (gsi1): a store's responses by local day, for the CSV (one more write unit).
          ...keys.responseExport(response.brandId, response.storeId, response.day, response.responseId),
          ...rest,
          ...(kind === 'survey' ? {} : { kind }),
          ttl: epochSeconds(now) + config.XS_RETENTION_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}
