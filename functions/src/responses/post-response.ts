import { ZResponseRequest, type ResponseRequest } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { authenticateConsumer } from '../auth/consumer-session';
import { assertInvitee, findInvitation } from '../survey/invitation-access';
import { submitResponse } from './submit-response';

/** A promise whose rejection is handled later (or never, when an earlier error wins). */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * POST /v1/responses — 201 when stored, 200 with the same body when the same answer comes again.
 * The session and the invitation are read at once (one BatchGetItem, see getItem); errors keep
 * their order: 401 first, then 400 for the body, then the invitation's 400/404/403.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const session = settled(authenticateConsumer(event, now));
  let request: ResponseRequest | undefined;
  let invalid: unknown;
  try {
    request = parseBody(event, ZResponseRequest);
  } catch (error) {
    invalid = error;
  }
  // Asked for in the same tick as the session, so both reads share one call.
  const invitation = request && settled(findInvitation(request.invitationToken, ['body', 'invitationToken']));
  const consumer = await session;
  if (!request || !invitation) throw invalid;
  const outcome = await submitResponse(request, assertInvitee(await invitation, consumer), consumer, now);
  return json(outcome.created ? 201 : 200, outcome.body);
});
