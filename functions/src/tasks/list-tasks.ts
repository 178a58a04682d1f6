import { z } from 'zod';
import { ZTaskStatus, type StaffProfile, type Task, type TaskList, type TaskListQuery } from '@xinsheng/shared';
import { badRequest } from '../lib/errors';
import { getStore } from '../data/catalog-repo';
import { isPositionIn, listRegions, positionIn, queryTaskSource, taskListSources, type TaskListSource } from '../data/tasks-repo';
import { forbiddenRole, inScope, mayAct } from '../staff/scope';
import { taskSummary } from './views';

/**
 * GET /v1/tasks: the tasks a staff member may see, ordered by due time. The repository names the
 * index partitions that hold the wanted tasks — "mine" and "escalated" have sparse indexes of their
 * own, every other view one partition per (region, status) in the caller's scope — and the list
 * merges them by due time (a k-way merge); the cursor remembers where each partition stands.
 * Filters that no partition answers (queue, store, mine=false…) are applied to what the merge
 * reads, so a page may hold fewer than `limit` items while a cursor still follows.
 */

type Key = Record<string, unknown>;
const ZCursor = z.record(z.string(), z.union([z.record(z.string(), z.unknown()), z.literal(0), z.null()]));
const ZStatuses = z.array(ZTaskStatus);
const DEFAULT_STATUSES = 'open,in_progress';

const encodeCursor = (state: Record<string, Key | 0 | null>) => Buffer.from(JSON.stringify(state)).toString('base64url');
const invalidCursor = () => badRequest('the cursor is invalid', [{ path: ['query', 'cursor'], message: 'not a cursor from this list' }]);
function decodeCursor(cursor: string): Record<string, Key | 0 | null> {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor();
  }
}

/** The regions whose partitions can hold tasks this staff member may see. */
async function regionsInScope(staff: StaffProfile): Promise<string[]> {
  if (staff.scope.allRegions) return listRegions(staff.brandId);
  const storeRegions = await Promise.all(staff.scope.stores.map(async (id) => (await getStore(id))?.region));
  return [...new Set([...staff.scope.regions, ...storeRegions.filter((r): r is string => Boolean(r))])];
}

interface Partition {
  source: TaskListSource;
  startKey?: Key;
  buffer: Task[];
  done: boolean;
  /** Where the next page resumes: after the last task taken from this partition. */
  resumeKey?: Key;
}

const MAX_READS = 20;
const sortKey = (task: Task) => `${task.dueAt}#${task.taskId}`;

export async function listTasks(staff: StaffProfile, query: TaskListQuery, now: Date): Promise<TaskList> {
  if (!mayAct(staff.role, 'list')) throw forbiddenRole('list');
  const statuses = ZStatuses.parse((query.status ?? DEFAULT_STATUSES).split(','));
  const state = query.cursor ? decodeCursor(query.cursor) : undefined;
  const sources = await taskListSources(
    staff.brandId,
    { statuses, ...(query.mine ? { assignee: staff.staffId } : {}), ...(query.escalated ? { escalated: true } : {}) },
    () => regionsInScope(staff),
  );

  const partitions: Partition[] = [];
  for (const source of sources) {
    const saved = state?.[source.id];
    if (state && saved === undefined) continue; // not part of the listing this cursor came from
    if (saved === 0) continue; // exhausted
    if (saved && !isPositionIn(source, saved)) throw invalidCursor();
    partitions.push({ source, startKey: saved ?? undefined, resumeKey: saved ?? undefined, buffer: [], done: false });
  }

  const wanted = (task: Task) =>
    inScope(staff, task) &&
    statuses.includes(task.status) &&
    (query.queue === undefined || task.queue === query.queue) &&
    (query.mine === undefined || (task.assignee === staff.staffId) === query.mine) &&
    (query.escalated === undefined || task.escalated === query.escalated) &&
    (query.storeId === undefined || task.storeId === query.storeId);

  let reads = 0;
  const fill = async (p: Partition) => {
    while (!p.buffer.length && !p.done && reads < MAX_READS) {
      reads++;
      const page = await queryTaskSource(p.source, query.limit, p.startKey);
      p.buffer = page.items;
      p.startKey = page.lastKey;
      p.done = !page.lastKey;
    }
  };

  const items: Task[] = [];
  while (items.length < query.limit) {
    await Promise.all(partitions.map(fill));
    let next: Partition | undefined;
    for (const p of partitions) if (p.buffer.length && (!next || sortKey(p.buffer[0]) < sortKey(next.buffer[0]))) next = p;
    if (!next) break;
    const task = next.buffer.shift()!;
    next.resumeKey = positionIn(next.source, task);
    if (wanted(task)) items.push(task);
  }

  const cursorState: Record<string, Key | 0 | null> = {};
  let more = false;
  for (const p of partitions) {
    const exhausted = p.done && !p.buffer.length;
    cursorState[p.source.id] = exhausted ? 0 : (p.resumeKey ?? null);
    if (!exhausted) more = true;
  }
  const storeNames = new Map<string, string | undefined>();
  for (const id of new Set(items.map((t) => t.storeId))) storeNames.set(id, (await getStore(id))?.name);
  return {
    items: items.map((task) => taskSummary(task, now, storeNames.get(task.storeId))),
    ...(more ? { nextCursor: encodeCursor(cursorState) } : {}),
  };
}
