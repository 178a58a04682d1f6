import { ZTaskListQuery } from '@xinsheng/shared';
import { httpHandler, json } from '../lib/http';
import { badRequest, zodDetails } from '../lib/errors';
import { authenticateStaff } from '../staff/staff-auth';
import { listTasks } from './list-tasks';

/** GET /v1/tasks?status=&queue=&mine=&escalated=&storeId=&limit=&cursor= — the caller's queue by due time. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const staff = await authenticateStaff(event, now);
  const parsed = ZTaskListQuery.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw badRequest('the query is invalid', zodDetails(parsed.error, ['query']));
  return json(200, await listTasks(staff, parsed.data, now));
});
