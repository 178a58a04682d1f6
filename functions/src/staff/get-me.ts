import { httpHandler, json } from '../lib/http';
import { authenticateStaff } from './staff-auth';

/** GET /v1/staff/me — who this token belongs to (role, scope), as the account is now. */
export const handler = httpHandler(async (event) => json(200, await authenticateStaff(event)));
