import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ZWebhookPayload, type DeliveryRecord } from '@xinsheng/shared';
import { answerAsCustomer, eventually, http, stack } from './followup-helpers';
import { maskedPhone, uniquePhone } from './helpers';
import { getTask } from '../functions/src/data/tasks-repo';
import { queryDeliveries } from '../functions/src/data/webhooks-repo';
import { TABLES, dynamoClient, getItem } from '../functions/src/lib/dynamo';
import { createWebhookStreamHandler } from '../functions/src/webhooks/on-response-stream';
import { createWebhookTaskStreamHandler } from '../functions/src/webhooks/on-main-stream';
import { deliveryIdOf, eventIdOf } from '../functions/src/webhooks/events';
import { keys } from '../functions/src/data/keys';
import { sendDueDeliveries, type SenderDeps } from '../functions/src/webhooks/send-due';
import { verifyWebhookSignature } from '../functions/src/webhooks/signature';

/**
 * Outbound webhooks end to end: real HTTP receivers on loopback, the stack's own stream consumer and
 * sender (real clock) for first attempts, and this process's sender with an injected clock for the
 * retries hours later — no real waits of minutes.
 */
afterAll(() => dynamoClient.destroy());

const admin = stack.staff.find((s) => s.role === 'admin');
let token = '';

interface Received {
  event: string;
  deliveryId: string;
  body: string;
  signatureOk: boolean;
}

/** A receiver on 127.0.0.1: `answer` decides each request's status (undefined: never answer). */
interface Receiver {
  url: string;
  received: Received[];
  secret: string;
  server: Server;
  close(): Promise<void>;
}

/** The clock the receivers verify signatures with: the sender's (real, or the test's injected one). */
let clockOffsetMs = 0;
const clock = () => new Date(Date.now() + clockOffsetMs);

async function receiver(answer: (count: number) => number | undefined): Promise<Receiver> {
  const received: Received[] = [];
  const r: Partial<Receiver> = { received };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        event: String(req.headers['x-xinsheng-event']),
        deliveryId: String(req.headers['x-xinsheng-delivery']),
        body,
        signatureOk: verifyWebhookSignature(body, req.headers['x-xinsheng-signature'] as string | undefined, r.secret ?? '', { now: clock() }).ok,
      });
      const status = answer(received.length);
      if (status !== undefined) res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  r.server = server;
  r.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return r as Receiver;
}

async function register(hook: Receiver, events: string[]): Promise<string> {
  const res = await http('POST', '/v1/admin/webhooks', token, { url: hook.url, events });
  expect(res.status).toBe(201);
  hook.secret = res.body.secret;
  return res.body.webhookId;
}

async function deliveries(webhookId: string): Promise<DeliveryRecord[]> {
  return (await queryDeliveries(webhookId, 100)).items;
}

const untilDelivery = (webhookId: string, test: (d: DeliveryRecord) => boolean, timeoutMs = 8000) =>
  eventually(async () => (await deliveries(webhookId)).find(test), timeoutMs);

/** One pass of this process's sender at an injected time. */
const passAt = (at: Date) => {
  clockOffsetMs = at.getTime() - Date.now();
  const deps: SenderDeps = { now: () => new Date(Date.now() + clockOffsetMs), random: () => 0.5, guard: { allowLoopback: true } };
  return sendDueDeliveries(deps);
};

const hooks: { id: string; receiver: Receiver }[] = [];

beforeAll(async () => {
  if (!admin) throw new Error('the demo has no admin');
  const res = await http('POST', '/v1/staff/login', undefined, { username: admin.username, password: admin.password });
  token = res.body.token;
});

afterEach(async () => {
  clockOffsetMs = 0;
  // Deleted endpoints send nothing more: later tests' responses go nowhere.
  for (const hook of hooks.splice(0)) {
    await http('DELETE', `/v1/admin/webhooks/${hook.id}`, token);
    await hook.receiver.close();
  }
});

