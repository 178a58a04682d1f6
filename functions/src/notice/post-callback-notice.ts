import { ZCallbackNoticeRequest } from '@xinsheng/shared';
import { httpHandler, json } from '../lib/http';
import { consumerInvitationRequest } from '../survey/invitation-access';
import { recordGrant } from './record-grant';

/**
 * POST /v1/callback-notice {invitationToken, clientGrantId} — the consumer accepted WeChat's
 * subscribe message for the callback template: 201 when the grant is recorded, 200 with its state
 * when the answer has one already. Authorised like POST /v1/responses (session + the invitation's
 * token), so a missing session is a 401 before a bad body's 400.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const { session, invitation, request } = await consumerInvitationRequest(event, ZCallbackNoticeRequest, now);
  const outcome = await recordGrant(request, invitation, session, now);
  return json(outcome.created ? 201 : 200, outcome.body);
});
