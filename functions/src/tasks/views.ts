import { maskPhone, type Store, type Task, type TaskDetail, type TaskSummary } from '@xinsheng/shared';
import { decrypt } from '../lib/crypto';

/** The first line of a comment, at most 80 characters: what a queue row shows. */
export function commentPreview(comment: string | undefined): string | undefined {
  const line = comment?.split(/\r?\n/).find((l) => l.trim())?.trim();
  if (!line) return undefined;
  const chars = [...line];
  return chars.length > 80 ? `${chars.slice(0, 79).join('')}…` : line;
}

/** Breached: escalated for this breach, or past due with no contact yet. */
export const isBreached = (task: Task, now: Date) =>
  task.status !== 'resolved' && !task.firstContactAt && (task.escalated || Date.parse(task.dueAt) < now.getTime());

export function taskSummary(task: Task, now: Date, storeName?: string): TaskSummary {
  return {
    taskId: task.taskId,
    responseId: task.responseId,
    storeId: task.storeId,
    ...(storeName ? { storeName } : {}),
    region: task.region,
    status: task.status,
    priority: task.priority,
    queue: task.queue,
    ...(task.assignee ? { assignee: task.assignee } : {}),
    escalated: task.escalated,
    createdAt: task.createdAt,
    dueAt: task.dueAt,
    breached: isBreached(task, now),
    nps: task.answers.nps,
    ...(task.answers.csat !== undefined ? { csat: task.answers.csat } : {}),
    ...(commentPreview(task.answers.comment) ? { commentPreview: commentPreview(task.answers.comment) } : {}),
  };
}

/** The task pane: the whole answer, store, staff, order, the masked phone and the timeline. */
export function taskDetail(task: Task, store: Store | undefined, now: Date): TaskDetail {
  return {
    ...taskSummary(task, now, store?.name),
    answers: task.answers,
    band: task.band,
    touchpoint: task.touchpoint,
    orderId: task.orderId,
    ...(task.staffId ? { staffId: task.staffId } : {}),
    submittedAt: task.submittedAt,
    store: { storeId: task.storeId, name: store?.name ?? task.storeId, region: task.region },
    ...(task.phoneSealed ? { phoneMasked: maskPhone(decrypt(task.phoneSealed)) } : {}),
    ...(task.firstContactAt ? { firstContactAt: task.firstContactAt } : {}),
    ...(task.resolvedAt ? { resolvedAt: task.resolvedAt } : {}),
    ...(task.outcome ? { outcome: task.outcome } : {}),
    ...(task.rootCause ? { rootCause: task.rootCause } : {}),
    ...(task.recovery ? { recovery: task.recovery } : {}),
    timeline: task.timeline,
  };
}