test('admin API: register (secret once), list without secrets, rotate (old secret kept 24 h), refused URLs, delete', async () => {
  const hook = await receiver(() => 200);
  const id = await register(hook, ['response.created', 'task.resolved']);
  hooks.push({ id, receiver: hook });
  const list = await http('GET', '/v1/admin/webhooks', token);
  expect(list.status).toBe(200);
  const mine = list.body.items.find((w: { webhookId: string }) => w.webhookId === id);
  expect(mine).toMatchObject({ url: hook.url, events: ['response.created', 'task.resolved'], rotatedAt: null, previousSecretValidUntil: null });
  expect(JSON.stringify(list.body)).not.toContain(hook.secret);

  const rotated = await http('POST', `/v1/admin/webhooks/${id}/rotate`, token);
  expect(rotated.status).toBe(200);
  expect(rotated.body.secret).not.toBe(hook.secret);
  expect(new Date(rotated.body.previousSecretValidUntil).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

  const audit = await http('GET', '/v1/admin/audit?limit=10', token);
  const text = JSON.stringify(audit.body);
  expect(text).toContain('webhook.rotate');
  expect(text).toContain('webhook.create');
  expect(text).not.toContain(hook.secret);
  expect(text).not.toContain(rotated.body.secret);

  for (const [url, path] of [
    ['http://169.254.169.254/latest/meta-data/', 'url'],
    ['http://10.0.0.1/hook', 'url'],
    ['ftp://127.0.0.1/hook', 'url'],
  ]) {
    const refused = await http('POST', '/v1/admin/webhooks', token, { url, events: ['task.created'] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toEqual(['body', path]);
  }
  const noEvents = await http('POST', '/v1/admin/webhooks', token, { url: hook.url, events: [] });
  expect(noEvents.body.error.details[0].path).toEqual(['body', 'events']);
  expect((await http('POST', '/v1/admin/webhooks', token, { url: hook.url, events: ['order.created'] })).status).toBe(400);

  expect((await http('DELETE', `/v1/admin/webhooks/${id}`, token)).status).toBe(200);
  expect((await http('GET', `/v1/admin/webhooks/${id}/deliveries`, token)).status).toBe(404);
});

test('a receiver that fails twice, then succeeds: one delivery id on all three attempts, valid signatures, processed once, attempts recorded', async () => {
  const hook = await receiver((n) => (n <= 2 ? 500 : 200));
  const id = await register(hook, ['response.created']);
  hooks.push({ id, receiver: hook });
  const phone = uniquePhone('138');
  const { responseId } = await answerAsCustomer({ nps: 9 }, { phone });

  // Attempt 1: the stack's stream consumer queues it, its sender sends it at once (real clock).
  const first = await untilDelivery(id, (d) => d.attempts.length === 1);
  expect(first.value).toMatchObject({ state: 'pending', event: 'response.created' });
  const queuedAt = new Date(first.value!.createdAt);
  expect(new Date(first.value!.nextAttemptAt!).getTime() - new Date(first.value!.attempts[0].at).getTime()).toBeGreaterThanOrEqual(4000);

  // Attempt 2 about 5 s later, attempt 3 about 30 s after that: this process's sender at those times.
  await passAt(new Date(queuedAt.getTime() + 7_000));
  const second = (await deliveries(id))[0];
  expect(second.attempts.map((a) => a.statusCode)).toEqual([500, 500]);
  await passAt(new Date(new Date(second.nextAttemptAt!).getTime() + 1));
  const done = (await deliveries(id))[0];
  expect(done.state).toBe('delivered');
  expect(done.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
  expect(done.attempts.every((a) => a.latencyMs >= 0 && a.latencyMs < 10_000)).toBe(true);
  expect(done.attempts[2].error).toBeNull();
  expect(done.attempts[0].error).toBe('HTTP 500');

  // The receiver saw three requests with one delivery id: deduplicated, one event processed.
  expect(hook.received).toHaveLength(3);
  expect(new Set(hook.received.map((r) => r.deliveryId))).toEqual(new Set([done.deliveryId]));
  expect(hook.received.every((r) => r.signatureOk)).toBe(true);
  expect(hook.received.every((r) => r.body === hook.received[0].body)).toBe(true);
  const processed = new Map(hook.received.map((r) => [r.deliveryId, ZWebhookPayload.parse(JSON.parse(r.body))]));
  expect(processed.size).toBe(1);
  const payload = [...processed.values()][0];
  expect(payload).toMatchObject({ type: 'response.created', data: { responseId, answers: { nps: 9 }, phoneMasked: maskedPhone(phone) } });
  // No openid, no sealed or hashed identifier, no full phone.
  expect(hook.received[0].body).not.toMatch(/openid|Sealed|Hash/i);
  expect(hook.received[0].body).not.toContain(phone);

  // Nothing more is due: a pass far later sends nothing to it.
  await passAt(new Date(queuedAt.getTime() + 3 * 3600_000));
  expect(hook.received).toHaveLength(3);

  // The admin's delivery log shows the same.
  const log = await http('GET', `/v1/admin/webhooks/${id}/deliveries`, token);
  expect(log.status).toBe(200);
  expect(log.body.items[0]).toMatchObject({ deliveryId: done.deliveryId, state: 'delivered', nextAttemptAt: null });
  expect(log.body.items[0].attempts).toHaveLength(3);
});

test('a duplicate stream record queues one delivery', async () => {
  const hook = await receiver(() => 200);
  const id = await register(hook, ['response.created']);
  hooks.push({ id, receiver: hook });
  const { invitationId } = await answerAsCustomer({ nps: 8 });
  const delivered = await untilDelivery(id, (d) => d.state === 'delivered');
  expect(delivered.value).toBeDefined();

  // The same record again, twice (as a redelivered or re-cut batch brings it), through the consumer itself.
  const item = await getItem(TABLES.responses, { pk: `RESP#${invitationId}`, sk: 'RESPONSE' });
  const record = { eventName: 'INSERT', dynamodb: { NewImage: marshall(item, { removeUndefinedValues: true }), SequenceNumber: '1' } } as DynamoDBRecord;
  const consume = createWebhookStreamHandler();
  for (let i = 0; i < 2; i++) expect(await consume({ Records: [record, record] })).toEqual({ batchItemFailures: [] });
  await passAt(new Date(Date.now() + 60_000));
  const all = await deliveries(id);
  expect(all).toHaveLength(1);
  expect(all[0].attempts).toHaveLength(1);
  expect(hook.received).toHaveLength(1);
});

test('a resolved task → one task.resolved delivery, queued from the main table\'s stream (not the resolve\'s request path); a duplicate record → still one', async () => {
  const hook = await receiver(() => 200);
  const id = await register(hook, ['task.resolved']);
  hooks.push({ id, receiver: hook });
  const phone = uniquePhone('137');
  const { responseId } = await answerAsCustomer({ nps: 1, comment: '等了四十分钟' }, { phone });
  expect((await eventually(() => getTask(responseId, true), 5000)).value).toBeDefined();
  expect((await http('POST', `/v1/tasks/${responseId}/claim`, token)).status).toBe(200);
  // No recovery survey: the task item stays as the resolve wrote it (the duplicate below is that very image).
  const resolved = await http('POST', `/v1/tasks/${responseId}/resolve`, token, { outcome: 'compensated', rootCause: 'wait_time', resurvey: false });
  expect(resolved.status).toBe(200);

  const delivered = await untilDelivery(id, (d) => d.state === 'delivered');
  // The event id is the task and its resolution number, from the resolve's image: the same on every redelivery.
  expect(delivered.value).toMatchObject({ event: 'task.resolved', deliveryId: deliveryIdOf(eventIdOf('task.resolved', `${responseId}#1`), id), eventAt: resolved.body.resolvedAt });
  const payload = ZWebhookPayload.parse(JSON.parse(hook.received[0].body));
  expect(payload).toMatchObject({ type: 'task.resolved', data: { taskId: responseId, status: 'resolved', outcome: 'compensated', rootCause: 'wait_time', resolution: 1, phoneMasked: maskedPhone(phone) } });
  expect(hook.received[0].signatureOk).toBe(true);

  // The resolve's record again, twice (a redelivered or re-cut batch), through the consumer itself; then a
  // later change of the resolved task (a line on its timeline), which is not a new resolution.
  const item = await getItem(TABLES.main, keys.task(responseId));
  expect(item?.timeline).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'resolved' })]));
  const recordOf = (image: Record<string, unknown>, sequence: string) =>
    ({ eventName: 'MODIFY', dynamodb: { Keys: marshall(keys.task(responseId)), NewImage: marshall(image, { removeUndefinedValues: true }), SequenceNumber: sequence } }) as DynamoDBRecord;
  const duplicate = recordOf(item!, '1');
  const later = recordOf({ ...item, timeline: [...(item!.timeline as unknown[]), { type: 'customer_notified', at: new Date().toISOString(), trigger: 'resolved', ok: true }] }, '2');
  const consume = createWebhookTaskStreamHandler();
  for (let i = 0; i < 2; i++) expect(await consume({ Records: [duplicate, duplicate, later] })).toEqual({ batchItemFailures: [] });
  await passAt(new Date(Date.now() + 60_000));
  const all = await deliveries(id);
  expect(all).toHaveLength(1);
  expect(all[0].attempts).toHaveLength(1);
  expect(hook.received).toHaveLength(1);
  // A crash between the resolve's write and the queueing can no longer lose the event: nothing is queued on
  // the request path — the committed write IS the event, read from the stream (retried, then dead-lettered).
});

