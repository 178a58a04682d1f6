import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  TASK_TRANSITIONS, ZFollowUpPolicy, ZTask, firstContactIncrements, loopTargets, resolveIncrements, statusAfter, zonedDay, type Increments,
  type FollowUpPolicy, type Notice, type ResolveOutcome, type Task, type TaskPriority, type TaskStatus, type TaskTransition, type TimelineEntry,
} from '@xinsheng/shared';
import { TABLES, batchGetAll, conditionalTransaction, conditionalWrite, db, epochSeconds } from '../lib/dynamo';
import { counterAdds, type TransactItem } from './insight-events-repo';
import { config } from '../lib/config';
import { SLA_SHARDS, keys, slaShard } from './keys';

/**
 * Callback tasks (main table). A task's state changes are single conditional UpdateItems: the
 * condition is the state machine's guard (TASK_TRANSITIONS in shared/), so two agents racing for
 * one task cannot both win. The task carries its own keys for the indexes that list it:
 * - gsi2, always: per brand/region/status by due time (the workbench queue);
 * - gsi1, while it waits for a first contact: the SLA index the escalation job queries;
 * - gsi3, while it is assigned and not resolved: its assignee's "mine" list;
 * - gsi4, while it is escalated and not resolved: its region's "escalated" list.
 * Each transition moves exactly the keys its own fields decide, in the same write, so a list
 * never shows a task in a view it has left. The two transitions the insight loop counters count
 * (a first contact, a first resolve) carry their counter ADDs in the same transaction, under a
 * once-per-task flag on the task (`firstContactCountedAt`, `resolveCountedAt`).
 */

type Key = Record<string, unknown>;

const retentionTtl = (from: Date) => epochSeconds(from) + config.XS_RETENTION_DAYS * 86_400;
const INDEX = keys.taskIndexAttributes;

/** Every index entry a task in this state has (a new task; or any task, rebuilt from its fields). */
export function indexKeysOf(task: Task) {
  const unresolved = task.status !== 'resolved';
  return {
    ...keys.taskList(task.brandId, task.region, task.status, task.dueAt, task.taskId),
    ...(unresolved && !task.firstContactAt && !task.escalated ? slaKeysFor(task.taskId, task.dueAt) : {}),
    ...(unresolved && task.assignee ? keys.assignedTasks(task.brandId, task.assignee, task.dueAt, task.taskId) : {}),
    ...(unresolved && task.escalated ? keys.escalatedTasks(task.brandId, task.region, task.dueAt, task.taskId) : {}),
  };
}

const parseTask = (item: Record<string, unknown>): Task => ZTask.parse(item);

export async function getTask(taskId: string, consistent = false): Promise<Task | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.task(taskId), ConsistentRead: consistent }));
  return Item && parseTask(Item);
}

/** Which of these tasks exist (BatchGetItem, 100 keys a call): how the bench watches tasks appear without a read per task. */
export async function existingTaskIds(taskIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < taskIds.length; i += 100) {
    for (const item of await batchGetAll(TABLES.main, taskIds.slice(i, i + 100).map((id) => keys.task(id)))) found.add(String(item.taskId));
  }
  return found;
}

/** The stored item of a task: its key, the index entries its state calls for, retention from `now`. */
export function taskItem(task: Task, now: Date) {
  return { ...keys.task(task.taskId), ...indexKeysOf(task), ...task, ttl: retentionTtl(now) };
}

/** Stores a new task unless its response already has one; false when it had. */
export async function putNewTask(task: Task, now: Date): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: taskItem(task, now),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

// ---------- state transitions: one conditional UpdateItem each ----------

