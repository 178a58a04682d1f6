/**
 * Write units per request, pinned: real ConsumedCapacity from DynamoDB Local (the proxy asks for
 * ReturnConsumedCapacity TOTAL on every call and sums it per caller), over the whole path of each
 * request through the API function. The stream consumers' writes (a detractor's task, the callback
 * notices, webhook deliveries) are theirs, not the request's: the meter files them apart, so what an
 * earlier suite left in the stream does not land in a figure here.
 */
import { answer, call, consumerSession, receiptInvitation, stack, submit, trigger, triggerBody, unique } from './helpers';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { API_CALLER, takeApiCapacity, takeConsumedCapacity } from '../functions/local/dynamodb-fault-proxy';
import { eventually } from './followup-helpers';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { staffToken } from './insight-helpers';
import { TABLES, db, dynamoClient, getItem, queryAll } from '../functions/src/lib/dynamo';
import { blindIndex } from '../functions/src/lib/crypto';
import { keys } from '../functions/src/data/keys';

afterAll(() => dynamoClient.destroy());

const BRAND = 'demo-brand';
const contactItem = (hash: string) => getItem(TABLES.main, keys.contact(BRAND, hash));
const indexedIds = (item: Record<string, unknown> | undefined) => [...((item?.invs as Set<string> | undefined) ?? [])].map((e) => e.split(':')[1]);
const pinvItems = (hash: string) =>
  queryAll({ TableName: TABLES.main, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.personInvitationsPartition(BRAND, hash) } }, (i) => i);
/** DynamoDB's item size: names + values (strings in UTF-8, numbers ≈ digits / 2 + 1, sets the sum of their elements). */
const itemBytes = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((sum, [name, value]) => {
    const size = (v: unknown): number => (typeof v === 'number' ? Math.ceil(String(v).length / 2) + 1 : v instanceof Set ? [...v].reduce((n: number, e) => n + size(e), 0) : Buffer.byteLength(String(v)));
    return sum + Buffer.byteLength(name) + size(value);
  }, 0);

// The aggregate poller writes the insight counters of each submit a moment later straight to DynamoDB
// Local, not through this meter: its cost is measured in test/insight-aggregate.test.ts.
const meter = stack.faultProxyEndpoint;

it('a submit writes two units: one conditional put of the response and its export-index entry, no transaction, no invitation update', async () => {
  const invitations = await Promise.all(Array.from({ length: 5 }, () => receiptInvitation()));
  const session = await consumerSession();
  const before = await Promise.all(invitations.map((inv) => getItem(TABLES.main, keys.invitation(inv.invitationId))));
  await takeApiCapacity(meter);
  for (const [i, { token }] of invitations.entries()) {
    expect((await submit(session, answer(token, { nps: 9 + (i % 2), csat: 5, comment: '店员很热情，下次还来' }))).status).toBe(201);
  }
  const used = await takeApiCapacity(meter);
  // 1 for the response (≤ 1 KB, with what aggregation needs copied from the invitation) + 1 for its gsi1 (export) entry.
  expect(used.write / invitations.length).toBe(2);
  expect(await Promise.all(invitations.map((inv) => getItem(TABLES.main, keys.invitation(inv.invitationId))))).toEqual(before);
  // Reads: the session and the invitation, 0.5 each (one BatchGetItem); a cold catalog cache adds a little.
  expect(used.read / invitations.length).toBeLessThan(1.5);
});

it('a detractor’s submit writes the same two units; its callback task is follow-up’s write, which the meter files apart', async () => {
  const { token } = await receiptInvitation();
  const session = await consumerSession();
  await takeConsumedCapacity(meter);
  const res = await submit(session, answer(token, { nps: 2, csat: 2 }));
  expect(res.status).toBe(201);
  const task = await eventually(() => getItem(TABLES.main, keys.task(String(res.body.responseId))));
  expect(task.value).toBeDefined();
  const used = await takeConsumedCapacity(meter);
  expect(used.callers[API_CALLER].write).toBe(2);
  expect(used.callers.other.write).toBeGreaterThan(0);
});

