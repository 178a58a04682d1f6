import { taskHandler } from './task-http';
import { claimTask } from './task-service';

/** POST /v1/tasks/{id}/claim — take an open task; a second claimant gets 409. */
export const handler = taskHandler((staff, taskId, _event, now) => claimTask(staff, taskId, now));
