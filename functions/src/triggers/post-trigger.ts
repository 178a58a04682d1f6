import { httpHandler, json } from '../lib/http';
import { noteKeyUse, spendNonce, verifyStoreSignature } from './store-auth';
import { parseTrigger } from './trigger-body';
import { createInvitationForTrigger } from './create-invitation';

/** POST /v1/triggers — a store's signed purchase event. 202 when new, 200 with the same body when repeated. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const verified = await verifyStoreSignature(event, now);
  const request = await parseTrigger(event, verified.key);
  await spendNonce(verified, now);
  const [outcome] = await Promise.all([createInvitationForTrigger(request, now), noteKeyUse(verified.key, now)]);
  return json(outcome.created ? 202 : 200, outcome.body);
});
