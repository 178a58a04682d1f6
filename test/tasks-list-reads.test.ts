/**
 * GET /v1/tasks reads only what it returns for the "mine" and "escalated" views: with many other
 * tasks in the same region (open, claimed by someone else, due first), a page of either view
 * reads — summed over every task-index Query it makes — as many items as it returns.
 */
import { stack, unique } from './followup-helpers';
import { ZStaffProfile, ZTask, ZTaskListQuery, type Task, type TaskList } from '@xinsheng/shared';
import { dynamoClient } from '../functions/src/lib/dynamo';
import { putNewTask } from '../functions/src/data/tasks-repo';
import { listTasks } from '../functions/src/tasks/list-tasks';
import { claimTask } from '../functions/src/tasks/task-service';
import { escalateTask } from '../functions/src/followup/escalate-overdue';

afterAll(() => dynamoClient.destroy());

// The DynamoDB Local of this run (the helpers put its environment on this process).
expect(stack.dynamoEndpoint).toBeTruthy();

/** Items read by task-index Queries (ScannedCount: before any filter), counted on the shared client. */
let itemsRead = 0;
let queries = 0;
dynamoClient.middlewareStack.add(
  (next, context) => async (args) => {
    const result = await next(args);
    const indexName = 'IndexName' in args.input ? args.input.IndexName : undefined;
    const scanned = 'ScannedCount' in result.output ? result.output.ScannedCount : undefined;
    if (context.commandName === 'QueryCommand' && indexName && typeof scanned === 'number') {
      queries++;
      itemsRead += scanned;
    }
    return result;
  },
  { step: 'initialize', name: 'countTaskReads' },
);

const brandId = unique('reads');
const region = 'east';
const staff = (staffId: string, role: 'agent' | 'supervisor') =>
  ZStaffProfile.parse({ staffId, brandId, name: staffId, role, scope: { regions: [region] } });
const me = staff('reads.me', 'agent');
const other = staff('reads.other', 'agent');
const supervisor = staff('reads.supervisor', 'supervisor');

const base = Date.parse('2030-01-01T00:00:00.000Z');
let n = 0;
/** A task of this brand, due `minutes` after a fixed instant (ids sort with the due time). */
function task(minutes: number): Task {
  const taskId = `${brandId}-${String(n++).padStart(4, '0')}`;
  const at = new Date(base - 60 * 60_000).toISOString();
  return ZTask.parse({
    taskId, responseId: taskId, invitationId: `inv-${taskId}`, brandId, storeId: 'reads-store', region, orderId: `o-${taskId}`,
    touchpoint: 'in_store', timeZone: 'Asia/Shanghai', answers: { nps: 3 }, band: 'detractor', submittedAt: at,
    status: 'open', priority: 'normal', queue: `region:${region}`, createdAt: at, dueAt: new Date(base + minutes * 60_000).toISOString(),
  });
}

async function put(tasks: Task[]): Promise<Task[]> {
  for (const t of tasks) expect(await putNewTask(t, new Date())).toBe(true);
  return tasks;
}

const mineIds: string[] = [];
const escalatedIds: string[] = [];

beforeAll(async () => {
  const now = new Date();
  // Due first: 40 open tasks and 12 claimed by someone else — what a filtering list would wade through.
  await put(Array.from({ length: 40 }, (_, i) => task(i)));
  for (const t of await put(Array.from({ length: 12 }, (_, i) => task(100 + i)))) await claimTask(other, t.taskId, now);
  // Due last: 4 of mine (one of them escalated) and 3 more escalated (one claimed by the other agent).
  for (const t of await put(Array.from({ length: 4 }, (_, i) => task(200 + i)))) {
    await claimTask(me, t.taskId, now);
    mineIds.push(t.taskId);
  }
  const [escalatedMine] = mineIds;
  const escalated = [escalatedMine, ...(await put(Array.from({ length: 3 }, (_, i) => task(300 + i)))).map((t) => t.taskId)];
  for (const id of escalated) {
    const { getTask } = await import('../functions/src/data/tasks-repo');
    const current = await getTask(id, true);
    if (!current) throw new Error(`no task ${id}`);
    expect(await escalateTask(current, now)).toBeDefined();
    escalatedIds.push(id);
  }
  await claimTask(other, escalated[2], now);
}, 120_000);

