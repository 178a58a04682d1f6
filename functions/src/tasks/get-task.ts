import { taskHandler } from './task-http';
import { getTaskFor } from './task-service';

/** GET /v1/tasks/{id} — the answer, store, staff, order, masked phone and timeline. */
export const handler = taskHandler((staff, taskId) => getTaskFor(staff, taskId));
