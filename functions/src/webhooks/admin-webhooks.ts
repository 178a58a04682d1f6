import {
  MAX_WEBHOOKS_PER_BRAND, ZDeliveryPage, ZWebhookCreateRequest, ZWebhookCreated, ZWebhookId, ZWebhookList, ZWebhookRotated, ZWebhookView,
  type DeliveryRecord, type DeliveryView, type WebhookEndpoint, type WebhookView,
} from '@xinsheng/shared';
import { z } from 'zod';
import { config } from '../lib/config';
import { encrypt, randomToken } from '../lib/crypto';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { badRequest, conflict } from '../lib/errors';
import { json, parseBody, parseWith, type HttpEvent } from '../lib/http';
import { deleteWebhook, deliveryPartition, listWebhooks, putNewWebhook, queryDeliveries, readWebhook, replaceWebhookSecrets } from '../data/webhooks-repo';
import { adminRoutes, assertOwnBrand } from '../admin/admin-auth';
import { EndpointRefused, checkEndpoint } from './address-guard';

/**
 * Brand admin → webhooks: register (the signing secret in the 201 and nowhere else: stored sealed),
 * list (never a secret), rotate, delete, and each endpoint's delivery log. Every change is one
 * transaction with its audit entry, which never holds a secret (redactSecrets).
 *
 * Rotation: the new secret signs at once; the old one keeps signing beside it (a second `v1=` in the
 * signature header) for ROTATION_GRACE_HOURS, so a receiver can switch without a window of failed
 * checks. Rotating again within the grace replaces the old one: only the immediately previous secret
 * stays valid.
 */
export const ROTATION_GRACE_HOURS = 24;

const newSecret = () => `whsec_${randomToken(32)}`;

export const webhookView = (e: WebhookEndpoint): WebhookView =>
  ZWebhookView.parse({
    webhookId: e.webhookId,
    url: e.url,
    events: e.events,
    createdAt: e.createdAt,
    rotatedAt: e.rotatedAt ?? null,
    previousSecretValidUntil: e.previousSecretUntil ?? null,
  });

const deliveryView = (d: DeliveryRecord): DeliveryView => ({
  deliveryId: d.deliveryId,
  event: d.event,
  eventId: d.eventId,
  state: d.state,
  createdAt: d.createdAt,
  nextAttemptAt: d.state === 'pending' ? (d.nextAttemptAt ?? null) : null,
  attempts: d.attempts,
});

const ZWebhookPath = z.object({ id: z.string().max(64) });
const ZDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

/** The endpoint named in the path, if it is the admin's brand's (404 otherwise, also for a malformed id). */
async function ownEndpoint(event: HttpEvent, brandId: string): Promise<WebhookEndpoint> {
  const { id } = parseWith(event.pathParameters ?? {}, ZWebhookPath, ['path']);
  const endpoint = ZWebhookId.safeParse(id).success ? await readWebhook(id) : undefined;
  assertOwnBrand({ brandId }, endpoint, 'webhook');
  return endpoint;
}

export const handler = adminRoutes({
  'POST /v1/admin/webhooks': async (event, admin, now) => {
    const request = parseBody(event, ZWebhookCreateRequest);
    try {
      await checkEndpoint(request.url, { allowLoopback: config.XS_STAGE === 'local' });
    } catch (error) {
      if (error instanceof EndpointRefused) throw badRequest('this URL may not receive webhooks', [{ path: ['body', 'url'], message: error.message }]);
      throw error;
    }
    if ((await listWebhooks(admin.brandId)).length >= MAX_WEBHOOKS_PER_BRAND) throw conflict(`a brand has at most ${MAX_WEBHOOKS_PER_BRAND} webhook endpoints; delete one first`);
    const secret = newSecret();
    const endpoint: WebhookEndpoint = {
      webhookId: `wh_${randomToken(15)}`,
      brandId: admin.brandId,
      url: request.url,
      events: request.events,
      secretSealed: encrypt(secret),
      createdAt: now.toISOString(),
    };
    const audit = { actor: admin.staffId, action: 'webhook.create', target: `webhook:${endpoint.webhookId}`, after: webhookView(endpoint), at: now };
    if (!(await putNewWebhook(endpoint, audit))) throw conflict('webhook id collision; retry');
    return json(201, ZWebhookCreated.parse({ webhookId: endpoint.webhookId, secret }));
  },

  'GET /v1/admin/webhooks': async (_event, admin) => json(200, ZWebhookList.parse({ items: (await listWebhooks(admin.brandId)).map(webhookView) })),

  'POST /v1/admin/webhooks/{id}/rotate': async (event, admin, now) => {
    const endpoint = await ownEndpoint(event, admin.brandId);
    const secret = newSecret();
    const previousSecretUntil = new Date(now.getTime() + ROTATION_GRACE_HOURS * 3600_000).toISOString();
    const secrets = { secretSealed: encrypt(secret), previousSecretSealed: endpoint.secretSealed, previousSecretUntil, rotatedAt: now.toISOString() };
    const after = webhookView({ ...endpoint, ...secrets });
    const audit = { actor: admin.staffId, action: 'webhook.rotate', target: `webhook:${endpoint.webhookId}`, before: webhookView(endpoint), after, at: now };
    if (!(await replaceWebhookSecrets(endpoint, secrets, audit))) throw conflict('the webhook changed meanwhile (deleted or rotated); try again');
    return json(200, ZWebhookRotated.parse({ webhookId: endpoint.webhookId, secret, previousSecretValidUntil: previousSecretUntil }));
  },

  'DELETE /v1/admin/webhooks/{id}': async (event, admin, now) => {
    const endpoint = await ownEndpoint(event, admin.brandId);
    const audit = { actor: admin.staffId, action: 'webhook.delete', target: `webhook:${endpoint.webhookId}`, before: webhookView(endpoint), at: now };
    // Lost a race with another delete: it is gone either way.
    await deleteWebhook(endpoint, audit);
    return json(200, webhookView(endpoint));
  },

  'GET /v1/admin/webhooks/{id}/deliveries': async (event, admin) => {
    const endpoint = await ownEndpoint(event, admin.brandId);
    const query = parseWith(event.queryStringParameters ?? {}, ZDeliveriesQuery, ['query']);
    const startKey = decodeCursor(query.cursor, { pk: deliveryPartition(endpoint.webhookId) }, ['sk']);
    const page = await queryDeliveries(endpoint.webhookId, query.limit, startKey);
    return json(200, ZDeliveryPage.parse({ items: page.items.map(deliveryView), nextCursor: encodeCursor(page.lastKey) }));
  },
});
