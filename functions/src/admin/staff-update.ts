import { ZAdminStaffUpdate } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { parseStrictBody } from './strict-body';
import { staffIdParam, staffView, updateStaffAccount } from './staff-service';

/** PUT /v1/admin/staff/{staffId} — name, role, scope, disabled; 409 `last_admin` for the brand's last active admin. */
export const handler = adminHandler(async (event, admin) => {
  const staffId = staffIdParam(event);
  const patch = parseStrictBody(event, ZAdminStaffUpdate);
  return json(200, staffView(await updateStaffAccount(admin.brandId, staffId, patch, admin.staffId)));
});
