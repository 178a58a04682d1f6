import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  ZErrorBody, ZInvitationView, ZResponseCreated, ZResponseRequest, ZSessionRequest, ZSessionResponse, ZTriggerRequest, ZTriggerResponse,
} from '@xinsheng/shared';
import { named } from './mini-compat';
import { registerExportPaths, registerStaffPaths } from './staff-paths';
import { registerInsightPaths } from './insight-paths';
import { registerAdminPeoplePaths } from './admin-people-paths';
import { registerAdminStorePaths } from './admin-stores-paths';
import { registerPrivacyPaths } from './privacy-paths';
import { registerAdminWebhookPaths } from './admin-webhooks-paths';
import { registerCallbackNoticePaths } from './callback-notice-paths';

/**
 * The external contract as OpenAPI 3.1, generated from the same zod schemas the handlers parse with.
 * `npm run openapi` writes it to openapi.json (committed); a test checks the two agree and lints it.
 */
export function buildOpenApiDocument() {
  const registry = new OpenAPIRegistry();
  const schemas = {
    TriggerRequest: named('TriggerRequest', ZTriggerRequest),
    TriggerResponse: named('TriggerResponse', ZTriggerResponse),
    SessionRequest: named('SessionRequest', ZSessionRequest),
    SessionResponse: named('SessionResponse', ZSessionResponse),
    InvitationView: named('InvitationView', ZInvitationView),
    ResponseRequest: named('ResponseRequest', ZResponseRequest),
    ResponseCreated: named('ResponseCreated', ZResponseCreated),
    Error: named('Error', ZErrorBody),
  };
  registry.registerComponent('securitySchemes', 'storeSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature',
    description:
      'hex HMAC-SHA256(secret, "<X-Timestamp>\\n<X-Nonce>\\n<METHOD>\\n<path>\\n<hex sha256(body)>"), with X-Store-Key, X-Timestamp (unix seconds, ±300 s) and X-Nonce (≥16 chars, single use).',
  });
  registry.registerComponent('securitySchemes', 'consumerSession', { type: 'http', scheme: 'bearer', description: 'token from POST /v1/session' });

  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(schemas.Error, description);
  const retryAfter = { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' as const } } };
  const unavailable = { ...error('a dependency is throttled; retry later'), headers: retryAfter };

  registry.registerPath({
    method: 'post',
    path: '/v1/triggers',
    operationId: 'postTrigger',
    summary: "A store's purchase or service event: schedules (or suppresses) one survey invitation per order",
    security: [{ storeSignature: [] }],
    request: {
      headers: z.object({
        'X-Store-Key': z.string(),
        'X-Timestamp': z.string(),
        'X-Nonce': z.string(),
        'X-Signature': z.string(),
      }),
      body: { content: { 'application/json': { schema: schemas.TriggerRequest } }, required: true },
    },
    responses: {
      202: json(schemas.TriggerResponse, 'a new invitation, scheduled or suppressed (with a reason)'),
      200: json(schemas.TriggerResponse, 'this order was seen before: the same invitation'),
      400: error('invalid body; details name each field'),
      401: error('missing, stale, replayed or wrong signature'),
      403: error('the key may not act for this store'),
      404: error('unknown store'),
      503: unavailable,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/session',
    operationId: 'postSession',
    summary: "A consumer's wx.login code, exchanged server side (code2Session) for a session token",
    security: [],
    request: { body: { content: { 'application/json': { schema: schemas.SessionRequest } }, required: true } },
    responses: {
      200: json(schemas.SessionResponse, 'the session token; send it as Authorization: Bearer'),
      400: error('invalid body'),
      401: error('the code is invalid or used'),
      503: unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/invitations/{token}',
    operationId: 'getInvitation',
    summary: 'What the survey page shows for an invitation link',
    security: [{ consumerSession: [] }],
    request: { params: z.object({ token: z.string() }) },
    responses: {
      200: json(schemas.InvitationView, 'the invitation: open, answered or expired, with its survey'),
      400: error('malformed token'),
      401: error('no or expired session'),
      403: error('the invitation was sent to another WeChat user'),
      404: error('no such invitation'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/v1/responses',
    operationId: 'postResponse',
    summary: 'Submit the answers to an invitation (idempotent on clientResponseId)',
    security: [{ consumerSession: [] }],
    request: { body: { content: { 'application/json': { schema: schemas.ResponseRequest } }, required: true } },
    responses: {
      201: json(schemas.ResponseCreated, 'stored'),
      200: json(schemas.ResponseCreated, 'the same submission again: the same body'),
      400: error('invalid answers; details name each field'),
      401: error('no or expired session'),
      403: error('the invitation was sent to another WeChat user'),
      404: error('no such invitation'),
      409: error('the invitation was answered already, differently'),
      410: error('the invitation has expired'),
      503: unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/openapi.json',
    operationId: 'getOpenapi',
    summary: 'This document',
    security: [],
    responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({}).passthrough() } } } },
  });

  registerStaffPaths(registry, schemas.Error);
  registerInsightPaths(registry, schemas.Error);
  registerExportPaths(registry, schemas.Error);
  registerAdminPeoplePaths(registry, schemas.Error);
  registerAdminStorePaths(registry, schemas.Error);
  registerPrivacyPaths(registry, schemas.Error);
  registerAdminWebhookPaths(registry, schemas.Error);
  registerCallbackNoticePaths(registry, schemas.Error);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Xinsheng API',
      version: '1.0.0',
      description: 'Store triggers, the consumer survey and the staff workbench of Xinsheng (心声).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://localhost:3000', description: 'npm start' }],
  });
}
