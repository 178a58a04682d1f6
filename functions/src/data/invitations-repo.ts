import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { REPEAT_WINDOW_DAYS, ZInvitation, type Delivery, type Invitation } from '@xinsheng/shared';
import type { EarlierSurvey } from './insight-events-repo';
import { TABLES, batchGetAll, conditionalTransaction, conditionalWrite, db, epochSeconds, getItem } from '../lib/dynamo';
import { orderInvitationId } from '../lib/crypto';
import { config } from '../lib/config';
import { DUE_SHARDS, dueShard, keys } from './keys';
import { contactIndexEntries, linksOf, personLinkKeys, type ContactIndexPlan } from './privacy-repo';

const retentionTtl = (from: Date) => epochSeconds(from) + config.XS_RETENTION_DAYS * 86_400;
/** When an invitation (and its person-index entry) expires from the table. */
export const invitationTtl = (invitation: Invitation) => retentionTtl(new Date(invitation.expiresAt));

/**
 * `consistent` after a conditional put found the item (an eventually consistent read may not see it
 * yet); otherwise the read may share a BatchGetItem with others of the same tick.
 */
export async function getInvitation(invitationId: string, consistent = false): Promise<Invitation | undefined> {
  const item = consistent
    ? (await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.invitation(invitationId), ConsistentRead: true }))).Item
    : await getItem(TABLES.main, keys.invitation(invitationId));
  return item && ZInvitation.parse(item);
}

/**
 * The invitation of a store's order: the one under the order's derived id (every store trigger), or
 * the one an order item points to (recovery invitations, and invitations made before ids were
 * derived from the order). Both keys in one BatchGetItem.
 */
export async function getInvitationForOrder(storeId: string, orderId: string): Promise<Invitation | undefined> {
  const derived = keys.invitation(orderInvitationId(storeId, orderId));
  const items = await batchGetAll(TABLES.main, [derived, keys.order(storeId, orderId)]);
  const invitation = items.find((i) => i.pk === derived.pk);
  if (invitation) return ZInvitation.parse(invitation);
  const order = items.find((i) => String(i.pk).startsWith('ORDER#'));
  return order && getInvitation(String(order.invitationId));
}

export interface ContactState {
  optedOut: boolean;
  lastSurveyedAt: Date | undefined;
  /**
   * The customer's earlier surveys whose repeat purchase may still be uncounted: the invitation
   * each contact item was last claimed by (not this order's own, not one stamped as counted).
   */
  earlierSurveys: EarlierSurvey[];
  /** The person each identifier is linked to (read only when the trigger carries more than one: privacy/person-links.ts). */
  links: Map<string, string>;
  /** Each identifier's person-index entries as read (its contact item's `invs`): the claim prunes and adds to them. */
  personIndex: Map<string, string[]>;
}

/** What a trigger reads of a contact (fatigue) item for repeat purchases. */
const ZContactItem = z.object({ invitationId: z.string(), repeatCounted: z.string().optional() });

/**
 * How long a contact item lives: past the fatigue window, and past the last day a repeat purchase
 * of its invitation's answer can be counted (answered by the invitation's expiry, plus 90 days).
 */
const contactTtl = (now: Date, fatigueDays: number, expiresAt: Date) =>
  Math.max(epochSeconds(now) + fatigueDays * 86_400, epochSeconds(expiresAt) + REPEAT_WINDOW_DAYS * 86_400) + 86_400;

/**
 * Opt-out and contact keys of every identifier of a customer; with two or more identifiers also
 * their person links (to link them into one person, privacy/person-links.ts).
 */
const contactKeys = (brandId: string, customerHashes: string[]) => [
  ...customerHashes.flatMap((h) => [keys.contact(brandId, h), keys.optOut(brandId, h)]),
  ...(customerHashes.length > 1 ? personLinkKeys(brandId, customerHashes) : []),
];

