import { createHash } from 'node:crypto';
import { maskPhone, maskPii, type DeliveryRecord, type ResponseRecord, type Task, type WebhookEndpoint, type WebhookEvent, type WebhookPayload } from '@xinsheng/shared';
import { decrypt } from '../lib/crypto';
import { enqueueDelivery, listWebhooks } from '../data/webhooks-repo';

/**
 * The events a brand's endpoints get, and how they are queued: one delivery per (event, endpoint),
 * its id derived from both (the `X-Xinsheng-Delivery` id, the same on every retry), queued by a
 * conditional put — so the same event queued twice (a redelivered or re-cut stream batch) is one
 * delivery. Every event comes from a stream (response.created: the responses table's; task.created
 * and task.resolved: the main table's), never from a request path. Payloads carry no openid and phones only masked; free text goes through the
 * same PII mask as the exports.
 */

export interface WebhookEventInput {
  type: WebhookEvent;
  /** What makes the event unique: a response id, a task id and its resolution number. */
  key: string;
  brandId: string;
  at: string;
  data: Record<string, unknown>;
}

const digest = (text: string, length: number) => createHash('sha256').update(text).digest('base64url').slice(0, length);

export const eventIdOf = (type: WebhookEvent, key: string) => `evt_${digest(`${type}\n${key}`, 22)}`;
export const deliveryIdOf = (eventId: string, webhookId: string) => `dlv_${digest(`${eventId}\n${webhookId}`, 22)}`;

function maskedPhone(phoneSealed: string | undefined): string | undefined {
  if (!phoneSealed) return undefined;
  try {
    return maskPhone(decrypt(phoneSealed));
  } catch {
    return undefined;
  }
}

const answersOut = (answers: ResponseRecord['answers']) => ({ ...answers, ...(answers.comment !== undefined ? { comment: maskPii(answers.comment) } : {}) });

/** response.created: the answer, its store and context; no openid, the phone masked, the comment PII-masked. */
export function responseCreated(response: ResponseRecord): WebhookEventInput {
  return {
    type: 'response.created',
    key: response.responseId,
    brandId: response.brandId,
    at: response.submittedAt,
    data: {
      responseId: response.responseId,
      invitationId: response.invitationId,
      kind: response.kind,
      ...(response.taskId ? { taskId: response.taskId } : {}),
      storeId: response.storeId,
      region: response.region,
      ...(response.staffId ? { staffId: response.staffId } : {}),
      orderId: response.orderId,
      touchpoint: response.touchpoint,
      surveyId: response.surveyId,
      surveyVersion: response.surveyVersion,
      submittedAt: response.submittedAt,
      band: response.band,
      answers: answersOut(response.answers),
      ...(response.locale ? { locale: response.locale } : {}),
      ...(response.channel ? { channel: response.channel } : {}),
      ...(maskedPhone(response.phoneSealed) ? { phoneMasked: maskedPhone(response.phoneSealed) } : {}),
    },
  };
}

const taskBase = (task: Task) => ({
  taskId: task.taskId,
  responseId: task.responseId,
  storeId: task.storeId,
  region: task.region,
  ...(task.staffId ? { staffId: task.staffId } : {}),
  orderId: task.orderId,
  touchpoint: task.touchpoint,
  band: task.band,
  nps: task.answers.nps,
  priority: task.priority,
  queue: task.queue,
  dueAt: task.dueAt,
  ...(maskedPhone(task.phoneSealed) ? { phoneMasked: maskedPhone(task.phoneSealed) } : {}),
});

/** task.created: the callback task a response became (its INSERT on the main table's stream). */
export function taskCreated(task: Task): WebhookEventInput {
  return { type: 'task.created', key: task.taskId, brandId: task.brandId, at: task.createdAt, data: { ...taskBase(task), status: 'open', createdAt: task.createdAt } };
}

/**
 * task.resolved: one per resolution (a reopened task resolved again is a new event), from the
 * resolve's own write on the main table's stream. Its id (task id + resolution number) and time
 * (`resolvedAt`) come from that image, so every redelivery of the record names the same delivery.
 */
export function taskResolved(task: Task & { resolvedAt: string }): WebhookEventInput {
  const { resolvedAt } = task;
  return {
    type: 'task.resolved',
    key: `${task.taskId}#${task.resolutions}`,
    brandId: task.brandId,
    at: resolvedAt,
    data: { ...taskBase(task), status: 'resolved', resolvedAt, outcome: task.outcome, ...(task.rootCause ? { rootCause: task.rootCause } : {}), resolution: task.resolutions },
  };
}

/**
 * Queues the event for every endpoint of its brand that wants it. `endpoints` may be passed in (a
 * stream batch reads a brand's endpoints once). Returns how many deliveries were new.
 */
export async function enqueueEvent(event: WebhookEventInput, now: Date, endpoints?: Awaited<ReturnType<typeof listWebhooks>>): Promise<number> {
  const wanting = (endpoints ?? (await listWebhooks(event.brandId))).filter((e) => e.events.includes(event.type));
  if (wanting.length === 0) return 0;
  const eventId = eventIdOf(event.type, event.key);
  const payload: WebhookPayload = { id: eventId, type: event.type, createdAt: event.at, data: event.data };
  const body = JSON.stringify(payload);
  const queued = await Promise.all(
    wanting.map((endpoint) => {
      const delivery: DeliveryRecord = {
        deliveryId: deliveryIdOf(eventId, endpoint.webhookId),
        webhookId: endpoint.webhookId,
        brandId: event.brandId,
        event: event.type,
        eventId,
        eventAt: event.at,
        body,
        state: 'pending',
        createdAt: now.toISOString(),
        nextAttemptAt: now.toISOString(),
        attempts: [],
      };
      return enqueueDelivery(delivery);
    }),
  );
  return queued.filter(Boolean).length;
}

/**
 * A brand's endpoints, read once per stream batch (and only for brands with events in it). A failed
 * read fails the record that needed it; the batch comes again with a fresh cache.
 */
export function endpointsPerBatch(): (brandId: string) => Promise<WebhookEndpoint[]> {
  const endpointsOf = new Map<string, Promise<WebhookEndpoint[]>>();
  return (brandId) => {
    const known = endpointsOf.get(brandId);
    if (known) return known;
    const read = listWebhooks(brandId);
    endpointsOf.set(brandId, read);
    return read;
  };
}
