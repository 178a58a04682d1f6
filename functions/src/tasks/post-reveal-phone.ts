import { httpHandler, json } from '../lib/http';
import { authenticateStaff } from '../staff/staff-auth';
import { taskIdOf } from './task-http';
import { revealPhone } from './task-service';

/** POST /v1/tasks/{id}/reveal-phone — the full number for a call, audited on the task's timeline. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const staff = await authenticateStaff(event, now);
  return json(200, await revealPhone(staff, taskIdOf(event), now));
});