test('a hanging receiver: the other endpoint gets its deliveries at once, and the detractor still gets a task as fast as ever', async () => {
  const hanging = await receiver(() => undefined);
  const healthy = await receiver(() => 204);
  const hangingId = await register(hanging, ['response.created', 'task.created']);
  const healthyId = await register(healthy, ['response.created', 'task.created']);
  hooks.push({ id: hangingId, receiver: hanging }, { id: healthyId, receiver: healthy });

  const started = Date.now();
  const phone = uniquePhone();
  const { responseId } = await answerAsCustomer({ nps: 2, comment: `太慢了，电话 ${phone}` }, { phone });
  // Follow-up is untouched: the task is there within the time the follow-up tests allow.
  const task = await eventually(() => getTask(responseId, true), 5000);
  expect(task.value).toBeDefined();
  expect(task.ms).toBeLessThan(5000);

  // The healthy receiver gets both events while the hanging one holds its connections open.
  const both = await eventually(async () => (healthy.received.length >= 2 ? healthy.received : undefined), 8000);
  expect(both.value?.map((r) => r.event).sort()).toEqual(['response.created', 'task.created']);
  expect(Date.now() - started).toBeLessThan(8000);
  expect(healthy.received.every((r) => r.signatureOk)).toBe(true);
  const created = ZWebhookPayload.parse(JSON.parse(healthy.received.find((r) => r.event === 'task.created')!.body));
  expect(created.data).toMatchObject({ taskId: responseId, status: 'open', nps: 2, phoneMasked: maskedPhone(phone) });
  const answered = ZWebhookPayload.parse(JSON.parse(healthy.received.find((r) => r.event === 'response.created')!.body));
  expect(answered.data.answers).toMatchObject({ comment: `太慢了，电话 ${maskedPhone(phone)}` });

  // The hanging receiver's first attempt is cut at 10 s and recorded as such, then retried later.
  const cut = await untilDelivery(hangingId, (d) => d.event === 'response.created' && d.attempts.length >= 1, 14_000);
  expect(cut.value?.attempts[0]).toMatchObject({ statusCode: null, error: 'no answer within 10000 ms' });
  expect(cut.value?.attempts[0].latencyMs).toBeGreaterThanOrEqual(9_900);
  expect(cut.value?.state).toBe('pending');
}, 30_000);

