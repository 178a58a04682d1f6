import { ZAttemptRequest } from '@xinsheng/shared';
import { parseBody } from '../lib/http';
import { taskHandler } from './task-http';
import { logAttempt } from './task-service';

/** POST /v1/tasks/{id}/attempts {result, note?} — log a call; "reached" meets the SLA. */
export const handler = taskHandler((staff, taskId, event, now) => logAttempt(staff, taskId, parseBody(event, ZAttemptRequest), now));
