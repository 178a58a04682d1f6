import * as z from 'zod/mini';
import { ZIsoDateTime } from '../schemas/common';

/**
 * Outbound webhooks (DESIGN.md "Brand admin → API", Webhooks): what the admin API takes and shows,
 * what is stored, and what a receiver gets. One source for the functions and the admin console.
 */

export const WEBHOOK_EVENTS = ['response.created', 'task.created', 'task.resolved'] as const;
export const ZWebhookEvent = z.enum(WEBHOOK_EVENTS);
export type WebhookEvent = z.infer<typeof ZWebhookEvent>;

/** At most this many endpoints per brand (a 409 after). */
export const MAX_WEBHOOKS_PER_BRAND = 10;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.hash;
  } catch {
    return false;
  }
}

/** The receiver's URL: http(s), no credentials, no fragment. Whether it may be called (https, public) is the server's check. */
export const ZWebhookUrl = z.string().check(z.trim(), z.maxLength(2048), z.refine(isHttpUrl, 'an http(s) URL without user info or fragment'));

export const ZWebhookEvents = z
  .array(ZWebhookEvent)
  .check(z.minLength(1, 'choose at least one event'), z.refine((events) => new Set(events).size === events.length, 'each event once'));

/** POST /v1/admin/webhooks. */
export const ZWebhookCreateRequest = z.strictObject({ url: ZWebhookUrl, events: ZWebhookEvents });
export type WebhookCreateRequest = z.infer<typeof ZWebhookCreateRequest>;

export const ZWebhookId = z.string().check(z.regex(/^wh_[A-Za-z0-9_-]{16,32}$/, 'a webhook id'));

/** The 201 of a registration: the signing secret, shown this once. */
export const ZWebhookCreated = z.object({ webhookId: ZWebhookId, secret: z.string() });
export type WebhookCreated = z.infer<typeof ZWebhookCreated>;

/** After a rotation: the new secret (once); the old one still signs until `previousSecretValidUntil`. */
export const ZWebhookRotated = z.object({ webhookId: ZWebhookId, secret: z.string(), previousSecretValidUntil: ZIsoDateTime });
export type WebhookRotated = z.infer<typeof ZWebhookRotated>;

/** An endpoint as the admin API shows it (never a secret). */
export const ZWebhookView = z.object({
  webhookId: ZWebhookId,
  url: z.string(),
  events: z.array(ZWebhookEvent),
  createdAt: ZIsoDateTime,
  rotatedAt: z.nullable(ZIsoDateTime),
  previousSecretValidUntil: z.nullable(ZIsoDateTime),
});
export type WebhookView = z.infer<typeof ZWebhookView>;
export const ZWebhookList = z.object({ items: z.array(ZWebhookView) });
export type WebhookList = z.infer<typeof ZWebhookList>;

/** The stored endpoint (main table): the secrets AES-GCM sealed, as store key secrets are. */
export const ZWebhookEndpoint = z.object({
  webhookId: ZWebhookId,
  brandId: z.string(),
  url: z.string(),
  events: z.array(ZWebhookEvent),
  secretSealed: z.string(),
  previousSecretSealed: z.optional(z.string()),
  previousSecretUntil: z.optional(ZIsoDateTime),
  createdAt: ZIsoDateTime,
  rotatedAt: z.optional(ZIsoDateTime),
});
export type WebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export const ZDeliveryState = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof ZDeliveryState>;

/** One POST to the receiver: its status (null: no answer), how long it took, why it failed. */
export const ZDeliveryAttempt = z.object({
  at: ZIsoDateTime,
  statusCode: z.nullable(z.number().check(z.int())),
  latencyMs: z.number().check(z.int(), z.minimum(0)),
  error: z.nullable(z.string()),
});
export type DeliveryAttempt = z.infer<typeof ZDeliveryAttempt>;

/** The stored delivery: one per (event, endpoint); `body` is the exact bytes every attempt sends. */
export const ZDeliveryRecord = z.object({
  deliveryId: z.string(),
  webhookId: ZWebhookId,
  brandId: z.string(),
  event: ZWebhookEvent,
  eventId: z.string(),
  eventAt: ZIsoDateTime,
  body: z.string(),
  state: ZDeliveryState,
  createdAt: ZIsoDateTime,
  nextAttemptAt: z.optional(ZIsoDateTime),
  attempts: z.array(ZDeliveryAttempt),
});
export type DeliveryRecord = z.infer<typeof ZDeliveryRecord>;

/** A delivery as the admin API shows it (without the body). */
export const ZDeliveryView = z.object({
  deliveryId: z.string(),
  event: ZWebhookEvent,
  eventId: z.string(),
  state: ZDeliveryState,
  createdAt: ZIsoDateTime,
  nextAttemptAt: z.nullable(ZIsoDateTime),
  attempts: z.array(ZDeliveryAttempt),
});
export type DeliveryView = z.infer<typeof ZDeliveryView>;
export const ZDeliveryPage = z.object({ items: z.array(ZDeliveryView), nextCursor: z.nullable(z.string()) });
export type DeliveryPage = z.infer<typeof ZDeliveryPage>;

/**
 * What a receiver gets: `id` is the event's id (the same for every endpoint), `type` the event,
 * `data` the event's fields — never an openid, a phone only masked (138****5678).
 */
export const ZWebhookPayload = z.object({
  id: z.string(),
  type: ZWebhookEvent,
  createdAt: ZIsoDateTime,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookPayload = z.infer<typeof ZWebhookPayload>;
