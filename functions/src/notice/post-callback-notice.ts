import { ZCallbackNoticeRequest, type CallbackNoticeRequest } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { authenticateConsumer } from '../auth/consumer-session';
import { openInvitationWith } from '../survey/invitation-access';
import { recordGrant } from './record-grant';

/**
 * POST /v1/callback-notice {invitationToken, clientGrantId} — the consumer accepted WeChat's
 * subscribe message for the callback template: 201 when the grant is recorded, 200 with its state
 * when the answer has one already. Authorised like POST /v1/responses (session + the invitation's
 * token), so a missing session is a 401 before a bad body's 400.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const sessionRead = authenticateConsumer(event, now);
  sessionRead.catch(() => undefined); // awaited below
  let request: CallbackNoticeRequest;
  try {
    request = parseBody(event, ZCallbackNoticeRequest);
  } catch (invalid) {
    await sessionRead;
    throw invalid;
  }
  const [session, invitation] = await openInvitationWith(sessionRead, request.invitationToken, ['body', 'invitationToken']);
  const outcome = await recordGrant(request, invitation, session, now);
  return json(outcome.created ? 201 : 200, outcome.body);
});
