import { ZResolveRequest } from '@xinsheng/shared';
import { parseBody } from '../lib/http';
import { taskHandler } from './task-http';
import { resolveTask } from './task-service';

/** POST /v1/tasks/{id}/resolve {outcome, rootCause, note?, resurvey?} — close the task (409 when resolved already). */
export const handler = taskHandler((staff, taskId, event, now) => resolveTask(staff, taskId, parseBody(event, ZResolveRequest), now));
