/**
 * Faults between the functions and DynamoDB, injected by the proxy the test stack puts in front of
 * DynamoDB Local: throttling on a share of calls, writes whose answer is lost after they committed, and
 * writes the engine never answers.
 * Clients retry the way the mini-program does (same clientResponseId, honouring Retry-After).
 */
import { answer, call, consumerSession, receiptInvitation, stack, submit, trigger, triggerBody, unique } from './helpers';
import { setDynamoDbFaults } from '../functions/local/dynamodb-fault-proxy';
import { getResponseForInvitation } from '../functions/src/data/responses-repo';
import { claimContacts, getInvitationForOrder } from '../functions/src/data/invitations-repo';
import { blindIndex, orderInvitationId } from '../functions/src/lib/crypto';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { dynamoClient } from '../functions/src/lib/dynamo';

const proxy = stack.faultProxyEndpoint;
afterEach(() => setDynamoDbFaults(proxy, { mode: 'none' }));
afterAll(() => dynamoClient.destroy());

// Warm the handlers one at a time first: 40 concurrent first calls into a cold serverless-offline
// (in-process module loads) on a busy 2-core machine can outlast the 10 s Lambda timeout, which is
// not the fault under test.
beforeAll(async () => {
  const { token } = await receiptInvitation();
  expect((await submit(await consumerSession(), answer(token, { nps: 9 }))).status).toBe(201);
  expect((await trigger(triggerBody())).status).toBe(202);
}, 60_000);

/** Submit until the server gives a definite answer (2xx/4xx), as the client's retry loop does. */
async function submitWithRetries(session: string, body: ReturnType<typeof answer>) {
  for (let attempt = 1; ; attempt++) {
    const res = await submit(session, body).catch(() => ({ status: 0, body: undefined, headers: undefined }));
    if (res.status >= 200 && res.status < 500) return { ...res, attempts: attempt };
    if (attempt >= 30) throw new Error(`gave up after ${attempt} attempts: ${res.status}`);
    await new Promise((r) => setTimeout(r, 50 * Math.min(attempt, 5)));
  }
}

async function invitationsAndSessions(n: number) {
  const invitations = await Promise.all(Array.from({ length: n }, () => receiptInvitation()));
  const session = await consumerSession();
  return { invitations, session };
}