it('a replayed submit writes nothing', async () => {
  const { token } = await receiptInvitation();
  const session = await consumerSession();
  const body = answer(token, { nps: 9 });
  expect((await submit(session, body)).status).toBe(201);
  await takeApiCapacity(meter);
  expect((await submit(session, body)).status).toBe(200);
  expect((await takeApiCapacity(meter)).write).toBe(0);
});

it('a scheduled trigger writes four units: nonce, fatigue claim (which also records the invitation in the contact’s person index), invitation, its due-index entry', async () => {
  const bodies = Array.from({ length: 5 }, () => triggerBody());
  await takeApiCapacity(meter);
  const ids: string[] = [];
  for (const body of bodies) {
    const res = await trigger(body);
    expect(res.body.status).toBe('scheduled');
    ids.push(String(res.body.invitationId));
  }
  expect((await takeApiCapacity(meter)).write / 5).toBe(4);
  // The person index is there all the same, in the contact item (no PINV item).
  for (const [i, body] of bodies.entries()) {
    const hash = blindIndex('openid', String((body.customer as { openid: string }).openid));
    expect(indexedIds(await contactItem(hash))).toEqual([ids[i]]);
    expect(await pinvItems(hash)).toEqual([]);
  }
});

/** Seeds a customer's contact item: surveyed 30 days ago (the window is free), with these index entries. */
async function seedContact(openid: string, entries: string[]) {
  const hash = blindIndex('openid', openid);
  const ago = new Date(Date.now() - 30 * 86_400_000);
  await db.send(new PutCommand({
    TableName: TABLES.main,
    Item: { ...keys.contact(BRAND, hash), lastSurveyedAt: ago.toISOString(), invitationId: 'OLD0000000000000000000000A', invs: new Set(entries), ttl: Math.floor(Date.now() / 1000) + 86_400 * 300 },
  }));
  return hash;
}
const today = () => Math.floor(Date.now() / 86_400_000);
const entry = (day: number, n: number) => `${day}:OLD${String(n).padStart(23, '0')}`;

it('a heavy customer (the contact’s index full, 20 live entries): the claim stays one unit and a PINV item (+1) takes the entry; entries past their day are pruned in the claim', async () => {
  const full = { openid: devOpenId(unique('regular')) };
  const live = Array.from({ length: 20 }, (_, n) => entry(today() + 300, n));
  const expired = [entry(today() - 1, 98), entry(today() - 200, 99)];
  const hash = await seedContact(full.openid, [...live, ...expired]);
  await takeApiCapacity(meter);
  const res = await trigger(triggerBody({ customer: full }));
  expect(res.body.status).toBe('scheduled');
  expect((await takeApiCapacity(meter)).write).toBe(5);
  // The full set is only pruned; the invitation is in a PINV item.
  expect(indexedIds(await contactItem(hash)).sort()).toEqual(live.map((e) => e.split(':')[1]).sort());
  expect((await pinvItems(hash)).map((i) => i.invitationId)).toEqual([res.body.invitationId]);

  // Room again (an old entry is past its day): pruned and added in the same claim, no PINV item, four units.
  const roomy = { openid: devOpenId(unique('regular')) };
  const roomyHash = await seedContact(roomy.openid, [...live.slice(1), ...expired]);
  await takeApiCapacity(meter);
  const again = await trigger(triggerBody({ customer: roomy }));
  expect(again.body.status).toBe('scheduled');
  expect((await takeApiCapacity(meter)).write).toBe(4);
  const item = await contactItem(roomyHash);
  expect(indexedIds(item).sort()).toEqual([...live.slice(1).map((e) => e.split(':')[1]), again.body.invitationId].sort());
  expect(await pinvItems(roomyHash)).toEqual([]);
  // The contact lives as long as its entries (the latest one's day + 1).
  expect(Number(item?.ttl)).toBeGreaterThanOrEqual((today() + 301) * 86_400);
  // What the bound means for the item: ≤ 1 KB with 20 entries (one write unit a claim).
  expect(itemBytes({ ...item, invs: new Set(live), repeatCounted: 'X'.repeat(26) })).toBeLessThan(1024);
});