interface Condition {
  /** Over `#<attr>` names and `:<name>` values given below. */
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

interface TaskChange {
  set?: Record<string, unknown>;
  remove?: readonly string[];
  append?: TimelineEntry[];
  condition: Condition;
  /** An insight count this change makes, once per task: its flag attribute and the counter increments. */
  count?: LoopCount;
}

interface LoopCount {
  /** Set (to the time of the change) in the same write, under the condition that it is not set yet. */
  flag: 'firstContactCountedAt' | 'resolveCountedAt';
  at: string;
  /** The counter rows' ADDs (counterAdds), written in the same transaction. */
  adds: TransactItem[];
}

const and = (...conditions: Condition[]): Condition => ({
  expression: conditions.map((c) => `(${c.expression})`).join(' AND '),
  names: Object.assign({}, ...conditions.map((c) => c.names)),
  values: Object.assign({}, ...conditions.map((c) => c.values)),
});

/**
 * The guard of a transition: the task is in a status it may start from — and, when `assignee` is
 * given (work reserved to the assignee, for a role that may not override), assigned to them.
 */
function guard(transition: TaskTransition, assignee?: string): Condition {
  const from = TASK_TRANSITIONS[transition].from;
  const values: Record<string, unknown> = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
  const status: Condition = { expression: `#status IN (${Object.keys(values).join(', ')})`, names: { '#status': 'status' }, values };
  return assignee ? and(status, { expression: '#assignee = :assignee', names: { '#assignee': 'assignee' }, values: { ':assignee': assignee } }) : status;
}

/** The due time is still the one the caller read (the index keys it writes are built from it). */
const dueAtIs = (dueAt: string): Condition => ({ expression: '#dueAt = :dueAt', names: { '#dueAt': 'dueAt' }, values: { ':dueAt': dueAt } });

/**
 * Applies one conditional change to a task and returns the task after it, or undefined when the
 * condition did not hold (the caller reads the task again to say why). Attributes are named
 * through placeholders, so reserved words (status, queue…) need no care.
 */
async function changeTask(taskId: string, change: TaskChange): Promise<Task | undefined> {
  const condition = change.count
    ? and(change.condition, { expression: 'attribute_not_exists(#countFlag)', names: { '#countFlag': change.count.flag }, values: {} })
    : change.condition;
  const names: Record<string, string> = { ...condition.names };
  const values: Record<string, unknown> = { ...condition.values };
  const sets: string[] = [];
  let i = 0;
  for (const [attr, value] of Object.entries(change.set ?? {})) {
    const path = attr.split('.').map((part) => {
      const name = `#s${i++}`;
      names[name] = part;
      return name;
    });
    const placeholder = `:s${i++}`;
    values[placeholder] = value;
    sets.push(`${path.join('.')} = ${placeholder}`);
  }
  if (change.append?.length) {
    names['#timeline'] = 'timeline';
    values[':appended'] = change.append;
    values[':emptyList'] = [];
    sets.push('#timeline = list_append(if_not_exists(#timeline, :emptyList), :appended)');
  }
  names['#version'] = 'version';
  values[':one'] = 1;
  sets.push('#version = #version + :one');
  const removes = (change.remove ?? []).map((attr) => {
    const name = `#r${i++}`;
    names[name] = attr;
    return name;
  });
  if (change.count) {
    values[':countedAt'] = change.count.at;
    sets.push('#countFlag = :countedAt');
  }
  const update = {
    TableName: TABLES.main,
    Key: keys.task(taskId),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: `attribute_exists(pk) AND (${condition.expression})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
  if (change.count) {
    // The transition and its count, all or nothing: the task's condition (guard + flag not set) makes it once.
    const refused = await conditionalTransaction([{ Update: update }, ...change.count.adds], (failed) => (failed[0] ? 'refused' : undefined));
    return refused ? undefined : getTask(taskId, true);
  }
  let changed: Record<string, unknown> | undefined;
  const written = await conditionalWrite(async () => {
    ({ Attributes: changed } = await db.send(new UpdateCommand({ ...update, ReturnValues: 'ALL_NEW' })));
  });
  return written && changed ? parseTask(changed) : undefined;
}

/** The store-local day of the task's response: the cohort its loop counters are kept under. */
export function cohortDay(task: Task): string {
  return task.day ?? zonedDay(new Date(task.submittedAt), task.timeZone);
}

/** The list-index attributes for a task in a (new) status and due time. */
const listKeysFor = (task: Pick<Task, 'taskId' | 'brandId' | 'region'>, status: TaskStatus, dueAt: string) =>
  keys.taskList(task.brandId, task.region, status, dueAt, task.taskId);

export function slaKeysFor(taskId: string, dueAt: string) {
  return keys.slaIndex(slaShard(taskId), dueAt, taskId);
}

/** An open task → in progress, claimed by `staffId`; it joins their "mine" list. Undefined: the guard failed. */
export function recordClaim(task: Task, staffId: string, entry: TimelineEntry): Promise<Task | undefined> {
  const status = statusAfter(task.status, 'claim');
  return changeTask(task.taskId, {
    set: {
      status, assignee: staffId, claimedAt: entry.at,
      ...listKeysFor(task, status, task.dueAt), ...keys.assignedTasks(task.brandId, staffId, task.dueAt, task.taskId),
    },
    append: [entry],
    condition: and(guard('claim'), dueAtIs(task.dueAt)),
  });
}

/** A supervisor hands an unresolved task to `staffId`: it moves to their "mine" list. */
export function recordAssignment(task: Task, staffId: string, entry: TimelineEntry): Promise<Task | undefined> {
  const status = statusAfter(task.status, 'assign');
  return changeTask(task.taskId, {
    set: { status, assignee: staffId, ...listKeysFor(task, status, task.dueAt), ...keys.assignedTasks(task.brandId, staffId, task.dueAt, task.taskId) },
    append: [entry],
    condition: and(guard('assign'), dueAtIs(task.dueAt)),
  });
}

/**
 * A call attempt on a task in progress (`assignee`: the one it must be assigned to, unless the
 * caller's role may override). `firstContactAt` the first time the customer is reached: the SLA is
 * met, so the task leaves the SLA index.
 */
export function recordAttempt(task: Task, entry: TimelineEntry, options: { assignee?: string; firstContactAt?: string }): Promise<Task | undefined> {
  const { firstContactAt } = options;
  if (!firstContactAt) return changeTask(task.taskId, { append: [entry], condition: guard('attempt', options.assignee) });
  return changeTask(task.taskId, {
    set: { firstContactAt },
    remove: INDEX.sla,
    append: [entry],
    // The first contact happens once: a racing reached attempt that lost re-reads and logs a plain one.
    condition: and(guard('attempt', options.assignee), { expression: 'attribute_not_exists(#firstContactAt)', names: { '#firstContactAt': 'firstContactAt' }, values: {} }),
    // Counted once per task: a reopened task's next first contact stops its new SLA clock, but is not a second contact of the cohort.
    ...(task.firstContactCountedAt
      ? {}
      : { count: { flag: 'firstContactCountedAt' as const, at: firstContactAt, adds: loopAdds(task, firstContactIncrements(task, firstContactAt)) } }),
  });
}

/** The ADDs of a loop event on the task's rows (brand, region, store) for its response's day. */
const loopAdds = (task: Task, increments: Increments) => counterAdds(task.brandId, loopTargets(task), cohortDay(task), increments);

/** The audit line of a phone reveal, written (under the same guard as an attempt) before the number is shown. */
export function recordPhoneReveal(task: Task, entry: TimelineEntry, assignee?: string): Promise<Task | undefined> {
  return changeTask(task.taskId, { append: [entry], condition: guard('reveal_phone', assignee) });
}

export interface Resolution {
  outcome: ResolveOutcome;
  rootCause: string;
  resolvedAt: string;
}

/**
 * A task in progress → resolved: it leaves the SLA, "mine" and "escalated" indexes; `resolutions`
 * counts up. Its first resolve is counted (insight `l:rv`) in the same write; after a reopen, a
 * resolve again counts nothing (the task is one resolved task of its cohort, however many times).
 */
export function recordResolution(task: Task, resolution: Resolution, entry: TimelineEntry, assignee?: string): Promise<Task | undefined> {
  const status = statusAfter(task.status, 'resolve');
  return changeTask(task.taskId, {
    set: { status, ...resolution, resolutions: task.resolutions + 1, ...listKeysFor(task, status, task.dueAt) },
    remove: [...INDEX.sla, ...INDEX.mine, ...INDEX.escalated],
    append: [entry],
    condition: and(guard('resolve', assignee), dueAtIs(task.dueAt)),
    ...(task.resolveCountedAt ? {} : { count: { flag: 'resolveCountedAt' as const, at: resolution.resolvedAt, adds: loopAdds(task, resolveIncrements()) } }),
  });
}

/** Notes the recovery survey of the task's latest resolution (not if it was reopened and resolved again meanwhile). */
export function recordRecoveryInvited(task: Task, entry: TimelineEntry): Promise<Task | undefined> {
  const invitationId = entry.type === 'recovery_invited' ? entry.invitationId : undefined;
  return changeTask(task.taskId, {
    set: invitationId ? { recovery: { invitationId } } : {},
    append: [entry],
    condition: { expression: '#resolutions = :resolutions', names: { '#resolutions': 'resolutions' }, values: { ':resolutions': task.resolutions } },
  });
}

/** A resolved task → open again in `queue`, due at `dueAt`, unassigned, not escalated, back in the SLA index. */
export function recordReopen(task: Task, reopened: { dueAt: string; queue: string }, entry: TimelineEntry): Promise<Task | undefined> {
  const status = statusAfter(task.status, 'reopen');
  return changeTask(task.taskId, {
    set: { status, ...reopened, escalated: false, ...listKeysFor(task, status, reopened.dueAt), ...slaKeysFor(task.taskId, reopened.dueAt) },
    remove: ['assignee', 'firstContactAt', 'outcome', 'rootCause', 'resolvedAt', ...INDEX.mine, ...INDEX.escalated],
    append: [entry],
    condition: guard('reopen'),
  });
}

/**
 * An overdue task → escalated (queue, priority, one more breach): it leaves the SLA index and joins
 * its region's "escalated" list. The condition is the task still sitting in the SLA index at the
 * due time it was read with, uncontacted and unresolved, so each breach escalates once however
 * many runs overlap.
 */
export function recordEscalation(task: Task, escalation: { queue: string; priority: TaskPriority; escalatedAt: string }, entry: TimelineEntry): Promise<Task | undefined> {
  return changeTask(task.taskId, {
    set: { ...escalation, escalated: true, breaches: task.breaches + 1, ...keys.escalatedTasks(task.brandId, task.region, task.dueAt, task.taskId) },
    remove: INDEX.sla,
    append: [entry],
    condition: and(guard('escalate'), {
      expression: '#slaSk = :slaSk AND attribute_not_exists(#firstContactAt)',
      names: { '#slaSk': INDEX.sla[1], '#firstContactAt': 'firstContactAt' },
      values: { ':slaSk': slaKeysFor(task.taskId, task.dueAt).gsi1sk },
    }),
  });
}

/** The answer to a task's recovery survey, kept once: a redelivered record changes nothing (undefined). */
export function recordRecoveryAnswer(taskId: string, recovery: NonNullable<Task['recovery']>, entry: TimelineEntry): Promise<Task | undefined> {
  return changeTask(taskId, {
    set: { recovery },
    append: [entry],
    condition: { expression: 'attribute_not_exists(#recovery.#responseId)', names: { '#recovery': 'recovery', '#responseId': 'responseId' }, values: {} },
  });
}

/**
 * For tasks stored before gsi3/gsi4 existed (scripts/backfill-task-indexes.ts): writes the "mine"
 * and "escalated" keys its fields call for, conditional on the version it was read at, so a
 * transition meanwhile wins (it writes them itself). False when there was nothing to write or it lost.
 */
export async function backfillViewKeys(task: Task): Promise<boolean> {
  const unresolved = task.status !== 'resolved';
  const viewKeys = {
    ...(unresolved && task.assignee ? keys.assignedTasks(task.brandId, task.assignee, task.dueAt, task.taskId) : {}),
    ...(unresolved && task.escalated ? keys.escalatedTasks(task.brandId, task.region, task.dueAt, task.taskId) : {}),
  };
  if (!Object.keys(viewKeys).length) return false;
  const changed = await changeTask(task.taskId, {
    set: viewKeys,
    condition: { expression: '#version = :version', names: { '#version': 'version' }, values: { ':version': task.version } },
  });
  return changed !== undefined;
}

// ---------- lists: one Query per index partition, by due time ----------

type TaskIndex = 'gsi2' | 'gsi3' | 'gsi4';
const INDEX_KEYS: Record<TaskIndex, readonly [string, string]> = { gsi2: INDEX.list, gsi3: INDEX.mine, gsi4: INDEX.escalated };

/**
 * One partition a task list reads, by due time. `id` names it in a list's cursor; the rest is the
 * repository's business. `statuses`: the statuses it holds tasks of (a view may want fewer).
 */
export interface TaskListSource {
  readonly id: string;
  readonly index: TaskIndex;
  readonly partition: string;
  readonly statuses: readonly TaskStatus[];
}

export interface TaskListView {
  statuses: readonly TaskStatus[];
  /** Only the tasks assigned to this staff member ("mine"). */
  assignee?: string;
  /** Only escalated tasks. */
  escalated?: boolean;
}

/**
 * The partitions that hold a view's tasks. Assigned and escalated tasks that are not resolved
 * have sparse indexes of their own (gsi3: per assignee; gsi4: per region), so those views read
 * only their own tasks; resolved ones, and every other view, read gsi2 per region and status.
 * `regions` is asked only when a partition per region is needed.
 */
export async function taskListSources(brandId: string, view: TaskListView, regions: () => Promise<string[]>): Promise<TaskListSource[]> {
  const statuses = [...new Set(view.statuses)];
  const unresolved: readonly TaskStatus[] = statuses.filter((s) => s !== 'resolved');
  const sources: TaskListSource[] = [];
  let byStatus = statuses;
  if (view.assignee && unresolved.length) {
    sources.push({ id: 'mine', index: 'gsi3', partition: keys.assignedTasksPartition(brandId, view.assignee), statuses: unresolved });
    byStatus = statuses.filter((s) => !unresolved.includes(s));
  } else if (view.escalated && unresolved.length) {
    for (const region of await regions()) {
      sources.push({ id: `escalated|${region}`, index: 'gsi4', partition: keys.escalatedTasksPartition(brandId, region), statuses: unresolved });
    }
    byStatus = statuses.filter((s) => !unresolved.includes(s));
  }
  if (byStatus.length) {
    for (const region of await regions()) {
      for (const status of byStatus) {
        sources.push({ id: `${region}|${status}`, index: 'gsi2', partition: keys.taskListPartition(brandId, region, status), statuses: [status] });
      }
    }
  }
  return sources;
}

export interface TaskPage {
  items: Task[];
  lastKey?: Key;
}

/** One page of a list partition, by due time (one Query, Limit = `limit`). */
export async function queryTaskSource(source: TaskListSource, limit: number, startKey?: Key): Promise<TaskPage> {
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: TABLES.main,
      IndexName: source.index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEX_KEYS[source.index][0] },
      ExpressionAttributeValues: { ':pk': source.partition },
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return { items: (Items ?? []).map(parseTask), lastKey: LastEvaluatedKey };
}

/** Where a task sits in a list partition (what ExclusiveStartKey wants to resume after it). */
export function positionIn(source: TaskListSource, task: Task): Key {
  const [pk, sk] = INDEX_KEYS[source.index];
  return { ...keys.task(task.taskId), [pk]: source.partition, [sk]: `${task.dueAt}#${task.taskId}` };
}

/** Whether a position (from a cursor) belongs to this partition. */
export function isPositionIn(source: TaskListSource, position: Key): boolean {
  const [pk, sk] = INDEX_KEYS[source.index];
  return position[pk] === source.partition && typeof position[sk] === 'string';
}

/** Tasks whose first contact is overdue at `now`, across every shard of the SLA index (Query on gsi1). */
export async function queryOverdueTasks(now: Date, limitPerShard = 100): Promise<Task[]> {
  const pages = await Promise.all(
    Array.from({ length: SLA_SHARDS }, (_, shard) =>
      db.send(
        new QueryCommand({
          TableName: TABLES.main,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :now',
          ExpressionAttributeValues: { ':pk': keys.slaPartition(shard), ':now': now.toISOString() },
          Limit: limitPerShard,
        }),
      ),
    ),
  );
  return pages.flatMap((p) => p.Items ?? []).map(parseTask);
}

// ---------- notices: at most one per kind, claimed before it is sent ----------

/** Claims the right to send a notice of this kind for a task; false when someone claimed it already. */
export async function claimNotice(taskId: string, kind: string, now: Date): Promise<boolean> {
  const notice: Notice = { state: 'sending', at: now.toISOString(), attempts: 0 };
  return conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.task(taskId),
        UpdateExpression: 'SET notices.#kind = :notice',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(notices.#kind)',
        ExpressionAttributeNames: { '#kind': kind },
        ExpressionAttributeValues: { ':notice': notice },
      }),
    ),
  );
}

