import type { ResponseRecord, Task } from '@xinsheng/shared';
import { getFollowUpPolicy, getTask, putNewTask, registerRegion } from '../data/tasks-repo';
import { planTask } from './routing';
import { notifyOnce, type StaffNotifier } from './notify';

export interface FollowUpDeps {
  notifier: StaffNotifier | undefined;
  now: () => Date;
  /** Test seam: runs right after the task's write, e.g. to simulate a crash there. */
  afterTaskWrite?: (task: Task) => Promise<void> | void;
}

/** The task a response becomes: every field derives from the response and the brand's policy. */
export function taskFromResponse(response: ResponseRecord, plan: ReturnType<typeof planTask>): Task {
  const createdAt = response.submittedAt;
  return {
    taskId: response.responseId,
    responseId: response.responseId,
    invitationId: response.invitationId,
    brandId: response.brandId,
    storeId: response.storeId,
    region: response.region,
    staffId: response.staffId,
    orderId: response.orderId,
    touchpoint: response.touchpoint,
    timeZone: response.timeZone,
    answers: response.answers,
    band: response.band,
    submittedAt: response.submittedAt,
    day: response.day,
    phoneSealed: response.phoneSealed,
    status: 'open',
    priority: plan.priority,
    queue: plan.queue,
    createdAt,
    dueAt: plan.dueAt.toISOString(),
    escalated: false,
    breaches: 0,
    resolutions: 0,
    notices: {},
    timeline: [{ type: 'created', at: createdAt, queue: plan.queue, priority: plan.priority, dueAt: plan.dueAt.toISOString() }],
    version: 1,
  };
}

/**
 * A qualifying response → exactly one callback task. The put is conditional on the task id, which
 * is the response id, so a redelivered record or a retry after a crash finds the task there and
 * only finishes what the first run may not have (the urgent notice, itself sent at most once).
 */
export async function createCallbackTask(response: ResponseRecord, deps: FollowUpDeps): Promise<{ task: Task; created: boolean }> {
  const policy = await getFollowUpPolicy(response.brandId);
  const planned = taskFromResponse(response, planTask(response, policy));
  const created = await putNewTask(planned, deps.now());
  await deps.afterTaskWrite?.(planned);
  await registerRegion(response.brandId, response.region);
  const task = created ? planned : ((await getTask(planned.taskId, true)) ?? planned);
  if (task.priority !== 'normal') await notifyOnce(task, 'urgent', deps.notifier, deps.now());
  return { task, created };
}