it('a receipt trigger writes two units (nonce, invitation); a retried one only its nonce', async () => {
  const body = triggerBody({ channel: 'receipt', customer: {} });
  await takeApiCapacity(meter);
  expect((await trigger(body)).status).toBe(202);
  expect((await takeApiCapacity(meter)).write).toBe(2);
  expect((await trigger(body)).status).toBe(200);
  expect((await takeApiCapacity(meter)).write).toBe(1);
});

// Insight events outside the responses stream (insight-events-repo.ts): each is one transaction of
// the conditional write that makes it once and its counter ADDs. AWS bills a transaction 2 units per
// item (≤ 1 KB); DynamoDB Local reports 2 per *table* it touches, so the meter shows less than AWS
// charges: the comments give the AWS figure, the assertions what the local meter reads.
it('the first view of an open invitation: its openedAt mark and 5 counter rows in one transaction (AWS 12 units); later views nothing', async () => {
  const { token } = await receiptInvitation();
  const session = await consumerSession();
  await takeApiCapacity(meter);
  expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session)).status).toBe(200);
  expect((await takeApiCapacity(meter)).write).toBe(2 + 2); // main, insight
  expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session)).status).toBe(200);
  expect((await takeApiCapacity(meter)).write).toBe(0);
});

it('a returning customer’s trigger counts the repeat of their answer once (AWS + 16 units: guard, contact stamp, 6 rows); the next one pays nothing for it; a suppressed invitation keeps no identifier', async () => {
  const customer = { openid: devOpenId(unique('returning')) };
  const { token } = await receiptInvitation({ customer });
  expect((await submit(await consumerSession(), answer(token, { nps: 9 }))).status).toBe(201);
  const later = () => trigger(triggerBody({ channel: 'receipt', customer, occurredAt: new Date().toISOString() }));
  await takeApiCapacity(meter);
  expect((await later()).status).toBe(202);
  // nonce 1 + the repeat transaction (main 2, insight 2 as metered locally) + the invitation 1 (fatigued: suppressed, no claim, no identifier: nobody's, not indexed)
  const first = await takeApiCapacity(meter);
  expect(first.write).toBe(1 + 2 + 2 + 1);
  expect(first.read).toBeGreaterThanOrEqual(1); // + the earlier response, read consistently
  const second = await later();
  expect(second.status).toBe(202);
  // The contact is stamped: no response read, no transaction — nonce and invitation only.
  expect((await takeApiCapacity(meter)).write).toBe(2);
  const suppressed = await getItem(TABLES.main, keys.invitation(String(second.body.invitationId)));
  expect(suppressed).toMatchObject({ status: 'suppressed', reason: 'fatigue', customerHashes: [] });
  expect(await pinvItems(blindIndex('openid', customer.openid))).toEqual([]);
});

it('a store without a fatigue window (no claim): the person index is a PINV item — nonce, invitation, its due entry, PINV: four units', async () => {
  const brandAdmin = await staffToken(BRAND, unique('cap-admin'), 'admin', { allRegions: true });
  const storeId = unique('cap-store');
  expect((await call('POST', '/v1/admin/stores', brandAdmin, { storeId, name: 'No fatigue', region: 'cap', timeZone: 'Asia/Shanghai', policy: { fatigueDays: 0 } })).status).toBe(201);
  const issued = await call('POST', `/v1/admin/stores/${storeId}/keys`, brandAdmin);
  const key = { keyId: issued.body.keyId, secret: issued.body.secret };
  const customer = { openid: devOpenId(unique('nofatigue')) };
  // The new key's first use stamps it (2 units, once an hour: admin-stores.test.ts): not this figure's.
  expect((await trigger(triggerBody({ storeId, staffId: undefined }), key)).status).toBe(202);
  await takeApiCapacity(meter);
  const res = await trigger(triggerBody({ storeId, staffId: undefined, customer }), key);
  expect(res.body.status).toBe('scheduled');
  expect((await takeApiCapacity(meter)).write).toBe(4);
  const hash = blindIndex('openid', customer.openid);
  expect((await pinvItems(hash)).map((i) => i.invitationId)).toEqual([res.body.invitationId]);
  expect(await contactItem(hash)).toBeUndefined();
});
