import type { TaskStatus } from './schemas/tasks';

/**
 * The callback task's state machine, once: which change may start from which status, where it
 * leaves the task, and whether only the task's assignee may make it. The server turns each guard
 * into the condition of its one conditional write; the mini-program reads the same table to
 * offer only the actions that can succeed.
 *
 *   open ──claim / assign──▶ in_progress ──resolve──▶ resolved ──reopen──▶ open
 *   attempt, reveal_phone: in_progress (the assignee's, unless the role may override);
 *   assign also hands on a task in progress; escalate keeps the status of an unresolved task.
 */
export type TaskTransition = 'claim' | 'assign' | 'attempt' | 'reveal_phone' | 'resolve' | 'reopen' | 'escalate';

export interface TaskTransitionRule {
  /** The statuses the change may start from (its guard). */
  readonly from: readonly TaskStatus[];
  /** The status after it; absent when the change keeps the status. */
  readonly to?: TaskStatus;
  /** Only the assignee may make it (a role that may override aside). */
  readonly assigneeOnly: boolean;
}

export const TASK_TRANSITIONS: Readonly<Record<TaskTransition, TaskTransitionRule>> = {
  claim: { from: ['open'], to: 'in_progress', assigneeOnly: false },
  assign: { from: ['open', 'in_progress'], to: 'in_progress', assigneeOnly: false },
  attempt: { from: ['in_progress'], assigneeOnly: true },
  reveal_phone: { from: ['in_progress'], assigneeOnly: true },
  resolve: { from: ['in_progress'], to: 'resolved', assigneeOnly: true },
  reopen: { from: ['resolved'], to: 'open', assigneeOnly: false },
  escalate: { from: ['open', 'in_progress'], assigneeOnly: false },
};

/** Whether a task in `status` may go through `transition` (the status guard alone). */
export function mayTransition(status: TaskStatus, transition: TaskTransition): boolean {
  return TASK_TRANSITIONS[transition].from.includes(status);
}

/** The status a task has after `transition` (the same status when the change keeps it). */
export function statusAfter(status: TaskStatus, transition: TaskTransition): TaskStatus {
  return TASK_TRANSITIONS[transition].to ?? status;
}
