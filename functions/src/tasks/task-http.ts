import type { StaffProfile, Task } from '@xinsheng/shared';
import { httpHandler, json, type HttpEvent, type HttpResult } from '../lib/http';
import { authenticateStaff } from '../staff/staff-auth';
import { taskNotFound } from '../staff/scope';
import { getStore } from '../data/catalog-repo';
import { taskDetail } from './views';

/** Task ids are ULIDs (the response's id); anything else names no task. */
const TASK_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function taskIdOf(event: HttpEvent): string {
  const id = event.pathParameters?.id ?? '';
  if (!TASK_ID.test(id)) throw taskNotFound();
  return id;
}

export async function detailResult(task: Task, now: Date, status = 200): Promise<HttpResult> {
  return json(status, taskDetail(task, await getStore(task.storeId), now));
}

/** A staff endpoint on one task: authenticate, take the id, run the step, answer with the task. */
export function taskHandler(step: (staff: StaffProfile, taskId: string, event: HttpEvent, now: Date) => Promise<Task>) {
  return httpHandler(async (event) => {
    const now = new Date();
    const staff = await authenticateStaff(event, now);
    const taskId = taskIdOf(event);
    return detailResult(await step(staff, taskId, event, now), now);
  });
}
