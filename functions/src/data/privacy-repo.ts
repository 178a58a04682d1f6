import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  ERASED_TEXT, ZInvitation, ZResponseRecord, ZTask,
  type ErasureCounts, type Invitation, type ResponseRecord, type Task, type TimelineEntry,
} from '@xinsheng/shared';
import { TABLES, batchGetAll, conditionalWrite, db, epochSeconds, queryAll, transactWrite } from '../lib/dynamo';
import { config } from '../lib/config';
import { getTask } from './tasks-repo';
import { keys } from './keys';
import { auditPut, type AuditInput } from './audit-repo';

/**
 * Storage of the privacy context (functions/src/privacy): person links, opt-outs, a person's
 * records and their erasure, erasure requests. Every read is a GetItem, BatchGetItem or Query on a
 * key built from a keyed customer hash (no Scan): see infra/ACCESS_PATTERNS.md, "Privacy".
 */

/** The retention period from a moment (the TTL of links and requests). */
const retentionTtl = (from: Date) => epochSeconds(from) + config.XS_RETENTION_DAYS * 86_400;

// ---------- person links ----------

const ZLink = z.object({ pk: z.string(), personId: z.string(), customerHash: z.string() });

/** The link items of these hashes (in a BatchGetItem of the trigger's, or on their own). */
export const personLinkKeys = (brandId: string, customerHashes: string[]) => customerHashes.map((h) => keys.personLink(brandId, h));

/** hash → person id, from any items that include link items. */
export function linksOf(items: Record<string, unknown>[]): Map<string, string> {
  const links = new Map<string, string>();
  for (const item of items) {
    if (!String(item.pk).startsWith('PLINK#')) continue;
    const link = ZLink.safeParse(item).data;
    if (link) links.set(link.customerHash, link.personId);
  }
  return links;
}

export async function getLinks(brandId: string, customerHashes: string[]): Promise<Map<string, string>> {
  if (!customerHashes.length) return new Map();
  return linksOf(await batchGetAll(TABLES.main, personLinkKeys(brandId, customerHashes)));
}

/** The hashes linked to a person (gsi2 of the link items). */
export function personMembers(brandId: string, personId: string): Promise<string[]> {
  return queryAll(
    { TableName: TABLES.main, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': keys.personMembersPartition(brandId, personId) } },
    (item) => String(item.gsi2sk),
  );
}

/**
 * Points a hash at a person, unless it already points at a person whose id sorts lower: merges
 * always go towards the smallest (oldest: ids are ULIDs) person id, so two merges racing on the
 * same hashes converge on the same person. True when the link now names `personId`.
 */
export function putLink(brandId: string, customerHash: string, personId: string, now: Date): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        // Lives as long as the invitations of the trigger that made it (their expiry ≤ 30 days, then retention).
        Item: { ...keys.personLink(brandId, customerHash), ...keys.personMember(brandId, personId, customerHash), brandId, personId, customerHash, ttl: retentionTtl(now) + 31 * 86_400 },
        ConditionExpression: 'attribute_not_exists(pk) OR personId >= :person',
        ExpressionAttributeValues: { ':person': personId },
      }),
    ),
  );
}

export async function deleteLink(brandId: string, customerHash: string): Promise<void> {
  await db.send(new DeleteCommand({ TableName: TABLES.main, Key: keys.personLink(brandId, customerHash) }));
}

// ---------- opt-outs (hash-only markers) ----------

/** True when any of these hashes is opted out for the brand. */
export async function isOptedOut(brandId: string, customerHashes: string[]): Promise<boolean> {
  if (!customerHashes.length) return false;
  return (await batchGetAll(TABLES.main, customerHashes.map((h) => keys.optOut(brandId, h)))).length > 0;
}

/**
 * The opt-out marker of each hash: its key and when, nothing else (no sealed value, no person id),
 * so it identifies nobody without the deployment's data key. Written with `if_not_exists`: idempotent,
 * the first time stays. No TTL: it must outlive every other record.
 */
