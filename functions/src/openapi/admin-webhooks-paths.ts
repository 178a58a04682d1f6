import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ZDeliveryPage, ZErrorBody, ZWebhookCreateRequest, ZWebhookCreated, ZWebhookList, ZWebhookRotated, ZWebhookView } from '@xinsheng/shared';
import { named, withClassicGetters } from './mini-compat';

/**
 * Brand admin → outbound webhooks (role admin, own brand, every change audited without its secret).
 * Each delivery is a POST with `X-Xinsheng-Event`, `X-Xinsheng-Delivery` (the same on every retry) and
 * `X-Xinsheng-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (one `v1` per valid
 * secret during a rotation's 24 h grace); README "Webhooks" shows a receiver.
 */
export function registerAdminWebhookPaths(registry: OpenAPIRegistry, errorSchema: z.ZodType = withClassicGetters(ZErrorBody)) {
  const schemas = {
    WebhookCreateRequest: named('WebhookCreateRequest', ZWebhookCreateRequest),
    WebhookCreated: named('WebhookCreated', ZWebhookCreated),
    WebhookView: named('WebhookView', ZWebhookView),
    WebhookList: named('WebhookList', ZWebhookList),
    WebhookRotated: named('WebhookRotated', ZWebhookRotated),
    DeliveryPage: named('DeliveryPage', ZDeliveryPage),
  };
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const error = (description: string) => json(errorSchema, description);
  const common = {
    401: error('no, invalid or expired staff token, or a disabled account'),
    403: error('your role is not admin (code forbidden_role); the attempt is recorded in the audit log'),
  };
  const idParams = z.object({ id: z.string().describe('the webhook id (wh_…)') });
  const base = { tags: ['admin'], security: [{ staffToken: [] }] };

  registry.registerPath({
    ...base,
    method: 'post',
    path: '/v1/admin/webhooks',
    operationId: 'adminCreateWebhook',
    summary: 'Registers an endpoint for events; the signing secret is in this answer only',
    description:
      'Outside the local stage the URL must be https and its host must resolve to public addresses only (checked again before every delivery, which connects to the address it checked). ' +
      'The local stage also allows loopback receivers.',
    request: { body: { content: { 'application/json': { schema: schemas.WebhookCreateRequest } }, required: true } },
    responses: { 201: json(schemas.WebhookCreated, 'the endpoint id and its secret (shown once)'), 400: error('invalid body, or a URL that may not receive webhooks (details name url)'), 409: error('the brand has 10 endpoints already'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/v1/admin/webhooks',
    operationId: 'adminListWebhooks',
    summary: "The brand's endpoints (never a secret)",
    responses: { 200: json(schemas.WebhookList, 'the endpoints, oldest first'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'post',
    path: '/v1/admin/webhooks/{id}/rotate',
    operationId: 'adminRotateWebhookSecret',
    summary: 'A new signing secret (shown once); the previous one keeps signing beside it for 24 h',
    request: { params: idParams },
    responses: { 200: json(schemas.WebhookRotated, 'the new secret and until when the old one is still valid'), 404: error('no such webhook in your brand'), 409: error('changed meanwhile; retry'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'delete',
    path: '/v1/admin/webhooks/{id}',
    operationId: 'adminDeleteWebhook',
    summary: 'Deletes the endpoint; its pending deliveries are dead-lettered at their next attempt',
    request: { params: idParams },
    responses: { 200: json(schemas.WebhookView, 'the endpoint as it was'), 404: error('no such webhook in your brand'), ...common },
  });
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/v1/admin/webhooks/{id}/deliveries',
    operationId: 'adminListWebhookDeliveries',
    summary: 'The delivery log, newest event first: per delivery its state (pending, delivered, dead) and every attempt (status, latency, error)',
    request: {
      params: idParams,
      query: z.object({
        limit: z.number().int().min(1).max(100).optional().describe('deliveries per page (default 20)'),
        cursor: z.string().optional().describe('nextCursor of the previous page'),
      }),
    },
    responses: { 200: json(schemas.DeliveryPage, 'a page of deliveries'), 400: error('invalid query or cursor'), 404: error('no such webhook in your brand'), ...common },
  });
}