export async function finishNotice(taskId: string, kind: string, notice: Notice, entry: TimelineEntry): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.task(taskId),
      UpdateExpression: 'SET notices.#kind = :notice, #timeline = list_append(#timeline, :entry)',
      ExpressionAttributeNames: { '#kind': kind, '#timeline': 'timeline' },
      ExpressionAttributeValues: { ':notice': notice, ':entry': [entry] },
    }),
  );
}

// ---------- follow-up policy and the brand's regions ----------

const POLICY_CACHE_MS = 30_000;
const policyCache = new Map<string, { at: number; value: FollowUpPolicy }>();

/** A brand's follow-up policy (defaults when it has none), cached for 30 s per process. */
export async function getFollowUpPolicy(brandId: string): Promise<FollowUpPolicy> {
  const hit = policyCache.get(brandId);
  if (hit && Date.now() - hit.at < POLICY_CACHE_MS) return hit.value;
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.followUpPolicy(brandId) }));
  const value = ZFollowUpPolicy.parse(Item ?? { brandId });
  policyCache.set(brandId, { at: Date.now(), value });
  return value;
}

export async function putFollowUpPolicy(policy: FollowUpPolicy): Promise<void> {
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.followUpPolicy(policy.brandId), ...ZFollowUpPolicy.parse(policy) } }));
  policyCache.delete(policy.brandId);
}

const knownRegions = new Set<string>();
/** A brand-region item: the region is all a list needs of it. */
const ZBrandRegionItem = ZTask.pick({ region: true });

/** Records that a brand has tasks in a region (once per process and region), for brand-wide lists. */
export async function registerRegion(brandId: string, region: string): Promise<void> {
  const id = `${brandId}#${region}`;
  if (knownRegions.has(id)) return;
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.brandRegion(brandId, region), brandId, region } }));
  knownRegions.add(id);
}

/** The regions a brand has tasks in (Query on the brand's partition). */
export async function listRegions(brandId: string): Promise<string[]> {
  const regions: string[] = [];
  let startKey: Key | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: TABLES.main,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :region)',
        ExpressionAttributeValues: { ':pk': keys.brandPartition(brandId), ':region': 'REGION#' },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    regions.push(...(page.Items ?? []).map((item) => ZBrandRegionItem.parse(item).region));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return regions;
}
