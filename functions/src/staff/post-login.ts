import { ZStaffLoginRequest, type StaffLoginResponse } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { DomainError } from '../lib/errors';
import { getStaff } from '../data/staff-repo';
import { burnVerification, verifyPassword } from './passwords';
import { issueStaffToken } from './tokens';

const badCredentials = () => new DomainError(401, 'invalid_credentials', 'wrong username or password');

/** POST /v1/staff/login — username + password → a short-lived staff token. One answer for every failure. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const request = parseBody(event, ZStaffLoginRequest);
  const staff = await getStaff(request.username.trim().toLowerCase());
  if (!staff) {
    await burnVerification(request.password);
    throw badCredentials();
  }
  if (!(await verifyPassword(request.password, staff.passwordHash)) || staff.disabled) throw badCredentials();
  const { token, expiresAt } = await issueStaffToken(staff.staffId, staff.brandId, now);
  const body: StaffLoginResponse = {
    token,
    expiresAt: expiresAt.toISOString(),
    staff: { staffId: staff.staffId, brandId: staff.brandId, name: staff.name, role: staff.role, scope: staff.scope },
  };
  return json(200, body);
});
