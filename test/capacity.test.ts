/**
 * Write units per request, pinned: real ConsumedCapacity from DynamoDB Local (the proxy asks for
 * ReturnConsumedCapacity TOTAL on every call and sums it), over the whole path of each request.
 */
import { answer, consumerSession, receiptInvitation, stack, submit, trigger, triggerBody } from './helpers';
import { takeConsumedCapacity } from '../functions/local/dynamodb-fault-proxy';

const meter = stack.faultProxyEndpoint;
// The aggregate poller adds each submit into the insight counters a moment later, through the same
// proxy: that is the stream consumer's cost (test/insight-aggregate.test.ts), not the request's.
const take = () => takeConsumedCapacity(meter, { except: [stack.env.XS_INSIGHT_TABLE] });

// Promoters only: a detractor's task is follow-up's write (the stream poller shares this meter), not the submit's.
it('a submit writes two units: one conditional put of the response and its export-index entry, no transaction, no invitation update', async () => {
  const invitations = await Promise.all(Array.from({ length: 5 }, () => receiptInvitation()));
  const session = await consumerSession();
  await take();
  for (const [i, { token }] of invitations.entries()) {
    expect((await submit(session, answer(token, { nps: 9 + (i % 2), csat: 5, comment: '店员很热情，下次还来' }))).status).toBe(201);
  }
  const used = await take();
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
  await take();
  expect((await submit(session, body)).status).toBe(200);
  expect((await take()).write).toBe(0);
});

it('a scheduled trigger writes four units: nonce, fatigue claim, invitation, its due-index entry', async () => {
  await take();
  for (let i = 0; i < 5; i++) expect((await trigger(triggerBody())).body.status).toBe('scheduled');
  expect((await take()).write / 5).toBe(4);
});

it('a receipt trigger writes two units (nonce, invitation); a retried one only its nonce', async () => {
  const body = triggerBody({ channel: 'receipt', customer: {} });
  await take();
  expect((await trigger(body)).status).toBe(202);
  expect((await take()).write).toBe(2);
  expect((await trigger(body)).status).toBe(200);
  expect((await take()).write).toBe(1);
});