it('throttling on 40% of writes and reads during a batch of 40 submits: every response stored exactly once', async () => {
  const { invitations, session } = await invitationsAndSessions(40);
  const bodies = invitations.map((inv, i) => answer(inv.token, { nps: i % 11 }));
  await setDynamoDbFaults(proxy, { mode: 'throttle', rate: 0.4, operations: ['PutItem', 'GetItem', 'BatchGetItem', 'TransactWriteItems'] });
  const results = await Promise.all(bodies.map((body) => submitWithRetries(session, body)));
  await setDynamoDbFaults(proxy, { mode: 'none' });

  expect(results.filter((r) => r.status !== 201 && r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);
  for (const [i, inv] of invitations.entries()) {
    const stored = await getResponseForInvitation(inv.invitationId);
    expect(stored?.responseId).toBe(results[i].body.responseId);
    expect(stored?.answers.nps).toBe(i % 11);
  }
  const status = await (await fetch(`${proxy}/_faults`)).json();
  expect(status.stats.throttled).toBeGreaterThan(0);
});

it('a committed response put whose answer is lost (timeout) is retried without a second response', async () => {
  const { invitations, session } = await invitationsAndSessions(20);
  await setDynamoDbFaults(proxy, { mode: 'lose-response', rate: 0.5, operations: ['PutItem'] });
  const results = await Promise.all(invitations.map((inv) => submitWithRetries(session, answer(inv.token, { nps: 8 }))));
  await setDynamoDbFaults(proxy, { mode: 'none' });

  for (const [i, inv] of invitations.entries()) {
    expect([200, 201]).toContain(results[i].status);
    expect((await getResponseForInvitation(inv.invitationId))?.responseId).toBe(results[i].body.responseId);
    // Answered is the response's existence: the page shows it, and the same answer again is a 200.
    const view = await call('GET', `/v1/invitations/${encodeURIComponent(inv.token)}`, session);
    expect(view.body).toMatchObject({ state: 'answered', answer: { responseId: results[i].body.responseId, nps: 8 } });
  }
  const status = await (await fetch(`${proxy}/_faults`)).json();
  expect(status.stats.lost).toBeGreaterThan(0);
});

it('an engine that stops answering mid-write: the submit gives up inside the Lambda timeout with 503, and the retry finds its answer stored once', async () => {
  const { invitations: [invitation], session } = await invitationsAndSessions(1);
  const body = answer(invitation.token, { nps: 4 });
  const stalledSoFar = async (): Promise<number> => (await (await fetch(`${proxy}/_faults`)).json()).stats.stalled;
  const before = await stalledSoFar();
  await setDynamoDbFaults(proxy, { mode: 'stall', rate: 1, operations: ['PutItem'] });
  const started = Date.now();
  const stalled = await submit(session, body);
  const took = Date.now() - started;
  const after = await stalledSoFar();
  await setDynamoDbFaults(proxy, { mode: 'none' });

  // Each attempt's put committed (the first) or was refused (the others) and went unanswered; the SDK
  // abandoned each after its request timeout. Up to 4 attempts: how many is the SDK's to decide — its
  // retry quota (500 tokens a client, 10 a timed-out retry, 1 back per success) is shared by every call of
  // the offline process's one client, and the throttled and lost writes of the tests before draw on it
  // (CI once saw 2 attempts here). The contract is the answer and its time, checked below.
  expect(after - before).toBeGreaterThanOrEqual(1);
  expect(stalled.status).toBe(503);
  expect(stalled.headers.get('retry-after')).toBe('2');
  expect(took).toBeLessThan(10_000); // the Lambda timeout: a 504 from a killed invocation would come after it
  const retried = await submitWithRetries(session, body);
  expect(retried.status).toBe(200); // the same answer, already stored by the first attempt
  expect((await getResponseForInvitation(invitation.invitationId))?.responseId).toBe(retried.body.responseId);
}, 30_000);

it('triggers under throttling: each order makes one invitation', async () => {
  const bodies = Array.from({ length: 20 }, () => triggerBody());
  await setDynamoDbFaults(proxy, { mode: 'throttle', rate: 0.4, operations: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'] });
  const first = await Promise.all(bodies.map((b) => retryTrigger(b)));
  const second = await Promise.all(bodies.map((b) => retryTrigger(b)));
  expect([...first, ...second].filter((r) => r.status >= 300).map((r) => [r.status, r.body])).toEqual([]);
  await setDynamoDbFaults(proxy, { mode: 'none' });
  for (const [i, body] of bodies.entries()) {
    expect(second[i].body.invitationId).toBe(first[i].body.invitationId);
    expect((await getInvitationForOrder(body.storeId, body.orderId))?.invitationId).toBe(first[i].body.invitationId);
  }
});

it('triggers whose writes commit but whose answers are lost: the retried order makes one invitation', async () => {
  const bodies = Array.from({ length: 20 }, () => triggerBody());
  await setDynamoDbFaults(proxy, { mode: 'lose-response', rate: 0.5, operations: ['PutItem', 'UpdateItem'] });
  const first = await Promise.all(bodies.map((b) => retryTrigger(b)));
  await setDynamoDbFaults(proxy, { mode: 'none' });
  const second = await Promise.all(bodies.map((b) => retryTrigger(b)));
  expect([...first, ...second].filter((r) => r.status >= 300).map((r) => [r.status, r.body])).toEqual([]);
  for (const [i, body] of bodies.entries()) {
    // Not suppressed by its own fatigue claim from an attempt whose answer was lost.
    expect(first[i].body.status).toBe('scheduled');
    expect(second[i].body).toEqual(first[i].body);
    expect((await getInvitationForOrder(body.storeId, body.orderId))?.invitationId).toBe(first[i].body.invitationId);
  }
});

it('a crash after the fatigue claim and before the invitation: the retry recognises its own claim', async () => {
  const openid = devOpenId(unique('crashed'));
  const body = triggerBody({ customer: { openid } });
  const invitationId = orderInvitationId(body.storeId, body.orderId);
  // What the crashed attempt left: the customer's window claimed for this order's invitation, no invitation.
  expect(await claimContacts('demo-brand', [blindIndex('openid', openid)], invitationId, 7, new Date())).toBe(true);
  expect(await getInvitationForOrder(body.storeId, body.orderId)).toBeUndefined();

  const retried = await trigger(body);
  expect(retried.status).toBe(202);
  expect(retried.body).toMatchObject({ invitationId, status: 'scheduled' });
  // The claim still counts for everyone else: another order for the same customer is fatigued.
  expect((await trigger(triggerBody({ storeId: 'gz-001', customer: { openid } }))).body).toMatchObject({ status: 'suppressed', reason: 'fatigue' });
});

async function retryTrigger(body: ReturnType<typeof triggerBody>) {
  for (let attempt = 1; ; attempt++) {
    const res = await trigger(body);
    if (res.status < 500) return res;
    if (attempt >= 30) throw new Error(`trigger gave up: ${res.status}`);
    await new Promise((r) => setTimeout(r, 50 * Math.min(attempt, 5)));
  }
}
