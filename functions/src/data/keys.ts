/**
 * Every key of the main and responses tables is built here, and nowhere else.
 * infra/ACCESS_PATTERNS.md lists which request reads or writes which.
 */
import { weekStart } from '@xinsheng/shared';

export const DUE_SHARDS = 4;

export const keys = {
  brand: (brandId: string) => ({ pk: `BRAND#${brandId}`, sk: 'CONFIG' }),
  store: (storeId: string) => ({ pk: `STORE#${storeId}`, sk: 'STORE' }),
  /** gsi1 (on every store item): a brand's stores by id — the insight API's groups (stores, their regions and staff). */
  storeList: (brandId: string, storeId: string) => ({ gsi1pk: `STORES#${brandId}`, gsi1sk: storeId }),
  storeListPartition: (brandId: string) => `STORES#${brandId}`,
  storeKey: (keyId: string) => ({ pk: `STOREKEY#${keyId}`, sk: 'STOREKEY' }),
  nonce: (keyId: string, nonce: string) => ({ pk: `NONCE#${keyId}#${nonce}`, sk: 'NONCE' }),
  surveyPartition: (surveyId: string) => `SURVEY#${surveyId}`,
  surveyVersion: (surveyId: string, version: number) => ({ pk: `SURVEY#${surveyId}`, sk: `V#${String(version).padStart(6, '0')}` }),
  order: (storeId: string, orderId: string) => ({ pk: `ORDER#${storeId}#${orderId}`, sk: 'ORDER' }),
  invitation: (invitationId: string) => ({ pk: `INV#${invitationId}`, sk: 'INV' }),
  /** Sparse index entry of a scheduled invitation, removed when it is claimed for sending. */
  dueIndex: (shard: number, sendAt: string, invitationId: string) => ({ gsi1pk: `DUE#${shard}`, gsi1sk: `${sendAt}#${invitationId}` }),
  duePartition: (shard: number) => `DUE#${shard}`,
  contact: (brandId: string, customerHash: string) => ({ pk: `CONTACT#${brandId}#${customerHash}`, sk: 'CONTACT' }),
  optOut: (brandId: string, customerHash: string) => ({ pk: `OPTOUT#${brandId}#${customerHash}`, sk: 'OPTOUT' }),
  session: (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: 'SESSION' }),
  wechatToken: (appId: string) => ({ pk: `WXTOKEN#${appId}`, sk: 'TOKEN' }),
  /** Responses table: one per invitation, which is what makes a second answer impossible. */
  response: (invitationId: string) => ({ pk: `RESP#${invitationId}`, sk: 'RESPONSE' }),
  // ---------- follow-up: callback tasks, staff (functions/src/{followup,tasks,staff}) ----------
  /** The task's id is its response's id: "one response → at most one task" is a key constraint. */
  task: (taskId: string) => ({ pk: `TASK#${taskId}`, sk: 'TASK' }),
  /** gsi2: a brand's tasks per region and status, ordered by due time (the workbench queue). */
  taskList: (brandId: string, region: string, status: string, dueAt: string, taskId: string) => ({
    gsi2pk: `TASKS#${brandId}#${region}#${status}`,
    gsi2sk: `${dueAt}#${taskId}`,
  }),
  taskListPartition: (brandId: string, region: string, status: string) => `TASKS#${brandId}#${region}#${status}`,
  /** gsi1 (sparse): a task waiting for its first contact, by due time; removed on contact, resolve or escalation. */
  slaIndex: (shard: number, dueAt: string, taskId: string) => ({ gsi1pk: `SLA#${shard}`, gsi1sk: `${dueAt}#${taskId}` }),
  slaPartition: (shard: number) => `SLA#${shard}`,
  /** gsi3 (sparse): the tasks a staff member holds (assigned, not resolved), by due time — "mine". */
  assignedTasks: (brandId: string, staffId: string, dueAt: string, taskId: string) => ({
    gsi3pk: `MINE#${brandId}#${staffId}`,
    gsi3sk: `${dueAt}#${taskId}`,
  }),
  assignedTasksPartition: (brandId: string, staffId: string) => `MINE#${brandId}#${staffId}`,
  /** gsi4 (sparse): a region's escalated tasks (not resolved), open and claimed alike, by due time. */
  escalatedTasks: (brandId: string, region: string, dueAt: string, taskId: string) => ({
    gsi4pk: `ESCALATED#${brandId}#${region}`,
    gsi4sk: `${dueAt}#${taskId}`,
  }),
  escalatedTasksPartition: (brandId: string, region: string) => `ESCALATED#${brandId}#${region}`,
  /** The key attributes of each task index, what a transition REMOVEs when a task leaves that index. */
  taskIndexAttributes: {
    list: ['gsi2pk', 'gsi2sk'],
    sla: ['gsi1pk', 'gsi1sk'],
    mine: ['gsi3pk', 'gsi3sk'],
    escalated: ['gsi4pk', 'gsi4sk'],
  },
  /** A brand's follow-up policy: routing rules, SLA hours, business hours, the recovery survey. */
  followUpPolicy: (brandId: string) => ({ pk: `BRAND#${brandId}`, sk: 'FOLLOWUP' }),
  /** The regions a brand has tasks in (for brand-wide staff), one item each. */
  brandRegion: (brandId: string, region: string) => ({ pk: `BRAND#${brandId}`, sk: `REGION#${region}` }),
  brandPartition: (brandId: string) => `BRAND#${brandId}`,
  /** The demo history `npm start` seeds (functions/local/seed-history.ts): its anchor time, then its counts once done. */
  demoHistory: (brandId: string) => ({ pk: `BRAND#${brandId}`, sk: 'DEMO_HISTORY' }),
  staff: (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'STAFF' }),
  /** gsi1: a brand's staff, by id (the admin CLI's list). */
  staffList: (brandId: string, staffId: string) => ({ gsi1pk: `STAFFS#${brandId}`, gsi1sk: staffId }),
  staffListPartition: (brandId: string) => `STAFFS#${brandId}`,
  /** Failed logins of a username in one fixed window (TTL), for the login throttle. */
  loginFailures: (username: string, window: number) => ({ pk: `LOGINFAIL#${username}#${window}`, sk: 'LOGINFAIL' }),
  // ---------- administration (functions/src/admin) ----------
  /** The audit log: one partition per brand, sorted by time (`<at>#<id>`), read newest first. */
  audit: (brandId: string, at: string, entryId: string) => ({ pk: `AUDIT#${brandId}`, sk: `${at}#${entryId}` }),
  auditPartition: (brandId: string) => `AUDIT#${brandId}`,
  // ---------- administration: people and surveys (functions/src/admin/staff*, surveys*) ----------
  /** How many active admins a brand has: every change that adds or removes one updates it conditionally (never below 1). */
  brandAdmins: (brandId: string) => ({ pk: `BRAND#${brandId}`, sk: 'ADMINS' }),
  /** A brand's survey: its title and latest version, beside the brand (the admin's survey list is one Query). */
  brandSurvey: (brandId: string, surveyId: string) => ({ pk: `BRAND#${brandId}`, sk: `SURVEY#${surveyId}` }),
  brandSurveyPrefix: 'SURVEY#',
  surveyVersionPrefix: 'V#',
  /** gsi1 (sparse, on key items the admin API issued): a store's API keys by creation time. */
  storeKeyList: (storeId: string, createdAt: string, keyId: string) => ({ gsi1pk: `STOREKEYS#${storeId}`, gsi1sk: `${createdAt}#${keyId}` }),
  storeKeyListPartition: (storeId: string) => `STOREKEYS#${storeId}`,
  // ---------- insight (the insight table; layout of a row's attributes: shared/src/insight/counters.ts) ----------
  /** One group's counters: every day (`D#YYYY-MM-DD`, store-local) and month roll-up (`M#YYYY-MM`) in one partition. */
  counterPartition: (brandId: string, dimension: string, key: string) => `AGG#${brandId}#${dimension}#${key}`,
  counterDay: (brandId: string, dimension: string, key: string, day: string) => ({ pk: `AGG#${brandId}#${dimension}#${key}`, sk: `D#${day}` }),
  counterMonth: (brandId: string, dimension: string, key: string, month: string) => ({ pk: `AGG#${brandId}#${dimension}#${key}`, sk: `M#${month}` }),
  /** A week's row (league and brand partitions, added to with its days): `W#<the week's Monday>`. */
  counterWeek: (brandId: string, dimension: string, key: string, monday: string) => ({ pk: `AGG#${brandId}#${dimension}#${key}`, sk: `W#${monday}` }),
  /** The row a counter target of a response of `day` is written to: its day's, or its week's. */
  counterRow: (brandId: string, target: { dimension: string; key: string; span?: 'week' }, day: string) =>
    target.span === 'week' ? keys.counterWeek(brandId, target.dimension, target.key, weekStart(day)) : keys.counterDay(brandId, target.dimension, target.key, day),
  /** Responses table gsi1: a store's responses by store-local day, for the CSV export (a Query per store in scope). */
  responseExport: (brandId: string, storeId: string, day: string, responseId: string) => ({ gsi1pk: `RESPX#${brandId}#${storeId}`, gsi1sk: `${day}#${responseId}` }),
  responseExportPartition: (brandId: string, storeId: string) => `RESPX#${brandId}#${storeId}`,
  // ---------- privacy: person links, a person's records, erasure requests (functions/src/privacy) ----------
  /** One item per keyed customer hash of a brand → the person it belongs to (GetItem on the hash). */
  personLink: (brandId: string, customerHash: string) => ({ pk: `PLINK#${brandId}#${customerHash}`, sk: 'PLINK' }),
  /** gsi2 on a link item: a person's hashes (Query), what a merge re-points and an erasure deletes. */
  personMember: (brandId: string, personId: string, customerHash: string) => ({ gsi2pk: `PERSON#${brandId}#${personId}`, gsi2sk: customerHash }),
  personMembersPartition: (brandId: string, personId: string) => `PERSON#${brandId}#${personId}`,
  /**
   * A person's invitations: one small item per invitation with an identifier, under its first hash
   * (Query on the base table). An item of its own, not a GSI on the invitation: the invitation is
   * updated several times (sent, opened, repeat counted), and each update would rewrite a GSI entry.
   */
  personInvitation: (brandId: string, customerHash: string, createdAt: string, invitationId: string) => ({ pk: `PINV#${brandId}#${customerHash}`, sk: `${createdAt}#${invitationId}` }),
  personInvitationsPartition: (brandId: string, customerHash: string) => `PINV#${brandId}#${customerHash}`,
  /** gsi1 (sparse) on a consumer session: an openid's live sessions, so an erasure can revoke them. */
  sessionOfOpenid: (openidHash: string, expiresAt: string) => ({ gsi1pk: `CSESS#${openidHash}`, gsi1sk: expiresAt }),
  sessionsOfOpenidPartition: (openidHash: string) => `CSESS#${openidHash}`,
  /** A brand's privacy (erasure) requests: GetItem by id within the admin's brand. */
  privacyRequest: (brandId: string, requestId: string) => ({ pk: `PRIVACY#${brandId}`, sk: `REQ#${requestId}` }),
  /** gsi1 (sparse): requests not finished yet, what the erasure worker picks up. */
  privacyPending: (requestId: string) => ({ gsi1pk: 'PRIVACY#PENDING', gsi1sk: requestId }),
  privacyPendingPartition: 'PRIVACY#PENDING',
  // ---------- the callback notice (functions/src/notice, functions/src/followup/callback-notice*) ----------
  /** A consumer's grant of the callback-notice subscribe message, beside its task (same partition: one Query finds both). */
  callbackGrant: (responseId: string) => ({ pk: `TASK#${responseId}`, sk: 'CALLBACK_GRANT' }),
  /** The sort keys of a task partition's items, as a main-table stream record names them. */
  taskSortKey: 'TASK',
  callbackGrantSortKey: 'CALLBACK_GRANT',
} as const;

