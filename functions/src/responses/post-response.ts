import { ZResponseRequest } from '@xinsheng/shared';
import { httpHandler, json, parseBody } from '../lib/http';
import { authenticateConsumer } from '../auth/consumer-session';
import { submitResponse } from './submit-response';

/** POST /v1/responses — 201 when stored, 200 with the same body when the same answer comes again. */
export const handler = httpHandler(async (event) => {
  const now = new Date();
  const session = await authenticateConsumer(event, now);
  const request = parseBody(event, ZResponseRequest);
  const outcome = await submitResponse(request, session, now);
  return json(outcome.created ? 201 : 200, outcome.body);
});
