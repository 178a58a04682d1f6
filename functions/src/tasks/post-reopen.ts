import { ZReopenRequest } from '@xinsheng/shared';
import { parseBody, type HttpEvent } from '../lib/http';
import { taskHandler } from './task-http';
import { reopenTask } from './task-service';

const bodyOf = (event: HttpEvent) => (event.body ? parseBody(event, ZReopenRequest) : {});

/** POST /v1/tasks/{id}/reopen {note?} — a supervisor reopens a resolved task with a fresh SLA. */
export const handler = taskHandler((staff, taskId, event, now) => reopenTask(staff, taskId, bodyOf(event), now));