export async function putOptOuts(brandId: string, customerHashes: string[], at: Date): Promise<void> {
  await Promise.all(
    customerHashes.map((hash) =>
      db.send(
        new UpdateCommand({
          TableName: TABLES.main,
          Key: keys.optOut(brandId, hash),
          UpdateExpression: 'SET optedOutAt = if_not_exists(optedOutAt, :at)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      ),
    ),
  );
}

/** The admin's opt-in: the markers of these hashes go, with its audit entry in the same transaction. */
export async function deleteOptOuts(brandId: string, customerHashes: string[], audit: AuditInput): Promise<void> {
  await transactWrite([
    ...customerHashes.map((hash) => ({ Delete: { TableName: TABLES.main, Key: keys.optOut(brandId, hash) } })),
    auditPut(audit),
  ]);
}

// ---------- a person's records ----------

/*
 * The person index: which invitations carry a person's hashes, found by key (export, erasure).
 * Two places, read together:
 * - the customer's contact (fatigue) items: the trigger's claim of each contact — a write it makes
 *   anyway — records the invitation in the item's string set `invs` at no extra unit (the claim
 *   stays 1 unit while the item stays ≤ 1 KB: at most CONTACT_INDEX_MAX entries);
 * - a person-index item `PINV#<brandId>#<first hash>` / `<createdAt>#<invitationId>` (1 unit), only
 *   where no contact is claimed (a policy without fatigue window) or a contact's set is full.
 * A suppressed invitation stores no hash (create-invitation.ts), so it is nobody's and in neither.
 */

/** Contact item ≈ 200 bytes without its set + ≈ 32 bytes an entry: 20 entries keep it under 1 KB (one write unit a claim). */
export const CONTACT_INDEX_MAX = 20;
/** An entry outlives its invitation's TTL by this much: DynamoDB deletes expired items within days, not at the second. */
const INDEX_GRACE_DAYS = 7;
const DAY_SECONDS = 86_400;

/** `<epoch day until which it is kept>:<invitationId>` — prunable without reading the invitation. */
const indexEntry = (invitationId: string, invitationTtl: number) => `${Math.floor(invitationTtl / DAY_SECONDS) + INDEX_GRACE_DAYS}:${invitationId}`;
const ZIndexEntry = z.string().regex(/^\d+:.+$/);
const entryUntil = (entry: string) => Number(entry.slice(0, entry.indexOf(':')));
const entryInvitationId = (entry: string) => entry.slice(entry.indexOf(':') + 1);

/** The entries of a contact item's `invs` (a DynamoDB string set: a Set once unmarshalled). */
export function contactIndexEntries(item: Record<string, unknown>): string[] {
  const parsed = z.set(ZIndexEntry).safeParse(item.invs).data;
  return parsed ? [...parsed] : [];
}

export interface ContactIndexPlan {
  /** This invitation's entry. */
  entry: string;
  /** Recorded in the contact items (every one has room), or else a PINV item is written. */
  inContacts: boolean;
  /** Per hash: the entries the claim leaves in its set (this one included when `inContacts`) and those it prunes. */
  sets: Map<string, { kept: string[]; pruned: string[] }>;
  /** The epoch second until which the contact items must live to keep their entries. */
  liveUntil: number;
}

/**
 * How a trigger's claims record its invitation, from the contact items it read (getOrderState): the
 * entries past their day are pruned in the same update; the new entry is added when every claimed
 * contact then has room for it (≤ CONTACT_INDEX_MAX), otherwise the set is left as it is (pruned)
 * and the trigger writes a PINV item instead — so a claim never costs more than one unit and a
 * very frequent customer pays one more unit a trigger, never a growing item.
 */
export function contactIndexPlan(read: Map<string, string[]>, hashes: string[], invitationId: string, invitationTtl: number, now: Date): ContactIndexPlan {
  const today = Math.floor(epochSeconds(now) / DAY_SECONDS);
  const entry = indexEntry(invitationId, invitationTtl);
  const current = hashes.map((hash) => {
    const entries = read.get(hash) ?? [];
    return { hash, live: entries.filter((e) => entryUntil(e) >= today && e !== entry), pruned: entries.filter((e) => entryUntil(e) < today) };
  });
  const inContacts = current.every(({ live }) => live.length < CONTACT_INDEX_MAX);
  const sets = new Map(current.map(({ hash, live, pruned }) => [hash, { kept: inContacts ? [...live, entry] : live, pruned }]));
  const days = [...sets.values()].flatMap(({ kept }) => kept.map(entryUntil));
  return { entry, inContacts, sets, liveUntil: days.length ? (Math.max(...days) + 1) * DAY_SECONDS : 0 };
}

/** The invitation ids recorded in these hashes' contact items (one BatchGetItem). */
export async function contactIndexInvitationIds(brandId: string, customerHashes: string[]): Promise<string[]> {
  if (!customerHashes.length) return [];
  const items = await batchGetAll(TABLES.main, customerHashes.map((h) => keys.contact(brandId, h)));
  return items.flatMap((item) => contactIndexEntries(item).map(entryInvitationId));
}

/**
 * The person-index item of an invitation with an identifier (under its first hash), where its
 * contacts do not record it: written by the trigger before the invitation (a crash in between
 * leaves an entry naming nothing, which readers skip and an erasure deletes). Never updated; it
 * lives as long as the invitation (+ the grace above).
 */
export async function putPersonInvitationEntry(invitation: Invitation, ttl: number): Promise<void> {
  const [hash] = invitation.customerHashes;
  if (!hash) return;
  await db.send(
    new PutCommand({
      TableName: TABLES.main,
      Item: { ...keys.personInvitation(invitation.brandId, hash, invitation.createdAt, invitation.invitationId), invitationId: invitation.invitationId, ttl: ttl + INDEX_GRACE_DAYS * DAY_SECONDS },
    }),
  );
}

export interface PersonInvitationEntry {
  key: { pk: string; sk: string };
  invitationId: string;
}

/** A hash's person-index items (Query on the base table). */
export function personInvitationEntries(brandId: string, customerHash: string): Promise<PersonInvitationEntry[]> {
  return queryAll(
    { TableName: TABLES.main, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.personInvitationsPartition(brandId, customerHash) } },
    (item) => ({ key: { pk: String(item.pk), sk: String(item.sk) }, invitationId: String(item.invitationId) }),
  );
}

export async function getInvitationsById(invitationIds: string[]): Promise<Invitation[]> {
  const out: Invitation[] = [];
  for (let i = 0; i < invitationIds.length; i += 100) {
    const items = await batchGetAll(TABLES.main, invitationIds.slice(i, i + 100).map((id) => keys.invitation(id)));
    out.push(...items.map((item) => ZInvitation.parse(item)));
  }
  return out;
}

export async function getResponsesOf(invitationIds: string[]): Promise<ResponseRecord[]> {
  const out: ResponseRecord[] = [];
  for (let i = 0; i < invitationIds.length; i += 100) {
    const items = await batchGetAll(TABLES.responses, invitationIds.slice(i, i + 100).map((id) => keys.response(id)));
    out.push(...items.map((item) => ZResponseRecord.parse(item)));
  }
  return out;
}

export async function getTasksOf(taskIds: string[]): Promise<Task[]> {
  const out: Task[] = [];
  for (let i = 0; i < taskIds.length; i += 100) {
    const items = await batchGetAll(TABLES.main, taskIds.slice(i, i + 100).map((id) => keys.task(id)));
    out.push(...items.map((item) => ZTask.parse(item)));
  }
  return out;
}

/** An openid's consumer sessions (gsi1 of the session items; sessions made before the index expire by TTL). */
export function openidSessionKeys(openidHash: string): Promise<Record<string, string>[]> {
  return queryAll(
    { TableName: TABLES.main, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.sessionsOfOpenidPartition(openidHash) } },
    (item) => ({ pk: String(item.pk), sk: String(item.sk) }),
  );
}

// ---------- erasure of one record (each idempotent: a second run finds nothing left to remove) ----------

/**
 * An invitation without its person: sealed openid/phone, the openid and customer hashes removed. A scheduled one will never be sent (no address is left): it becomes
 * suppressed `opted_out` and leaves the due index, under a condition so a dispatcher's claim wins cleanly.
 */
export async function eraseInvitation(invitationId: string): Promise<void> {
  const removed = 'openidSealed, phoneSealed, openidHash, customerHashes';
  const scheduled = await conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.invitation(invitationId),
        UpdateExpression: `SET #status = :suppressed, reason = :optedOut REMOVE ${removed}, gsi1pk, gsi1sk`,
        ConditionExpression: '#status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':suppressed': 'suppressed', ':optedOut': 'opted_out', ':scheduled': 'scheduled' },
      }),
    ),
  );
  if (scheduled) return;
  await conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.invitation(invitationId),
        UpdateExpression: `REMOVE ${removed}`,
        ConditionExpression: 'attribute_exists(pk)',
      }),
    ),
  );
}

