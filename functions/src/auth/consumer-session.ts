import type { ConsumerSession } from '@xinsheng/shared';
import { sha256Hex } from '../lib/crypto';
import { unauthorized } from '../lib/errors';
import { bearerToken, type HttpEvent } from '../lib/http';
import { getSession } from '../data/sessions-repo';

/** The consumer behind `Authorization: Bearer <session token>`; 401 when missing or expired. */
export async function authenticateConsumer(event: HttpEvent, now: Date): Promise<ConsumerSession> {
  const token = bearerToken(event);
  if (!token) throw unauthorized('sign in first: Authorization: Bearer <token from POST /v1/session>');
  const session = await getSession(sha256Hex(token));
  if (!session || Date.parse(session.expiresAt) <= now.getTime()) throw unauthorized('the session has expired; sign in again');
  return session;
}