test('a receiver that fails for 24 h: dead-lettered, and shown as dead in the delivery log', async () => {
  const hook = await receiver(() => 503);
  const id = await register(hook, ['response.created']);
  hooks.push({ id, receiver: hook });
  await answerAsCustomer({ nps: 10 });
  const first = await untilDelivery(id, (d) => d.attempts.length === 1);
  const queuedAt = new Date(first.value!.createdAt).getTime();
  let current = first.value!;
  for (let pass = 0; current.state === 'pending' && pass < 60; pass++) {
    await passAt(new Date(new Date(current.nextAttemptAt!).getTime() + 1));
    current = (await deliveries(id))[0];
  }
  expect(current.state).toBe('dead');
  // 0, ~5 s, ~35 s, ~2.5 min, ~12.5 min, ~1.2 h, then hourly: 28 attempts, the last within the 24 h.
  expect(current.attempts).toHaveLength(28);
  expect(current.attempts.every((a) => a.statusCode === 503)).toBe(true);
  const last = new Date(current.attempts.at(-1)!.at).getTime();
  expect(last - queuedAt).toBeLessThanOrEqual(24 * 3600_000);
  expect(last - queuedAt).toBeGreaterThan(23 * 3600_000);
  expect(hook.received).toHaveLength(28);
  const log = await http('GET', `/v1/admin/webhooks/${id}/deliveries?limit=5`, token);
  expect(log.body.items[0]).toMatchObject({ state: 'dead', nextAttemptAt: null });
  // A pass a day later sends it nothing more.
  await passAt(new Date(queuedAt + 48 * 3600_000));
  expect(hook.received).toHaveLength(28);
}, 60_000);
