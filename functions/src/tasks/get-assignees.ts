import { httpHandler, json } from '../lib/http';
import { authenticateStaff } from '../staff/staff-auth';
import { taskIdOf } from './task-http';
import { assigneesFor } from './task-service';

/** GET /v1/tasks/{id}/assignees — who a supervisor may hand this task to (the reassign picker). */
export const handler = httpHandler(async (event) => {
  const staff = await authenticateStaff(event);
  return json(200, { items: await assigneesFor(staff, taskIdOf(event)) });
});
