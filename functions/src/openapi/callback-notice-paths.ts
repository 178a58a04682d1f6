import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ZCallbackNoticeRequest, ZCallbackNoticeResult } from '@xinsheng/shared';
import { named } from './mini-compat';

/**
 * The consumer's callback-notice grant (functions/src/notice). The invitation token travels in the
 * body, as for POST /v1/responses: the same session + token authorise it, the token stays out of
 * access logs, and the client needs nothing the survey page does not already hold.
 */
export function registerCallbackNoticePaths(registry: OpenAPIRegistry, errorSchema: z.ZodType) {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(errorSchema, description);
  const result = named('CallbackNoticeResult', ZCallbackNoticeResult);
  registry.registerPath({
    method: 'post',
    path: '/v1/callback-notice',
    operationId: 'postCallbackNotice',
    summary:
      'The consumer accepted the callback template\'s one-time subscribe message: one WeChat message will follow when the store first reaches them or resolves their feedback',
    security: [{ consumerSession: [] }],
    request: { body: { content: { 'application/json': { schema: named('CallbackNoticeRequest', ZCallbackNoticeRequest) } }, required: true } },
    responses: {
      201: json(result, 'the grant is recorded (one per answer; the openid is the session\'s, never sent by the client)'),
      200: json(result, 'the answer has its grant already (a retried report or a second tap): where it stands'),
      400: error('invalid body; details name each field'),
      401: error('no or expired session'),
      403: error('the invitation was sent to, or answered by, another WeChat user'),
      404: error('no such invitation'),
      409: error('the invitation is not answered yet, or no callback was promised for the answer'),
    },
  });
}
