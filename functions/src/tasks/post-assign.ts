import { ZAssignRequest } from '@xinsheng/shared';
import { parseBody } from '../lib/http';
import { taskHandler } from './task-http';
import { assignTask } from './task-service';

/** POST /v1/tasks/{id}/assign {staffId} — a supervisor hands a task to an agent in its scope. */
export const handler = taskHandler((staff, taskId, event, now) => assignTask(staff, taskId, parseBody(event, ZAssignRequest), now));
