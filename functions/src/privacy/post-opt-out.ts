import { ZOptOutRequest, type OptOutResult } from '@xinsheng/shared';
import { httpHandler, json } from '../lib/http';
import { consumerInvitationRequest } from '../survey/invitation-access';
import { putOptOuts } from '../data/privacy-repo';
import { personHashes } from './person-links';

/**
 * POST /v1/opt-out {invitationToken} — "不再邀请我": the invitation's customer (every identifier the
 * trigger carried, the signed-in openid, and every identifier linked to them) is opted out for the
 * invitation's brand; from then on its triggers answer `suppressed`, `opted_out`. Idempotent (200
 * every time). Any state of the invitation will do (open, answered, expired): the person asks once.
 */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const { session, invitation } = await consumerInvitationRequest(event, ZOptOutRequest, now);
  const hashes = await personHashes(invitation.brandId, [...new Set([...invitation.customerHashes, session.openidHash])]);
  await putOptOuts(invitation.brandId, hashes, now);
  const body: OptOutResult = { optedOut: true };
  return json(200, body);
});
