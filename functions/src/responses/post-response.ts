import { ZResponseRequest } from '@xinsheng/shared';
import { httpHandler, json } from '../lib/http';
import { consumerInvitationRequest } from '../survey/invitation-access';
import { submitResponse } from './submit-response';

/**
 * POST /v1/responses — 201 when stored, 200 with the same body when the same answer comes again.
 * The session and the invitation are read together (one call); a missing session is still a 401
 * before a bad body's 400.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const { session, invitation, request } = await consumerInvitationRequest(event, ZResponseRequest, now);
  const outcome = await submitResponse(request, invitation, session, now);
  return json(outcome.created ? 201 : 200, outcome.body);
});
