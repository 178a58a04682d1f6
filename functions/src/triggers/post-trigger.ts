import { ZTriggerRequest } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { assertKeyAllowsStore, authenticateStore } from './store-auth';
import { createInvitationForTrigger } from './create-invitation';

/** POST /v1/triggers — a store's signed purchase event. 202 when new, 200 with the same body when repeated. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const key = await authenticateStore(event, now);
  const request = parseBody(event, ZTriggerRequest);
  assertKeyAllowsStore(key, request.storeId);
  const outcome = await createInvitationForTrigger(request, now);
  return json(outcome.created ? 202 : 200, outcome.body);
});
