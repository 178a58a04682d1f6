import { zonedDay, type InvitationView } from '@xinsheng/shared';
import { httpHandler, json } from '../lib/http';
import { notFound } from '../lib/errors';
import { authenticateConsumer } from '../auth/consumer-session';
import { getStore, getSurveyVersion } from '../data/catalog-repo';
import { getResponseForInvitation } from '../data/responses-repo';
import { recordOpened } from '../data/insight-events-repo';
import { isExpired, openInvitationWith } from './invitation-access';

/** GET /v1/invitations/{token} — what the survey page shows: open, answered (with the answer) or expired. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const sessionRead = authenticateConsumer(event, now);
  sessionRead.catch(() => undefined); // awaited by openInvitationWith
  const [, invitation] = await openInvitationWith(sessionRead, event.pathParameters?.token, ['path', 'token']);
  const [survey, store, response] = await Promise.all([
    getSurveyVersion(invitation.surveyId, invitation.surveyVersion),
    getStore(invitation.storeId),
    // Answered means "has a response": the responses table is the truth, not a mark on the invitation.
    getResponseForInvitation(invitation.invitationId),
  ]);
  if (!survey || !store) throw notFound('the survey of this invitation is no longer available');
  const state = response ? 'answered' : isExpired(invitation, now) ? 'expired' : 'open';
  // The first view of an open invitation is counted (insight "opened"; a receipt's "sent" too), in
  // one transaction with its `openedAt` mark; later views see the mark and write nothing.
  if (state === 'open' && !invitation.openedAt) await recordOpened(invitation, now, zonedDay(now, store.timeZone));
  const view: InvitationView = {
    state,
    survey,
    store: { name: store.name },
    expiresAt: invitation.expiresAt,
    ...(response ? { answer: { responseId: response.responseId, nps: response.answers.nps, followUp: response.followUp } } : {}),
  };
  return json(200, view);
});
