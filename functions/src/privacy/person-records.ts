import { maskPhone, type Invitation, type PersonExport, type ResponseRecord, type Task } from '@xinsheng/shared';
import { decrypt } from '../lib/crypto';
import { contactIndexInvitationIds, getInvitationsById, getResponsesOf, getTasksOf, isOptedOut, personInvitationEntries } from '../data/privacy-repo';
import { personHashes } from './person-links';

/** Everything a brand holds about one person, found from their hashes by Query and Get only. */
export interface PersonRecords {
  hashes: string[];
  /** The keys of the person-index items (an erasure deletes them; the contact items, which hold the rest of the index, are deleted by key). */
  entryKeys: { pk: string; sk: string }[];
  invitations: Invitation[];
  responses: ResponseRecord[];
  tasks: Task[];
}

/** The invitation ids a task names: its recovery re-survey (carries the person's sealed address, not their hashes). */
const recoveryInvitationIds = (task: Task) => [
  ...(task.recovery?.invitationId ? [task.recovery.invitationId] : []),
  ...task.timeline.flatMap((e) => (e.type === 'recovery_invited' && e.invitationId ? [e.invitationId] : [])),
];

/**
 * The person's hashes (through their links), their invitations (the person index: the `invs` of
 * their contact items, one BatchGetItem, and their PINV items, a Query per hash), the responses to
 * them (the responses table is keyed by invitation), the callback tasks of those responses (keyed
 * by response id), and the recovery invitations those tasks sent and their answers.
 */
export async function collectPersonRecords(brandId: string, lookupHashes: string[]): Promise<PersonRecords> {
  const hashes = await personHashes(brandId, lookupHashes);
  const [inContacts, entries] = await Promise.all([
    contactIndexInvitationIds(brandId, hashes),
    Promise.all(hashes.map((h) => personInvitationEntries(brandId, h))).then((e) => e.flat()),
  ]);
  const invitations = new Map<string, Invitation>();
  for (const invitation of await getInvitationsById([...new Set([...inContacts, ...entries.map((e) => e.invitationId)])])) {
    if (invitation.brandId === brandId) invitations.set(invitation.invitationId, invitation);
  }
  const responses = new Map<string, ResponseRecord>();
  const tasks = new Map<string, Task>();
  let pending = [...invitations.keys()];
  // Two rounds at most: first surveys → their tasks → recovery invitations → their answers.
  while (pending.length) {
    const found = await getResponsesOf(pending);
    for (const r of found) responses.set(r.invitationId, r);
    const newTasks = (await getTasksOf(found.filter((r) => r.kind !== 'recovery').map((r) => r.responseId))).filter((t) => !tasks.has(t.taskId));
    for (const t of newTasks) tasks.set(t.taskId, t);
    const recoveryIds = [...new Set(newTasks.flatMap(recoveryInvitationIds))].filter((id) => !invitations.has(id));
    for (const invitation of await getInvitationsById(recoveryIds)) invitations.set(invitation.invitationId, invitation);
    pending = recoveryIds;
  }
  return { hashes, entryKeys: entries.map((e) => e.key), invitations: [...invitations.values()], responses: [...responses.values()], tasks: [...tasks.values()] };
}

export const hasRecords = (records: PersonRecords) => records.invitations.length + records.responses.length + records.tasks.length > 0;

const masked = (sealed: string | undefined) => (sealed ? maskPhone(decrypt(sealed)) : undefined);

/**
 * The export: what the person's records say, for them. Phones masked (138****5678): the person knows
 * their number, and the file passes through the admin's hands; openid, unionid, hashes, sealed values
 * and tokens never appear, nor the identifier the admin asked with.
 */
export async function personExport(brandId: string, records: PersonRecords, now: Date): Promise<PersonExport> {
  return {
    exportedAt: now.toISOString(),
    identifiers: records.hashes.length,
    optedOut: await isOptedOut(brandId, records.hashes),
    invitations: records.invitations.map((i) => ({
      invitationId: i.invitationId, kind: i.kind, storeId: i.storeId, region: i.region, touchpoint: i.touchpoint, orderId: i.orderId,
      occurredAt: i.occurredAt, amountFen: i.amountFen, createdAt: i.createdAt, expiresAt: i.expiresAt, status: i.status, reason: i.reason,
      channel: i.channel, sendAt: i.sendAt, openedAt: i.openedAt, phone: masked(i.phoneSealed), wechat: i.openidSealed ? 'subscribe_message' : undefined,
    })),
    responses: records.responses.map((r) => ({
      responseId: r.responseId, invitationId: r.invitationId, kind: r.kind, storeId: r.storeId, touchpoint: r.touchpoint,
      submittedAt: r.submittedAt, answers: r.answers, band: r.band, locale: r.locale, followUp: r.followUp, phone: masked(r.phoneSealed),
    })),
    tasks: records.tasks.map((t) => ({
      taskId: t.taskId, responseId: t.responseId, storeId: t.storeId, status: t.status, priority: t.priority, createdAt: t.createdAt, dueAt: t.dueAt,
      firstContactAt: t.firstContactAt, resolvedAt: t.resolvedAt, outcome: t.outcome, answers: t.answers, phone: masked(t.phoneSealed),
      timeline: t.timeline.map((e) => ({ type: e.type, at: e.at, ...('result' in e ? { result: e.result } : {}), ...('outcome' in e ? { outcome: e.outcome } : {}), ...('note' in e && e.note ? { note: e.note } : {}) })),
    })),
    notices: [
      ...records.invitations.flatMap((i) => i.deliveries.map((d) => ({ invitationId: i.invitationId, channel: d.channel, at: d.at, ok: d.ok, errcode: d.errcode }))),
      ...records.tasks.flatMap((t) => Object.entries(t.notices).map(([kind, n]) => ({ taskId: t.taskId, kind, state: n.state, at: n.at, attempts: n.attempts }))),
    ],
  };
}
