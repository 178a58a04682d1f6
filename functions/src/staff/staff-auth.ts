import type { StaffProfile } from '@xinsheng/shared';
import { bearerToken, type HttpEvent } from '../lib/http';
import { unauthorized } from '../lib/errors';
import { logBrand } from '../lib/logger';
import { getStaff } from '../data/staff-repo';
import { verifyStaffToken } from './tokens';

/**
 * The staff member behind a request's bearer token. The account is read on every request (one
 * GetItem), so a disabled account or a changed scope counts at once, not when the token expires.
 */
export async function authenticateStaff(event: HttpEvent, now = new Date()): Promise<StaffProfile> {
  const token = bearerToken(event);
  if (!token) throw unauthorized('a staff token is required (Authorization: Bearer)');
  const claims = await verifyStaffToken(token, now);
  if (!claims) throw unauthorized('the staff token is invalid or expired');
  const staff = await getStaff(claims.staffId);
  if (!staff || staff.disabled || staff.brandId !== claims.brandId) throw unauthorized('the staff token is invalid or expired');
  logBrand(staff.brandId);
  return { staffId: staff.staffId, brandId: staff.brandId, name: staff.name, role: staff.role, scope: staff.scope };
}