/** Walks a view page by page: what each page returned and how many items it read. */
async function walk(profile: typeof me, query: Record<string, string>) {
  const pages: Array<{ returned: number; read: number; queries: number }> = [];
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    itemsRead = 0;
    queries = 0;
    const page: TaskList = await listTasks(profile, ZTaskListQuery.parse({ ...query, ...(cursor ? { cursor } : {}) }), new Date());
    pages.push({ returned: page.items.length, read: itemsRead, queries });
    ids.push(...page.items.map((t) => t.taskId));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return { pages, ids };
}

test('a "mine" page reads only the tasks it returns, in due order', async () => {
  const { pages, ids } = await walk(me, { mine: 'true', limit: '3' });
  expect(ids).toEqual(mineIds);
  for (const page of pages) expect(page.read).toBe(page.returned);
  expect(pages[0]).toEqual({ returned: 3, read: 3, queries: 1 });
  // The other agent's own list is theirs alone.
  const theirs = await walk(other, { mine: 'true', limit: '100' });
  expect(theirs.ids).toHaveLength(13);
  expect(theirs.ids.some((id) => mineIds.includes(id))).toBe(false);
});

test('an "escalated" page reads only the tasks it returns, open and claimed alike, in due order', async () => {
  const { pages, ids } = await walk(supervisor, { escalated: 'true', limit: '2' });
  expect(ids).toEqual(escalatedIds);
  for (const page of pages) expect(page.read).toBe(page.returned);
  expect(pages[0]).toEqual({ returned: 2, read: 2, queries: 1 });
});

test('a resolved task leaves both views; the other views still see what they saw', async () => {
  const { resolveTask } = await import('../functions/src/tasks/task-service');
  const [first] = mineIds;
  await resolveTask(me, first, { outcome: 'no_action_needed', rootCause: 'test', resurvey: false }, new Date());
  expect((await walk(me, { mine: 'true', limit: '100' })).ids).toEqual(mineIds.slice(1));
  expect((await walk(supervisor, { escalated: 'true', limit: '100' })).ids).toEqual(escalatedIds.slice(1));
  // …but stays "mine" and "escalated" among the resolved tasks, as before.
  expect((await walk(me, { mine: 'true', status: 'resolved', limit: '100' })).ids).toEqual([first]);
  expect((await walk(supervisor, { escalated: 'true', status: 'resolved', limit: '100' })).ids).toEqual([first]);
  // "not mine" still lists everything else in the default statuses.
  expect((await walk(me, { mine: 'false', limit: '100' })).ids).toHaveLength(40 + 12 + 3);
});

test('a task claimed before gsi3 existed joins "mine" through the backfill, once', async () => {
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { TABLES, db } = await import('../functions/src/lib/dynamo');
  const { backfillViewKeys, getTask } = await import('../functions/src/data/tasks-repo');
  const { keys } = await import('../functions/src/data/keys');
  const [old] = await put([task(400)]);
  await claimTask(me, old.taskId, new Date());
  // As the task was stored before the index: no "mine" keys.
  await db.send(new UpdateCommand({ TableName: TABLES.main, Key: keys.task(old.taskId), UpdateExpression: 'REMOVE gsi3pk, gsi3sk' }));
  expect((await walk(me, { mine: 'true', limit: '100' })).ids).not.toContain(old.taskId);
  const stored = await getTask(old.taskId, true);
  if (!stored) throw new Error('no task');
  expect(await backfillViewKeys(stored)).toBe(true);
  expect(await backfillViewKeys(stored)).toBe(false); // its version moved on: a second run writes nothing
  expect((await walk(me, { mine: 'true', limit: '100' })).ids).toEqual([...mineIds.slice(1), old.taskId]);
});
