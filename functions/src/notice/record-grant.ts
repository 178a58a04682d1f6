import type { CallbackGrant, CallbackNoticeRequest, CallbackNoticeResult, ConsumerSession, Invitation } from '@xinsheng/shared';
import { config } from '../lib/config';
import { conflict, forbidden } from '../lib/errors';
import { getResponseForInvitation } from '../data/responses-repo';
import { getGrant, putGrant } from '../data/callback-notice-repo';

export interface GrantOutcome {
  created: boolean;
  body: CallbackNoticeResult;
}

/**
 * A consumer's "notify me" grant → one grant kept with the answer's task, for the WeChat user of
 * this session (the openid is the session's, sealed; the client never sends it). One per answer: the
 * notice is one message, so a retried report (same clientGrantId) and a later second tap alike find
 * the grant there and get its state (200), never a second grant.
 */
export async function recordGrant(request: CallbackNoticeRequest, invitation: Invitation, session: ConsumerSession, now: Date): Promise<GrantOutcome> {
  const response = await getResponseForInvitation(invitation.invitationId);
  if (!response) throw conflict('this survey has not been answered yet');
  // The grant is the answering WeChat user's: only their session may report it.
  if (response.openidHash !== session.openidHash) throw forbidden('this answer was given by someone else');
  if (response.kind !== 'survey' || !response.followUp.callback) throw conflict('no callback was promised for this answer');
  const grant: CallbackGrant = {
    responseId: response.responseId,
    invitationId: response.invitationId,
    brandId: response.brandId,
    clientGrantId: request.clientGrantId,
    templateId: config.XS_CALLBACK_TEMPLATE_ID,
    openidHash: session.openidHash,
    openidSealed: session.openidSealed,
    state: 'granted',
    grantedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    attempts: 0,
  };
  if (await putGrant(grant, now)) return { created: true, body: { notice: 'granted' } };
  const existing = await getGrant(response.responseId);
  return { created: false, body: { notice: existing?.state ?? 'granted' } };
}
