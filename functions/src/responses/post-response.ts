import { ZResponseRequest, type ResponseRequest } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { authenticateConsumer } from '../auth/consumer-session';
import { openInvitationWith } from '../survey/invitation-access';
import { submitResponse } from './submit-response';

/**
 * POST /v1/responses — 201 when stored, 200 with the same body when the same answer comes again.
 * The session and the invitation are read together (one call); a missing session is still a 401
 * before a bad body's 400.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const sessionRead = authenticateConsumer(event, now);
  sessionRead.catch(() => undefined); // awaited below
  let request: ResponseRequest;
  try {
    request = parseBody(event, ZResponseRequest);
  } catch (invalid) {
    await sessionRead;
    throw invalid;
  }
  const [session, invitation] = await openInvitationWith(sessionRead, request.invitationToken, ['body', 'invitationToken']);
  const outcome = await submitResponse(request, invitation, session, now);
  return json(outcome.created ? 201 : 200, outcome.body);
});
