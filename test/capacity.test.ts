/**
 * Write units per request, pinned: real ConsumedCapacity from DynamoDB Local (the proxy asks for
 * ReturnConsumedCapacity TOTAL on every call and sums it), over the whole path of each request.
 */
import { answer, call, consumerSession, receiptInvitation, stack, submit, trigger, triggerBody, unique } from './helpers';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { takeConsumedCapacity } from '../functions/local/dynamodb-fault-proxy';

// The aggregate poller writes the insight counters of each submit a moment later straight to DynamoDB
// Local, not through this meter: its cost is measured in test/insight-aggregate.test.ts.
const meter = stack.faultProxyEndpoint;

// Promoters only: a detractor's task is follow-up's write (the stream poller shares this meter), not the submit's.
it('a submit writes two units: one conditional put of the response and its export-index entry, no transaction, no invitation update', async () => {
  const invitations = await Promise.all(Array.from({ length: 5 }, () => receiptInvitation()));
  const session = await consumerSession();
  await takeConsumedCapacity(meter);
  for (const [i, { token }] of invitations.entries()) {
    expect((await submit(session, answer(token, { nps: 9 + (i % 2), csat: 5, comment: '店员很热情，下次还来' }))).status).toBe(201);
  }
  const used = await takeConsumedCapacity(meter);
  // 1 for the response (≤ 1 KB, with what aggregation needs copied from the invitation) + 1 for its gsi1 (export) entry.
  expect(used.write / invitations.length).toBe(2);
  // Reads: the session and the invitation, 0.5 each (one BatchGetItem); a cold catalog cache adds a little.
  expect(used.read / invitations.length).toBeLessThan(1.5);
});

it('a replayed submit writes nothing', async () => {
  const { token } = await receiptInvitation();
  const session = await consumerSession();
  const body = answer(token, { nps: 9 });
  expect((await submit(session, body)).status).toBe(201);
  await takeConsumedCapacity(meter);
  expect((await submit(session, body)).status).toBe(200);
  expect((await takeConsumedCapacity(meter)).write).toBe(0);
});

it('a scheduled trigger writes five units: nonce, fatigue claim, invitation, its due-index entry, its person-index entry (privacy)', async () => {
  await takeConsumedCapacity(meter);
  for (let i = 0; i < 5; i++) expect((await trigger(triggerBody())).body.status).toBe('scheduled');
  expect((await takeConsumedCapacity(meter)).write / 5).toBe(5);
});

it('a receipt trigger writes two units (nonce, invitation); a retried one only its nonce', async () => {
  const body = triggerBody({ channel: 'receipt', customer: {} });
  await takeConsumedCapacity(meter);
  expect((await trigger(body)).status).toBe(202);
  expect((await takeConsumedCapacity(meter)).write).toBe(2);
  expect((await trigger(body)).status).toBe(200);
  expect((await takeConsumedCapacity(meter)).write).toBe(1);
});

// Insight events outside the responses stream (insight-events-repo.ts): each is one transaction of
// the conditional write that makes it once and its counter ADDs. AWS bills a transaction 2 units per
// item (≤ 1 KB); DynamoDB Local reports 2 per *table* it touches, so the meter shows less than AWS
// charges: the comments give the AWS figure, the assertions what the local meter reads.
it('the first view of an open invitation: its openedAt mark and 5 counter rows in one transaction (AWS 12 units); later views nothing', async () => {
  const { token } = await receiptInvitation();
  const session = await consumerSession();
  await takeConsumedCapacity(meter);
  expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session)).status).toBe(200);
  expect((await takeConsumedCapacity(meter)).write).toBe(2 + 2); // main, insight
  expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session)).status).toBe(200);
  expect((await takeConsumedCapacity(meter)).write).toBe(0);
});

it('a returning customer’s trigger counts the repeat of their answer once (AWS + 16 units: guard, contact stamp, 6 rows); the next one pays nothing for it', async () => {
  const customer = { openid: devOpenId(unique('returning')) };
  const { token } = await receiptInvitation({ customer });
  expect((await submit(await consumerSession(), answer(token, { nps: 9 }))).status).toBe(201);
  const later = () => trigger(triggerBody({ channel: 'receipt', customer, occurredAt: new Date().toISOString() }));
  await takeConsumedCapacity(meter);
  expect((await later()).status).toBe(202);
  // nonce 1 + the repeat transaction (main 2, insight 2 as metered locally) + the invitation 1 (fatigued: suppressed, no claim) + its person-index entry 1
  const first = await takeConsumedCapacity(meter);
  expect(first.write).toBe(1 + 2 + 2 + 1 + 1);
  expect(first.read).toBeGreaterThanOrEqual(1); // + the earlier response, read consistently
  expect((await later()).status).toBe(202);
  // The contact is stamped: no response read, no transaction — nonce and invitation (+ its person-index entry) only.
  expect((await takeConsumedCapacity(meter)).write).toBe(3);
});
