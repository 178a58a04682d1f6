import { ZAdminPasswordReset } from '@xinsheng/shared';
import { json } from '../lib/http';
import { adminHandler } from './admin-auth';
import { resetStaffPassword, staffIdParam } from './staff-service';

/** POST /v1/admin/staff/{staffId}/password — a new one-time password, shown in this answer only. */
export const handler = adminHandler(async (event, admin) => {
  const password = await resetStaffPassword(admin.brandId, staffIdParam(event), admin.staffId);
  return json(200, ZAdminPasswordReset.parse({ password }));
});
