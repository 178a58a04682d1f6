import { ZTriggerRequest } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { assertKeyAllowsStore, spendNonce, verifyStoreSignature } from './store-auth';
import { createInvitationForTrigger } from './create-invitation';

/** POST /v1/triggers — a store's signed purchase event. 202 when new, 200 with the same body when repeated. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const verified = await verifyStoreSignature(event, now);
  const request = parseBody(event, ZTriggerRequest);
  assertKeyAllowsStore(verified.key, request.storeId);
  await spendNonce(verified, now);
  const outcome = await createInvitationForTrigger(request, now);
  return json(outcome.created ? 202 : 200, outcome.body);
});
