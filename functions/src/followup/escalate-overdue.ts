import type { ScheduledEvent } from 'aws-lambda';
import type { Task } from '@xinsheng/shared';
import { logger, withLogContext } from '../lib/logger';
import { changeTask, queryOverdueTasks, slaKeysFor } from '../data/tasks-repo';
import { raisedPriority, supervisorQueue } from './routing';
import { defaultNotifier, notifyOnce, type StaffNotifier } from './notify';

export interface EscalationSummary {
  overdue: number;
  escalated: number;
}

/**
 * Moves one overdue task to its region's supervisors with a raised priority. The condition is the
 * task still sitting in the SLA index at the same due time, uncontacted and unresolved: the update
 * also takes it out of the index, so each breach escalates once however many runs overlap.
 */
export async function escalateTask(task: Task, now: Date): Promise<Task | undefined> {
  const queue = supervisorQueue(task.region);
  const priority = raisedPriority(task.priority);
  const sla = slaKeysFor(task.taskId, task.dueAt);
  return changeTask(task.taskId, {
    set: { queue, priority, escalated: true, breaches: task.breaches + 1, escalatedAt: now.toISOString() },
    remove: ['gsi1pk', 'gsi1sk'],
    append: [{ type: 'escalated', at: now.toISOString(), queue, priority, dueAt: task.dueAt }],
    condition: '#gsi1sk = :slaSk AND #status <> :resolved AND attribute_not_exists(#firstContactAt)',
    names: { '#gsi1sk': 'gsi1sk', '#status': 'status', '#firstContactAt': 'firstContactAt' },
    values: { ':slaSk': sla.gsi1sk, ':resolved': 'resolved' },
  });
}

/** Every task past its first-contact due time at `now` → escalated once, with one robot notice. */
export async function escalateOverdueTasks(now: Date, notifier: StaffNotifier | undefined): Promise<EscalationSummary> {
  const overdue = await queryOverdueTasks(now);
  const summary: EscalationSummary = { overdue: overdue.length, escalated: 0 };
  for (const task of overdue) {
    try {
      const escalated = await escalateTask(task, now);
      if (!escalated) continue;
      summary.escalated++;
      await notifyOnce(escalated, `escalation-${escalated.breaches}`, notifier, now);
    } catch (error) {
      logger.error('escalation failed', { taskId: task.taskId, error: error as Error });
    }
  }
  return summary;
}

/** The escalation schedule (every minute). The event's time is "now", so tests can move the clock. */
export const handler = withLogContext(async (event: Pick<ScheduledEvent, 'time'>): Promise<EscalationSummary> => {
  const now = event.time ? new Date(event.time) : new Date();
  const summary = await escalateOverdueTasks(now, defaultNotifier());
  if (summary.overdue) logger.info('escalation', { ...summary });
  return summary;
});