function contactStateOf(items: Record<string, unknown>[], ownInvitationId: string, brandId: string, customerHashes: string[]): ContactState {
  const optedOut = items.some((i) => String(i.pk).startsWith('OPTOUT#'));
  const times = items
    .filter((i) => String(i.pk).startsWith('CONTACT#') && i.invitationId !== ownInvitationId)
    .map((i) => Date.parse(String(i.lastSurveyedAt)));
  const earlier = new Map<string, string[]>();
  for (const hash of customerHashes) {
    const item = items.find((i) => i.pk === keys.contact(brandId, hash).pk);
    const contact = item && ZContactItem.safeParse(item).data;
    if (!contact || contact.invitationId === ownInvitationId || contact.repeatCounted === contact.invitationId) continue;
    earlier.set(contact.invitationId, [...(earlier.get(contact.invitationId) ?? []), hash]);
  }
  return {
    optedOut,
    lastSurveyedAt: times.length ? new Date(Math.max(...times)) : undefined,
    earlierSurveys: [...earlier].map(([invitationId, hashes]) => ({ invitationId, customerHashes: hashes })),
    links: linksOf(items),
    personIndex: new Map(customerHashes.map((hash) => [hash, contactIndexEntries(items.find((i) => i.pk === keys.contact(brandId, hash).pk) ?? {})])),
  };
}

/**
 * What a store trigger needs to know, in one BatchGetItem: the order's invitation if it has one
 * (under its derived id, or behind a legacy order item) and the customer's opt-outs and last survey
 * times. A contact claimed by this order's own invitation (a retry after a crash) does not count:
 * its claim only succeeded because the window was free.
 */
export async function getOrderState(storeId: string, orderId: string, brandId: string, customerHashes: string[]): Promise<{ invitation?: Invitation; contact: ContactState }> {
  const invitationId = orderInvitationId(storeId, orderId);
  const derived = keys.invitation(invitationId);
  const items = await batchGetAll(TABLES.main, [derived, keys.order(storeId, orderId), ...contactKeys(brandId, customerHashes)]);
  const found = items.find((i) => i.pk === derived.pk);
  const order = items.find((i) => String(i.pk).startsWith('ORDER#'));
  const invitation = found ? ZInvitation.parse(found) : order ? await getInvitation(String(order.invitationId)) : undefined;
  return { invitation, contact: contactStateOf(items, invitationId, brandId, customerHashes) };
}

/** The part of a contact's claim that keeps its person index: add the entry, or replace the set when some are past their day, or prune only (set full). */
function indexUpdate(index: ContactIndexPlan | undefined, hash: string): { expression: string; values: Record<string, Set<string>>; replacesSet: boolean } {
  const set = index?.sets.get(hash);
  const none = { expression: '', values: {}, replacesSet: false };
  if (!index || !set) return none;
  const pruning = set.pruned.length > 0;
  if (index.inContacts && pruning) return { expression: ', invs = :kept', values: { ':kept': new Set(set.kept) }, replacesSet: true };
  if (index.inContacts) return { expression: ' ADD invs :entry', values: { ':entry': new Set([index.entry]) }, replacesSet: false };
  if (pruning) return { expression: ' DELETE invs :pruned', values: { ':pruned': new Set(set.pruned) }, replacesSet: false };
  return none;
}

/**
 * Claims the fatigue window of every identifier of a customer for one invitation: a conditional
 * update per identifier (`lastSurveyedAt` older than the window, or already claimed by this same
 * invitation — a retry), in parallel. True when all were claimed. This is the exact fatigue check:
 * two triggers for one customer share an identifier, and only one can win its condition. A loser
 * may have claimed its other identifiers — they belong to the customer just surveyed, so that is
 * accurate. The claim is written before the invitation: a crash in between can only under-survey.
 *
 * With an `index` plan (privacy-repo's contactIndexPlan) the same update records the invitation in
 * the item's person index `invs` — `ADD` of the new entry, or, when entries are past their day,
 * `SET` of the set as read minus those plus the new one (conditional on the item still existing,
 * so an erasure in between is not undone: that claim fails, and the trigger ends suppressed) — and
 * keeps the item as long as its entries. No more units than the claim alone (the item ≤ 1 KB).
 */
