import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZFollowUpPolicy, ZTask, type FollowUpPolicy, type Notice, type Task, type TaskStatus, type TimelineEntry } from '@xinsheng/shared';
import { TABLES, db, epochSeconds, isConditionalCheckFailed } from '../lib/dynamo';
import { config } from '../lib/config';
import { SLA_SHARDS, keys, slaShard } from './keys';

/**
 * Callback tasks (main table). A task's state changes are single conditional UpdateItems: the
 * condition is the state machine's guard, so two agents racing for one task cannot both win.
 * The task carries its own keys for the workbench list (gsi2, per brand/region/status by due time)
 * and, while it waits for a first contact, for the SLA index (gsi1) the escalation job queries.
 */

type Key = Record<string, unknown>;

const retentionTtl = (from: Date) => epochSeconds(from) + config.XS_RETENTION_DAYS * 86_400;

function indexKeys(task: Pick<Task, 'taskId' | 'brandId' | 'region' | 'status' | 'dueAt'>, waitingForContact: boolean) {
  return {
    ...keys.taskList(task.brandId, task.region, task.status, task.dueAt, task.taskId),
    ...(waitingForContact ? keys.slaIndex(slaShard(task.taskId), task.dueAt, task.taskId) : {}),
  };
}

const parseTask = (item: Record<string, unknown>): Task => ZTask.parse(item);

export async function getTask(taskId: string, consistent = false): Promise<Task | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.task(taskId), ConsistentRead: consistent }));
  return Item && parseTask(Item);
}

/** Stores a new task unless its response already has one; false when it had. */
export async function putNewTask(task: Task, now: Date): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.task(task.taskId), ...indexKeys(task, true), ...task, ttl: retentionTtl(now) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

export interface TaskChange {
  set?: Record<string, unknown>;
  remove?: string[];
  append?: TimelineEntry[];
  /** A condition over `#<attr>` names and `:<name>` values given below. */
  condition: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}

/**
 * Applies one conditional change to a task and returns the task after it, or undefined when the
 * condition did not hold (the caller reads the task again to say why). Attributes are named
 * through placeholders, so reserved words (status, queue…) need no care from callers.
 */
export async function changeTask(taskId: string, change: TaskChange): Promise<Task | undefined> {
  const names: Record<string, string> = { ...(change.names ?? {}) };
  const values: Record<string, unknown> = { ...(change.values ?? {}) };
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
  const expression = `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`;
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.task(taskId),
        UpdateExpression: expression,
        ConditionExpression: `attribute_exists(pk) AND (${change.condition})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes && parseTask(Attributes);
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
}

/** The list-index attributes for a task in a (new) status and due time. */
export function listKeysFor(task: Pick<Task, 'taskId' | 'brandId' | 'region'>, status: TaskStatus, dueAt: string) {
  return keys.taskList(task.brandId, task.region, status, dueAt, task.taskId);
}

export function slaKeysFor(taskId: string, dueAt: string) {
  return keys.slaIndex(slaShard(taskId), dueAt, taskId);
}

export interface TaskPage {
  items: Task[];
  lastKey?: Key;
}

/** One page of a brand's tasks in a region and status, by due time (Query on gsi2). */
export async function queryTaskList(brandId: string, region: string, status: TaskStatus, limit: number, startKey?: Key): Promise<TaskPage> {
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: TABLES.main,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.taskListPartition(brandId, region, status) },
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return { items: (Items ?? []).map(parseTask), lastKey: LastEvaluatedKey };
}

/** The index key of a task in gsi2 (what ExclusiveStartKey wants to resume after it). */
export function listPosition(task: Task): Key {
  return { ...keys.task(task.taskId), ...keys.taskList(task.brandId, task.region, task.status, task.dueAt, task.taskId) };
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
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.task(taskId),
        UpdateExpression: 'SET notices.#kind = :notice',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(notices.#kind)',
        ExpressionAttributeNames: { '#kind': kind },
        ExpressionAttributeValues: { ':notice': notice },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
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
    regions.push(...(page.Items ?? []).map((i) => String(i.region)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return regions;
}
