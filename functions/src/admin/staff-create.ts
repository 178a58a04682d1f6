import { ZAdminStaffCreate, ZAdminStaffCreated } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { parseStrictBody } from './strict-body';
import { createStaffAccount } from './staff-service';

/** POST /v1/admin/staff — a new account with a generated one-time password, shown in this answer only. */
export const handler = adminHandler(async (event, admin) => {
  const body = parseStrictBody(event, ZAdminStaffCreate);
  const { record, password } = await createStaffAccount({ ...body, brandId: admin.brandId }, admin.staffId);
  return json(201, ZAdminStaffCreated.parse({ staffId: record.staffId, username: record.staffId, password }));
});
