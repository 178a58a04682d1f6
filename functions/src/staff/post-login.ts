import { ZStaffLoginRequest, type StaffLoginResponse } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { DomainError } from '../lib/errors';
import { getStaff } from '../data/staff-repo';
import { assertLoginAllowed, recordLoginFailure } from './login-throttle';
import { burnVerification, verifyPassword } from './passwords';
import { issueStaffToken } from './tokens';

const badCredentials = () => new DomainError(401, 'invalid_credentials', 'wrong username or password');

/**
 * POST /v1/staff/login — username + password → a short-lived staff token. Every failure gets the
 * same answer (and an unknown user costs the same scrypt time); repeated failures are throttled.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const request = parseBody(event, ZStaffLoginRequest);
  const username = request.username.trim().toLowerCase();
  await assertLoginAllowed(username, now);
  const staff = await getStaff(username);
  const valid = staff ? await verifyPassword(request.password, staff.passwordHash) : (await burnVerification(request.password), false);
  if (!staff || !valid || staff.disabled) {
    await recordLoginFailure(username, now);
    throw badCredentials();
  }
  const { token, expiresAt } = await issueStaffToken(staff.staffId, staff.brandId, now);
  const body: StaffLoginResponse = {
    token,
    expiresAt: expiresAt.toISOString(),
    staff: { staffId: staff.staffId, brandId: staff.brandId, name: staff.name, role: staff.role, scope: staff.scope },
  };
  return json(200, body);
});
