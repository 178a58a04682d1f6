import { BatchGetCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZInvitation, type Delivery, type Invitation } from '@xinsheng/shared';
import { TABLES, conditionalTransaction, conditionalWrite, db, epochSeconds } from '../lib/dynamo';
import { config } from '../lib/config';
import { DUE_SHARDS, dueShard, keys } from './keys';

const retentionTtl = (from: Date) => epochSeconds(from) + config.XS_RETENTION_DAYS * 86_400;

export async function getInvitation(invitationId: string): Promise<Invitation | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.invitation(invitationId) }));
  return Item && ZInvitation.parse(Item);
}

export async function getInvitationForOrder(storeId: string, orderId: string): Promise<Invitation | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.order(storeId, orderId) }));
  return Item && getInvitation(String(Item.invitationId));
}

export interface ContactState {
  optedOut: boolean;
  lastSurveyedAt: Date | undefined;
}

/** Opt-outs and last survey times for every identifier of a customer, in one batch read. */
export async function getContactState(brandId: string, customerHashes: string[]): Promise<ContactState> {
  if (customerHashes.length === 0) return { optedOut: false, lastSurveyedAt: undefined };
  const wanted = customerHashes.flatMap((h) => [keys.contact(brandId, h), keys.optOut(brandId, h)]);
  const { Responses } = await db.send(new BatchGetCommand({ RequestItems: { [TABLES.main]: { Keys: wanted } } }));
  const items = Responses?.[TABLES.main] ?? [];
  const optedOut = items.some((i) => String(i.pk).startsWith('OPTOUT#'));
  const times = items.filter((i) => String(i.pk).startsWith('CONTACT#')).map((i) => Date.parse(String(i.lastSurveyedAt)));
  return { optedOut, lastSurveyedAt: times.length ? new Date(Math.max(...times)) : undefined };
}

export type CreateOutcome = { created: true; invitation: Invitation } | { created: false; reason: 'order_exists' | 'fatigue_race' };

/**
 * Stores a new invitation in one transaction: the order key (so one order makes one invitation),
 * the invitation, and — for a scheduled one — each identifier's last-surveyed time, conditional
 * on the fatigue window so two stores inviting the same customer at once cannot both win.
 */
export async function putNewInvitation(invitation: Invitation, fatigueDays: number, now: Date): Promise<CreateOutcome> {
  const ttl = retentionTtl(new Date(invitation.expiresAt));
  const pushed = invitation.status === 'scheduled';
  const item = {
    ...invitation,
    ...keys.invitation(invitation.invitationId),
    ...(pushed && invitation.sendAt ? keys.dueIndex(dueShard(invitation.invitationId), invitation.sendAt, invitation.invitationId) : {}),
    ttl,
  };
  const touchesContacts = invitation.status !== 'suppressed' && fatigueDays > 0;
  const contactUpdates = touchesContacts
    ? invitation.customerHashes.map((hash) => ({
        Update: {
          TableName: TABLES.main,
          Key: keys.contact(invitation.brandId, hash),
          UpdateExpression: 'SET lastSurveyedAt = :now, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(pk) OR lastSurveyedAt < :threshold',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':threshold': new Date(now.getTime() - fatigueDays * 86_400_000).toISOString(),
            ':ttl': epochSeconds(now) + fatigueDays * 86_400 + 86_400,
          },
        },
      }))
    : [];
  const refused = await conditionalTransaction(
    [
      {
        Put: {
          TableName: TABLES.main,
          Item: { ...keys.order(invitation.storeId, invitation.orderId), invitationId: invitation.invitationId, ttl },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: TABLES.main, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...contactUpdates,
    ],
    (failed) => (failed[0] ? 'order_exists' : failed.slice(2).some(Boolean) ? 'fatigue_race' : undefined),
  );
  return refused ? { created: false, reason: refused } : { created: true, invitation };
}

/** Due invitations (sendAt ≤ now) from every shard of the sparse due index, oldest first. */
export async function queryDueInvitations(now: Date, limitPerShard = 100): Promise<Invitation[]> {
  const shards = Array.from({ length: DUE_SHARDS }, (_, shard) => shard);
  const pages = await Promise.all(
    shards.map((shard) =>
      db.send(
        new QueryCommand({
          TableName: TABLES.main,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :upTo',
          ExpressionAttributeValues: { ':pk': keys.duePartition(shard), ':upTo': `${now.toISOString()}~` },
          Limit: limitPerShard,
        }),
      ),
    ),
  );
  return pages.flatMap((p) => p.Items ?? []).map((i) => ZInvitation.parse(i));
}

/**
 * Takes an invitation out of the due index for sending; false if another run took it first.
 * This is what makes delivery at-most-once when two dispatcher runs overlap.
 */
export function claimForSending(invitationId: string): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.invitation(invitationId),
        UpdateExpression: 'SET #status = :sending REMOVE gsi1pk, gsi1sk',
        ConditionExpression: '#status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sending': 'sending', ':scheduled': 'scheduled' },
      }),
    ),
  );
}

export async function recordDelivery(invitationId: string, outcome: 'sent' | 'failed', deliveries: Delivery[], channel?: Invitation['channel']): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.invitation(invitationId),
      UpdateExpression: 'SET #status = :status, deliveries = list_append(if_not_exists(deliveries, :empty), :deliveries)' + (channel ? ', channel = :channel' : ''),
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': outcome, ':deliveries': deliveries, ':empty': [], ...(channel ? { ':channel': channel } : {}) },
    }),
  );
}