export async function claimContacts(
  brandId: string, customerHashes: string[], invitationId: string, fatigueDays: number, now: Date, expiresAt: Date = now, index?: ContactIndexPlan,
): Promise<boolean> {
  const claimed = await Promise.all(
    customerHashes.map((hash) => {
      const update = indexUpdate(index, hash);
      const window = 'lastSurveyedAt < :threshold OR invitationId = :id';
      return conditionalWrite(() =>
        db.send(
          new UpdateCommand({
            TableName: TABLES.main,
            Key: keys.contact(brandId, hash),
            UpdateExpression: `SET lastSurveyedAt = :now, invitationId = :id, #ttl = :ttl${update.expression}`,
            ConditionExpression: update.replacesSet ? `attribute_exists(pk) AND (${window})` : `attribute_not_exists(pk) OR ${window}`,
            ExpressionAttributeNames: { '#ttl': 'ttl' },
            ExpressionAttributeValues: {
              ':now': now.toISOString(),
              ':id': invitationId,
              ':threshold': new Date(now.getTime() - fatigueDays * 86_400_000).toISOString(),
              ':ttl': Math.max(contactTtl(now, fatigueDays, expiresAt), index?.liveUntil ?? 0),
              ...update.values,
            },
          }),
        ),
      );
    }),
  );
  return claimed.every(Boolean);
}

/** The stored item of an invitation: a scheduled one carries its due-index keys; TTL after expiry. */
export function invitationItem(invitation: Invitation) {
  const pushed = invitation.status === 'scheduled';
  return {
    ...invitation,
    ...keys.invitation(invitation.invitationId),
    ...(pushed && invitation.sendAt ? keys.dueIndex(dueShard(invitation.invitationId), invitation.sendAt, invitation.invitationId) : {}),
    ttl: retentionTtl(new Date(invitation.expiresAt)),
  };
}

/**
 * Stores an invitation under an id derived from its order: one conditional put, false when the
 * order's invitation exists already (a retry or a racing duplicate won). The put is the last write
 * of a trigger: once it exists the dispatcher may send it.
 */
export function putOrderInvitation(invitation: Invitation): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(new PutCommand({ TableName: TABLES.main, Item: invitationItem(invitation), ConditionExpression: 'attribute_not_exists(pk)' })),
  );
}

export type CreateOutcome = { created: true; invitation: Invitation } | { created: false; reason: 'order_exists' | 'fatigue_race' };

/**
 * Stores a new invitation whose id is not derived from its order (recovery invitations) in one
 * transaction: the order key (so one order makes one invitation), the invitation, and — for a
 * scheduled one — each identifier's last-surveyed time, conditional on the fatigue window. Rare
 * (one per resolved callback), so the transaction's double cost does not matter here.
 */
export async function putNewInvitation(invitation: Invitation, fatigueDays: number, now: Date): Promise<CreateOutcome> {
  const ttl = retentionTtl(new Date(invitation.expiresAt));
  const item = invitationItem(invitation);
  const touchesContacts = invitation.status !== 'suppressed' && fatigueDays > 0;
  const contactUpdates = touchesContacts
    ? invitation.customerHashes.map((hash) => ({
        Update: {
          TableName: TABLES.main,
          Key: keys.contact(invitation.brandId, hash),
          UpdateExpression: 'SET lastSurveyedAt = :now, invitationId = :id, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(pk) OR lastSurveyedAt < :threshold',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':id': invitation.invitationId,
            ':threshold': new Date(now.getTime() - fatigueDays * 86_400_000).toISOString(),
            ':ttl': contactTtl(now, fatigueDays, new Date(invitation.expiresAt)),
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

/** A delivery that failed on every channel: the invitation leaves "sending" for "failed". (A sent one: insight-events-repo's recordSent, which counts it.) */
export async function recordFailedDelivery(invitationId: string, deliveries: Delivery[]): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.invitation(invitationId),
      UpdateExpression: 'SET #status = :status, deliveries = list_append(if_not_exists(deliveries, :empty), :deliveries)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': 'failed', ':deliveries': deliveries, ':empty': [] },
    }),
  );
}
