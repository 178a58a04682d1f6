import type { ScheduledEvent } from 'aws-lambda';
import type { Task } from '@xinsheng/shared';
import { logger, withLogContext } from '../lib/logger';
import { queryOverdueTasks, recordEscalation } from '../data/tasks-repo';
import { raisedPriority, supervisorQueue } from './routing';
import { defaultNotifier, notifyOnce, type StaffNotifier } from './notify';

export interface EscalationSummary {
  overdue: number;
  escalated: number;
}

/**
 * Moves one overdue task to its region's supervisors with a raised priority. The write is
 * conditional on the task still being overdue as it was read (same due time, uncontacted,
 * unresolved) and takes it off the overdue list, so each breach escalates once however many
 * runs overlap; undefined when another run (or a contact, or a resolve) came first.
 */
export async function escalateTask(task: Task, now: Date): Promise<Task | undefined> {
  const queue = supervisorQueue(task.region);
  const priority = raisedPriority(task.priority);
  return recordEscalation(
    task,
    { queue, priority, escalatedAt: now.toISOString() },
    { type: 'escalated', at: now.toISOString(), queue, priority, dueAt: task.dueAt },
  );
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
