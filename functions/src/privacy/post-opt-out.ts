import { ZOptOutRequest, type OptOutRequest, type OptOutResult } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { authenticateConsumer } from '../auth/consumer-session';
import { openInvitationWith } from '../survey/invitation-access';
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
  const sessionRead = authenticateConsumer(event, now);
  sessionRead.catch(() => undefined); // awaited below
  let request: OptOutRequest;
  try {
    request = parseBody(event, ZOptOutRequest);
  } catch (invalid) {
    await sessionRead;
    throw invalid;
  }
  const [session, invitation] = await openInvitationWith(sessionRead, request.invitationToken, ['body', 'invitationToken']);
  const hashes = await personHashes(invitation.brandId, [...new Set([...invitation.customerHashes, session.openidHash])]);
  await putOptOuts(invitation.brandId, hashes, now);
  const body: OptOutResult = { optedOut: true };
  return json(200, body);
});