/**
 * A response without its person: the comment replaced by the marker, sealed phone and hashes
 * removed. The stream carries this as a MODIFY, which neither the follow-up nor the aggregate
 * consumer counts (they take INSERTs only: data/responses-stream.ts), so every counter stays as it was.
 */
export async function eraseResponse(response: ResponseRecord): Promise<void> {
  const hasComment = response.answers.comment !== undefined && response.answers.comment !== ERASED_TEXT;
  await conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.responses,
        Key: keys.response(response.invitationId),
        UpdateExpression: `${hasComment ? 'SET answers.#comment = :erased ' : ''}REMOVE phoneSealed, openidHash, customerHash`,
        ConditionExpression: 'attribute_exists(pk)',
        ...(hasComment ? { ExpressionAttributeNames: { '#comment': 'comment' }, ExpressionAttributeValues: { ':erased': ERASED_TEXT } } : {}),
      }),
    ),
  );
}

const erasedEntry = (entry: TimelineEntry): TimelineEntry => ('note' in entry && entry.note !== undefined ? { ...entry, note: ERASED_TEXT } : entry);

/**
 * A task without its person: the comment and the agents' notes (free text that may quote them)
 * replaced by the marker, the sealed phone removed. Status, times, outcome and notices stay: the
 * loop's figures are kept. Conditional on the task's version (an agent's change in between makes
 * it read again), at most a few rounds.
 */
