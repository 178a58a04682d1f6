import {
  callbackPriority, slaDueAt, DEFAULT_URGENT_KEYWORDS,
  type FollowUpPolicy, type ResponseRecord, type RoutingRule, type TaskPriority,
} from '@xinsheng/shared';

/** The default queue of a region, and the supervisors' queue escalations go to. */
export const regionQueue = (region: string) => `region:${region}`;
export const supervisorQueue = (region: string) => `supervisor:${region}`;

/** The first rule that matches every field it names decides the queue; the region's queue otherwise. */
export function routeQueue(response: Pick<ResponseRecord, 'touchpoint' | 'storeId' | 'region'>, rules: readonly RoutingRule[]): string {
  const rule = rules.find(
    (r) =>
      (r.touchpoint === undefined || r.touchpoint === response.touchpoint) &&
      (r.storeId === undefined || r.storeId === response.storeId) &&
      (r.region === undefined || r.region === response.region),
  );
  return rule?.queue ?? regionQueue(response.region);
}

/** An escalation raises a task's priority by one step. */
export function raisedPriority(priority: TaskPriority): TaskPriority {
  return priority === 'normal' ? 'urgent' : 'critical';
}

export interface TaskPlan {
  queue: string;
  priority: TaskPriority;
  dueAt: Date;
}

/**
 * Where a qualifying response's task goes, how urgent it is and when its first contact is due.
 * Pure, and a function of the response alone: a redelivered record plans the same task.
 * The SLA clock starts when the customer answered, in the store's business hours.
 */
export function planTask(response: ResponseRecord, policy: FollowUpPolicy): TaskPlan {
  const priority = callbackPriority(response.answers, policy.urgentKeywords ?? DEFAULT_URGENT_KEYWORDS);
  return {
    queue: routeQueue(response, policy.routing),
    priority,
    dueAt: slaDueAt(new Date(response.submittedAt), policy.slaHours[priority], response.timeZone, policy.businessHours),
  };
}