/** Which due-index shard an invitation goes to: spreads the hot partition, fixed by its id. */
export function dueShard(invitationId: string): number {
  let h = 0;
  for (const c of invitationId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % DUE_SHARDS;
}

export const SLA_SHARDS = 4;

/** Which SLA-index shard a task goes to (like the due index: spreads the partition, fixed by id). */
export function slaShard(taskId: string): number {
  let h = 7;
  for (const c of taskId) h = (h * 33 + c.charCodeAt(0)) >>> 0;
  return h % SLA_SHARDS;
}

// ---------- outbound webhooks (functions/src/webhooks, data/webhooks-repo.ts) ----------
export const webhookKeys = {
  /** A brand's endpoint: its URL, events and sealed signing secret(s). */
  endpoint: (webhookId: string) => ({ pk: `WEBHOOK#${webhookId}`, sk: 'WEBHOOK' }),
  /** gsi1: a brand's endpoints by creation time (the admin list, and the stream consumer's fan-out). */
  endpointList: (brandId: string, createdAt: string, webhookId: string) => ({ gsi1pk: `WEBHOOKS#${brandId}`, gsi1sk: `${createdAt}#${webhookId}` }),
  endpointListPartition: (brandId: string) => `WEBHOOKS#${brandId}`,
  /**
   * One delivery of one event to one endpoint, in the endpoint's partition sorted by the event's time
   * (the delivery log, newest first). Every part of the key derives from the event and the endpoint, so
   * a second enqueue of the same event (a redelivered stream record) names the same item.
   */
  delivery: (webhookId: string, eventAt: string, deliveryId: string) => ({ pk: `WHD#${webhookId}`, sk: `${eventAt}#${deliveryId}` }),
  deliveryPartition: (webhookId: string) => `WHD#${webhookId}`,
  /** gsi1 (sparse: pending deliveries only): when the next attempt is due, or until when it is leased. */
  deliveryDue: (nextAttemptAt: string, deliveryId: string) => ({ gsi1pk: 'WHDUE', gsi1sk: `${nextAttemptAt}#${deliveryId}` }),
  deliveryDuePartition: 'WHDUE',
} as const;