export async function eraseTask(taskId: string): Promise<boolean> {
  for (let round = 0; round < 5; round++) {
    const task = await getTask(taskId, true);
    if (!task) return false;
    const comment = task.answers.comment !== undefined;
    const written = await conditionalWrite(() =>
      db.send(
        new UpdateCommand({
          TableName: TABLES.main,
          Key: keys.task(taskId),
          UpdateExpression: `SET #timeline = :timeline${comment ? ', answers.#comment = :erased' : ''} REMOVE phoneSealed`,
          ConditionExpression: '#version = :version',
          ExpressionAttributeNames: { '#timeline': 'timeline', '#version': 'version', ...(comment ? { '#comment': 'comment' } : {}) },
          ExpressionAttributeValues: { ':timeline': task.timeline.map(erasedEntry), ':version': task.version, ...(comment ? { ':erased': ERASED_TEXT } : {}) },
        }),
      ),
    );
    if (written) return true;
  }
  throw new Error(`task ${taskId} kept changing during its erasure`);
}

/** Items that only exist for a person (contacts, links, sessions): deleted. */
export async function deleteMainItems(itemKeys: Record<string, string>[]): Promise<void> {
  await Promise.all(itemKeys.map((Key) => db.send(new DeleteCommand({ TableName: TABLES.main, Key }))));
}

// ---------- erasure requests ----------

/**
 * A brand's erasure request. While it is not done it holds the hashes it was asked for (the worker
 * needs them to find the person) and sits in the pending index; when done both are removed, so the
 * request says what was erased (counts), never whom.
 */
export const ZPrivacyRequest = z.object({
  requestId: z.string(),
  brandId: z.string(),
  kind: z.literal('erase'),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  customerHashes: z.array(z.string()).default([]),
  requestedBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  attempts: z.number().default(0),
  counts: z.object({ invitations: z.number(), responses: z.number(), tasks: z.number(), sessions: z.number(), identifiers: z.number() }).optional(),
});
export type PrivacyRequest = z.infer<typeof ZPrivacyRequest>;

/** A new request with its audit entry, one transaction. */
export async function putPrivacyRequest(request: PrivacyRequest, audit: AuditInput): Promise<void> {
  await transactWrite([
    {
      Put: {
        TableName: TABLES.main,
        Item: { ...keys.privacyRequest(request.brandId, request.requestId), ...keys.privacyPending(request.requestId), ...request, ttl: retentionTtl(new Date(request.createdAt)) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    auditPut(audit),
  ]);
}

export async function getPrivacyRequest(brandId: string, requestId: string): Promise<PrivacyRequest | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.privacyRequest(brandId, requestId), ConsistentRead: true }));
  return Item && ZPrivacyRequest.parse(Item);
}

/** Requests not finished (pending, running, or failed and to be retried): the worker's Query. */
export function pendingPrivacyRequests(): Promise<PrivacyRequest[]> {
  return queryAll(
    { TableName: TABLES.main, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.privacyPendingPartition } },
    (item) => ZPrivacyRequest.parse(item),
  );
}

/** pending|failed|running → running (a crashed run is taken over: every step is idempotent). */
export async function startPrivacyRequest(request: PrivacyRequest, now: Date): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.privacyRequest(request.brandId, request.requestId),
      UpdateExpression: 'SET #status = :running, startedAt = if_not_exists(startedAt, :now) ADD attempts :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':running': 'running', ':now': now.toISOString(), ':one': 1 },
    }),
  );
}

/** Done: the counts, and the hashes and the pending-index entry removed; audited in the same transaction. */
export async function finishPrivacyRequest(request: PrivacyRequest, counts: ErasureCounts, now: Date, audit: AuditInput): Promise<void> {
  await transactWrite([
    {
      Update: {
        TableName: TABLES.main,
        Key: keys.privacyRequest(request.brandId, request.requestId),
        UpdateExpression: 'SET #status = :done, finishedAt = :now, counts = :counts REMOVE customerHashes, gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':now': now.toISOString(), ':counts': counts },
      },
    },
    auditPut(audit),
  ]);
}

/** A run that failed: marked, kept in the pending index so the next run tries again. */
export async function failPrivacyRequest(request: PrivacyRequest): Promise<boolean> {
  return conditionalWrite(() => db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.privacyRequest(request.brandId, request.requestId),
      UpdateExpression: 'SET #status = :failed',
      ConditionExpression: 'attribute_exists(pk) AND #status <> :done',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':failed': 'failed', ':done': 'done' },
    }),
  ));
}
