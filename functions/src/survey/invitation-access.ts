import type { z } from 'zod';
import { ZInvitationToken, type ConsumerSession, type Invitation } from '@xinsheng/shared';
import { authenticateConsumer } from '../auth/consumer-session';
import { constantTimeEqual, sha256Hex } from '../lib/crypto';
import { forbidden, notFound } from '../lib/errors';
import { parseBody, parseWith, type HttpEvent } from '../lib/http';
import { logBrand } from '../lib/logger';
import { getInvitation } from '../data/invitations-repo';

/**
 * A consumer's POST about an invitation (`{invitationToken, …}` with the session bearer: a response,
 * an opt-out, a callback-notice grant): the session, the parsed body and the invitation it names.
 * A missing session is a 401 before a bad body's 400; session and invitation are read at once.
 */
export async function consumerInvitationRequest<T extends z.core.$ZodType<{ invitationToken: string }>>(
  event: HttpEvent,
  schema: T,
  now: Date,
): Promise<{ session: ConsumerSession; invitation: Invitation; request: z.infer<T> }> {
  const sessionRead = authenticateConsumer(event, now);
  sessionRead.catch(() => undefined); // awaited below
  let request: z.infer<T>;
  try {
    request = parseBody(event, schema);
  } catch (invalid) {
    await sessionRead;
    throw invalid;
  }
  const [session, invitation] = await openInvitationWith(sessionRead, request.invitationToken, ['body', 'invitationToken']);
  return { session, invitation, request };
}

/**
 * A consumer request's session and invitation, read at once: the invitation's read is asked for in
 * the same tick as the session's, so both go out as one BatchGetItem (see getItem). Errors keep
 * their order: the session's 401 first, then the token's 400/404, then 403.
 */
export async function openInvitationWith(sessionRead: Promise<ConsumerSession>, rawToken: unknown, where: (string | number)[]): Promise<[ConsumerSession, Invitation]> {
  const invitationRead = findInvitation(rawToken, where);
  invitationRead.catch(() => undefined); // handled below, unless the session's error wins
  const session = await sessionRead;
  return [session, assertInvitee(await invitationRead, session)];
}

/** The invitation a token opens, for anyone: 400 for a malformed token, 404 for an unknown or forged one. */
export async function findInvitation(rawToken: unknown, where: (string | number)[]): Promise<Invitation> {
  const token = parseWith(rawToken, ZInvitationToken, where);
  const invitationId = token.slice(0, token.indexOf('.'));
  const invitation = await getInvitation(invitationId);
  if (!invitation || !invitation.tokenHash || !constantTimeEqual(invitation.tokenHash, sha256Hex(token))) {
    throw notFound('no such invitation');
  }
  logBrand(invitation.brandId);
  return invitation;
}

/** 403 when the invitation was sent to another WeChat user than this session's. */
export function assertInvitee(invitation: Invitation, session: ConsumerSession): Invitation {
  if (invitation.openidHash && invitation.openidHash !== session.openidHash) {
    throw forbidden('this survey was sent to someone else');
  }
  return invitation;
}

export function isExpired(invitation: Invitation, now: Date): boolean {
  return Date.parse(invitation.expiresAt) <= now.getTime();
}
