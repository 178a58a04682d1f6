/**
 * The insight counters that do not come from the responses stream, on the local stack (real HTTP
 * where a client uses HTTP, the real DynamoDB Local): a task's first contact and first resolve, an
 * invitation sent and first opened, a customer's repeat purchase. Each counter moves exactly once
 * after its event; a replay (second reached attempt, replayed claim, second dispatch run, second
 * view, retried trigger) moves nothing; a failed transaction (injected at the DynamoDB proxy)
 * leaves neither the event nor its count; and every delta equals a recomputation from the raw
 * tasks, invitations and responses.
 */
import { answer, call, consumerSession, inspectPost, receiptInvitation, stack, submit, trigger, triggerBody, unique, uniquePhone } from './helpers';
import { eventually, http } from './followup-helpers';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  ZInvitation, ZResponseRecord, ZTask, attr, counterAttributes, counterTargets, firstContactBucket, invitationTargets, loopTargets, mergeIncrements, weekStart, zonedDay,
  type Increments, type InsightDimension,
} from '@xinsheng/shared';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { setDynamoDbFaults } from '../functions/local/dynamodb-fault-proxy';
import { SURVEY_TEMPLATE_ID } from '../functions/local/stack';
import { TABLES, db, dynamoClient } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { handler as dispatch } from '../functions/src/dispatch/send-due-invitations';
import { recordSent } from '../functions/src/data/insight-events-repo';

afterAll(() => dynamoClient.destroy());
afterEach(() => setDynamoDbFaults(stack.faultProxyEndpoint, { mode: 'none' }));

const BRAND = 'demo-brand';
const DAY_MS = 86_400_000;
const failTransactions = (mode: 'throttle' | 'lose-response') => setDynamoDbFaults(stack.faultProxyEndpoint, { mode, rate: 1, operations: ['TransactWriteItems'] });

// ---------- counter rows: expected increments per row, and the deltas actually stored ----------

type Target = { dimension: InsightDimension; key: string };
/** Expected increments per row id `<dimension>|<key>|<day>` (brand is always the demo brand). */
type Expected = Map<string, Increments>;

/** A target's row ids of a day: its day row, and for the brand also its week's row (`W#<Monday>`: every counter of its days). */
const idsOf = (t: Target, day: string) => [`${t.dimension}|${t.key}|${day}`, ...(t.dimension === 'brand' ? [`${t.dimension}|${t.key}|W#${weekStart(day)}`] : [])];

function addExpected(expected: Expected, targets: Target[], day: string, increments: Increments): void {
  for (const id of targets.flatMap((t) => idsOf(t, day))) expected.set(id, mergeIncrements(expected.get(id) ?? {}, increments));
}

/** A row id back to its key parts (a store_touchpoint key holds a `|` itself). */
async function readRow(id: string): Promise<Increments> {
  const parts = id.split('|');
  const [dimension, key, day] = [parts[0], parts.slice(1, -1).join('|'), parts[parts.length - 1]];
  const row = day.startsWith('W#') ? keys.counterWeek(BRAND, dimension, key, day.slice(2)) : keys.counterDay(BRAND, dimension, key, day);
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.insight, Key: row, ConsistentRead: true }));
  // Only the counters these events write: the responses the tests submit are also counted by the
  // aggregation consumer (answered, scores, `l:cb`, `rp:<band>:c`), asynchronously, on the same rows.
  return Object.fromEntries(Object.entries(counterAttributes(Item ?? {})).filter(([name]) => EVENT_COUNTER.test(name)));
}

const EVENT_COUNTER = /^(i:\w+:(sent|opened)|l:(ct|fc\d+|sm|rv)|rp:\w+:(30|90))$/;

/** The counters of these rows now. */
async function snapshot(ids: Iterable<string>): Promise<Map<string, Increments>> {
  const rows = new Map<string, Increments>();
  for (const id of ids) rows.set(id, await readRow(id));
  return rows;
}

/** What changed on each row since `before` (only attributes that moved). */
async function deltas(before: Map<string, Increments>): Promise<Expected> {
  const out: Expected = new Map();
  for (const [id, old] of before) {
    const now = await readRow(id);
    const moved: Increments = {};
    for (const name of new Set([...Object.keys(old), ...Object.keys(now)])) {
      const d = (now[name] ?? 0) - (old[name] ?? 0);
      if (d !== 0) moved[name] = d;
    }
    out.set(id, moved);
  }
  return out;
}

/** Every row of `rows` (and nothing else on them) moved by exactly `expected`. */
async function expectMoved(before: Map<string, Increments>, expected: Expected): Promise<void> {
  const want = new Map([...before.keys()].map((id) => [id, expected.get(id) ?? {}]));
  expect(Object.fromEntries(await deltas(before))).toEqual(Object.fromEntries(want));
}

const rowIds = (targets: Target[], days: string[]) => [...new Set(targets.flatMap((t) => days.flatMap((day) => idsOf(t, day))))];

// ---------- staff ----------

const demo = (username: string) => {
  const account = stack.staff.find((s) => s.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account;
};
const login = async (username: string) => (await http('POST', '/v1/staff/login', undefined, { username, password: demo(username).password })).body.token as string;

let agent: string;
let supervisor: string;
beforeAll(async () => {
  [agent, supervisor] = await Promise.all([login('agent.east'), login('supervisor.east')]);
});

const rawTask = async (taskId: string) => {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.task(taskId), ConsistentRead: true }));
  return Item && ZTask.parse(Item);
};
const rawInvitation = async (invitationId: string) => {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.invitation(invitationId), ConsistentRead: true }));
  return Item && ZInvitation.parse(Item);
};
const rawResponse = async (invitationId: string) => {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.responses, Key: keys.response(invitationId), ConsistentRead: true }));
  return Item && ZResponseRecord.parse(Item);
};


/** A detractor answers at a store of region east; its callback task, once follow-up made it. */
async function detractorTask(storeId = 'hz-001') {
  const { invitationId, token } = await receiptInvitation({ storeId, staffId: `${storeId}-x`, customer: { phone: uniquePhone() } });
  const submitted = await submit(await consumerSession(), answer(token, { nps: 2, comment: '等了很久' }));
  expect(submitted.status).toBe(201);
  const { value: task } = await eventually(() => rawTask(submitted.body.responseId), 10_000);
  if (!task) throw new Error('no task');
  return { task, invitationId };
}

/**
 * The loop counters a task's raw item calls for, recomputed from its timeline: its first reached
 * attempt (minutes since created, within the first due time) and whether it was ever resolved.
 */
function loopCountersOf(task: ReturnType<typeof ZTask.parse>): Increments {
  const created = task.timeline.find((e) => e.type === 'created');
  const reached = task.timeline.find((e) => e.type === 'attempt' && e.result === 'reached');
  const inc: Increments = {};
  if (reached && created?.type === 'created') {
    inc[attr.contacted] = 1;
    inc[attr.firstContact(firstContactBucket((Date.parse(reached.at) - Date.parse(task.createdAt)) / 60_000))] = 1;
    if (Date.parse(reached.at) <= Date.parse(created.dueAt)) inc[attr.slaMet] = 1;
  }
  if (task.timeline.some((e) => e.type === 'resolved')) inc[attr.resolved] = 1;
  return inc;
}

const post = (taskId: string, action: string, token: string, body: unknown = {}) => http('POST', `/v1/tasks/${taskId}/${action}`, token, body);

describe('loop counters: a task’s first contact and first resolve', () => {
  test('counted once each, on the response’s day and rows; replays, second contacts and a reopen add nothing', async () => {
    const { task } = await detractorTask();
    expect(task.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ids = rowIds(loopTargets(task), [task.day!]);
    const before = await snapshot(ids);

    expect((await post(task.taskId, 'claim', agent)).status).toBe(200);
    expect((await post(task.taskId, 'claim', agent)).status).toBe(200); // replayed claim
    expect((await post(task.taskId, 'attempts', agent, { result: 'no_answer' })).status).toBe(200);
    await expectMoved(before, new Map());
    expect((await post(task.taskId, 'attempts', agent, { result: 'reached' })).status).toBe(200);
    const contacted: Expected = new Map();
    addExpected(contacted, loopTargets(task), task.day!, { [attr.contacted]: 1, [attr.firstContact(0)]: 1, [attr.slaMet]: 1 });
    await expectMoved(before, contacted);

    expect((await post(task.taskId, 'attempts', agent, { result: 'reached' })).status).toBe(200); // a second reached attempt
    await expectMoved(before, contacted);
    expect((await post(task.taskId, 'resolve', agent, { outcome: 'unreachable', rootCause: 'x' })).status).toBe(200);
    const all: Expected = new Map();
    addExpected(all, loopTargets(task), task.day!, { [attr.contacted]: 1, [attr.firstContact(0)]: 1, [attr.slaMet]: 1, [attr.resolved]: 1 });
    await expectMoved(before, all);

    // Reopened, contacted and resolved again: the same task of the same cohort — nothing more.
    expect((await post(task.taskId, 'reopen', supervisor, { note: '再次来电' })).status).toBe(200);
    expect((await post(task.taskId, 'claim', agent)).status).toBe(200);
    const again = await post(task.taskId, 'attempts', agent, { result: 'reached' });
    expect(again.status).toBe(200);
    expect((await rawTask(task.taskId))?.firstContactAt).toBeDefined(); // the new SLA clock stopped
    expect((await post(task.taskId, 'resolve', agent, { outcome: 'unreachable', rootCause: 'x' })).status).toBe(200);
    await expectMoved(before, all);

    // Recomputed from the raw task.
    const raw = (await rawTask(task.taskId))!;
    const recomputed: Expected = new Map();
    addExpected(recomputed, loopTargets(raw), raw.day!, loopCountersOf(raw));
    await expectMoved(before, recomputed);
  });

  test('an older task without a day: the day comes from submittedAt in the store’s zone; a late contact misses the SLA', async () => {
    const { task } = await detractorTask();
    const submittedAt = new Date(Date.now() - 2 * DAY_MS).toISOString();
    const createdAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await db.send(new UpdateCommand({
      TableName: TABLES.main, Key: keys.task(task.taskId),
      UpdateExpression: 'SET submittedAt = :s, createdAt = :c, dueAt = :d REMOVE #day',
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: { ':s': submittedAt, ':c': createdAt, ':d': new Date(Date.now() - 3_600_000).toISOString() },
    }));
    const day = zonedDay(new Date(submittedAt), task.timeZone);
    expect(day).not.toBe(task.day);
    const before = await snapshot(rowIds(loopTargets(task), [day, task.day!]));
    expect((await post(task.taskId, 'claim', agent)).status).toBe(200);
    expect((await post(task.taskId, 'attempts', agent, { result: 'reached' })).status).toBe(200);
    const expected: Expected = new Map();
    addExpected(expected, loopTargets(task), day, { [attr.contacted]: 1, [attr.firstContact(firstContactBucket(180))]: 1 });
    await expectMoved(before, expected);
    expect(firstContactBucket(180)).toBe(5);
  });

  test('a failed transaction leaves neither the first contact nor its count; the retry counts once', async () => {
    const { task } = await detractorTask();
    const before = await snapshot(rowIds(loopTargets(task), [task.day!]));
    expect((await post(task.taskId, 'claim', agent)).status).toBe(200);

    await failTransactions('throttle');
    expect((await post(task.taskId, 'attempts', agent, { result: 'reached' })).status).toBeGreaterThanOrEqual(500);
    await setDynamoDbFaults(stack.faultProxyEndpoint, { mode: 'none' });
    const untouched = (await rawTask(task.taskId))!;
    expect(untouched.firstContactAt).toBeUndefined();
    expect(untouched.timeline.some((e) => e.type === 'attempt')).toBe(false);
    await expectMoved(before, new Map());

    expect((await post(task.taskId, 'attempts', agent, { result: 'reached' })).status).toBe(200);
    const raw = (await rawTask(task.taskId))!;
    const expected: Expected = new Map();
    addExpected(expected, loopTargets(raw), raw.day!, loopCountersOf(raw));
    expect(expected.get(`store|${task.storeId}|${task.day}`)).toMatchObject({ [attr.contacted]: 1 });
    await expectMoved(before, expected);
  });

  test('a resolve whose answer is lost (committed, then retried by the SDK and the agent) counts once', async () => {
    const { task } = await detractorTask();
    const before = await snapshot(rowIds(loopTargets(task), [task.day!]));
    expect((await post(task.taskId, 'claim', agent)).status).toBe(200);
    expect((await post(task.taskId, 'attempts', agent, { result: 'reached' })).status).toBe(200);

    await failTransactions('lose-response');
    const lost = await post(task.taskId, 'resolve', agent, { outcome: 'unreachable', rootCause: 'x' });
    await setDynamoDbFaults(stack.faultProxyEndpoint, { mode: 'none' });
    expect(lost.status).toBeGreaterThanOrEqual(500);
    expect((await rawTask(task.taskId))?.status).toBe('resolved'); // the commit happened
    expect((await post(task.taskId, 'resolve', agent, { outcome: 'unreachable', rootCause: 'x' })).body.error.code).toBe('already_resolved');

    const raw = (await rawTask(task.taskId))!;
    const expected: Expected = new Map();
    addExpected(expected, loopTargets(raw), raw.day!, loopCountersOf(raw));
    expect(expected.get(`store|${task.storeId}|${task.day}`)).toMatchObject({ [attr.contacted]: 1, [attr.resolved]: 1 });
    await expectMoved(before, expected);
  });
});

// ---------- invitations: sent by the dispatcher, first opened by the consumer ----------

/** The sent / opened counters the raw invitations call for (only first surveys are counted). */
function invitationCountersOf(invitations: ReturnType<typeof ZInvitation.parse>[]): Expected {
  const expected: Expected = new Map();
  for (const inv of invitations) {
    const sent = inv.deliveries.find((d) => d.ok);
    if (inv.channel !== 'receipt' && inv.status === 'sent' && sent) {
      addExpected(expected, invitationTargets(inv), zonedDay(new Date(sent.at), 'Asia/Shanghai'), { [attr.invitations(inv.channel!, 'sent')]: 1 });
    }
    if (inv.openedAt) {
      const day = zonedDay(new Date(inv.openedAt), 'Asia/Shanghai');
      addExpected(expected, invitationTargets(inv), day, { [attr.invitations(inv.channel!, 'opened')]: 1, ...(inv.channel === 'receipt' ? { [attr.invitations('receipt', 'sent')]: 1 } : {}) });
    }
  }
  return expected;
}

const invitationRowIds = (invitations: { storeId: string; region: string; brandId: string; touchpoint: string }[], days: string[]) =>
  [...new Set(invitations.flatMap((inv) => rowIds(invitationTargets(inv), days)))];

/** Days an event of these tests can fall on: today and the next two (the dispatcher may run at a later send time). */
const nearDays = () => [0, 1, 2].map((d) => zonedDay(new Date(Date.now() + d * DAY_MS), 'Asia/Shanghai'));
const sameStore = { storeId: 'sh-001', region: 'east', brandId: BRAND };

describe('invitation counters', () => {
  test('the dispatcher counts each sent invitation once, by the channel that carried it; a second run and a replayed transition add nothing; a failed transaction leaves it "sending" and uncounted', async () => {
    // The suites share one stack: invitations other suites left scheduled are sent first, so this run sees only its own.
    await dispatch({ time: new Date(Date.now() + 3 * DAY_MS).toISOString() });
    const granted = unique('granted');
    await inspectPost('grant', { openid: devOpenId(granted), template_id: SURVEY_TEMPLATE_ID });
    const created = await Promise.all([
      trigger(triggerBody({ customer: { openid: devOpenId(granted) }, touchpoint: 'in_store' })), // subscribe message
      trigger(triggerBody({ customer: { openid: devOpenId(unique('no-quota')), phone: uniquePhone('136') }, touchpoint: 'pickup' })), // falls back to SMS
      trigger(triggerBody({ customer: { openid: devOpenId(unique('unreachable')) }, touchpoint: 'pickup' })), // fails: no quota, no phone
    ]);
    for (const c of created) expect(c.status).toBe(202);
    const ids = created.map((c) => String(c.body.invitationId));
    const before = await snapshot(invitationRowIds([{ ...sameStore, touchpoint: 'in_store' }, { ...sameStore, touchpoint: 'pickup' }], nearDays()));
    const at = new Date(Math.max(...created.map((c) => Date.parse(String(c.body.sendAt)))) + 1000).toISOString();

    const summary = await dispatch({ time: at });
    expect(summary).toMatchObject({ due: 3, sent: 2, failed: 1 });
    let raws = await Promise.all(ids.map(async (id) => (await rawInvitation(id))!));
    expect(raws.map((r) => [r.status, r.channel])).toEqual([['sent', 'subscribe_message'], ['sent', 'sms'], ['failed', 'subscribe_message']]);
    const expected = invitationCountersOf(raws);
    // Two sent, each on its 5 day rows (brand, region, store, touchpoint, store × touchpoint) and the brand's week row.
    expect([...expected.values()].reduce((n, inc) => n + Object.values(inc).reduce((a, b) => a + b, 0), 0)).toBe(2 * 6);
    await expectMoved(before, expected);

    expect(await dispatch({ time: at })).toMatchObject({ due: 0, sent: 0 });
    expect(await recordSent(raws[0], 'subscribe_message', [], zonedDay(new Date(at), 'Asia/Shanghai'))).toBe(false); // sent already
    await expectMoved(before, expected);

    // A failing transaction: the message went out, the invitation stays "sending", nothing counted.
    const other = unique('granted2');
    await inspectPost('grant', { openid: devOpenId(other), template_id: SURVEY_TEMPLATE_ID });
    const fifth = await trigger(triggerBody({ customer: { openid: devOpenId(other) } }));
    expect(fifth.status).toBe(202);
    await failTransactions('throttle');
    await expect(dispatch({ time: new Date(Date.parse(String(fifth.body.sendAt)) + 1000).toISOString() })).rejects.toThrow();
    await setDynamoDbFaults(stack.faultProxyEndpoint, { mode: 'none' });
    expect((await rawInvitation(String(fifth.body.invitationId)))?.status).toBe('sending');
    raws = await Promise.all([...ids, String(fifth.body.invitationId)].map(async (id) => (await rawInvitation(id))!));
    await expectMoved(before, invitationCountersOf(raws));
  });

  test('the first view of an open invitation counts "opened" (a receipt: "sent" too); later views, answered ones and a failed transaction add nothing', async () => {
    const before = await snapshot(invitationRowIds([{ ...sameStore, touchpoint: 'in_store' }], nearDays()));
    const session = await consumerSession();
    const first = await receiptInvitation();
    const second = await receiptInvitation();
    const answeredUnseen = await receiptInvitation();
    const view = (token: string) => call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session);

    expect((await view(first.token)).body.state).toBe('open');
    expect((await view(first.token)).status).toBe(200);
    expect((await view(first.token)).status).toBe(200);
    expect((await submit(session, answer(answeredUnseen.token, { nps: 9 }))).status).toBe(201);
    expect((await view(answeredUnseen.token)).body.state).toBe('answered');

    await failTransactions('throttle');
    expect((await view(second.token)).status).toBeGreaterThanOrEqual(500);
    await setDynamoDbFaults(stack.faultProxyEndpoint, { mode: 'none' });
    expect((await rawInvitation(second.invitationId))?.openedAt).toBeUndefined();
    const onlyFirst = invitationCountersOf([(await rawInvitation(first.invitationId))!]);
    await expectMoved(before, onlyFirst);

    expect((await view(second.token)).body.state).toBe('open');
    expect((await view(second.token)).status).toBe(200);
    const raws = await Promise.all([first, second, answeredUnseen].map(async (i) => (await rawInvitation(i.invitationId))!));
    expect(raws.map((r) => Boolean(r.openedAt))).toEqual([true, true, false]);
    const expected = invitationCountersOf(raws);
    expect(expected.get(`store|sh-001|${zonedDay(new Date(), 'Asia/Shanghai')}`)).toEqual({ 'i:receipt:opened': 2, 'i:receipt:sent': 2 });
    await expectMoved(before, expected);
  });
});

// ---------- repeat purchases ----------

interface Customer {
  invitationId: string;
  /** Later purchases (occurredAt) the test made. */
  purchases: string[];
}

/** The repeat counters the raw responses call for: the first later purchase within 90 (and 30) days. */
async function repeatCountersOf(customers: Customer[]): Promise<Expected> {
  const expected: Expected = new Map();
  for (const c of customers) {
    const response = (await rawResponse(c.invitationId))!;
    const gaps = c.purchases.map((p) => Date.parse(p) - Date.parse(response.submittedAt)).filter((g) => g > 0).sort((a, b) => a - b);
    const first = gaps[0];
    if (first === undefined || first > 90 * DAY_MS) continue;
    addExpected(expected, counterTargets(response), response.day, {
      [attr.repeatWithin(response.band, 90)]: 1, ...(first <= 30 * DAY_MS ? { [attr.repeatWithin(response.band, 30)]: 1 } : {}),
    });
  }
  return expected;
}

/** A surveyed purchase (receipt) of a customer with these identifiers, answered with `nps`. */
async function surveyedCustomer(customer: Record<string, string>, nps: number, answeredDaysAgo = 0): Promise<Customer> {
  const { invitationId, token } = await receiptInvitation({ customer, staffId: 'sh-001-wang', touchpoint: 'in_store' });
  expect((await submit(await consumerSession(), answer(token, { nps }))).status).toBe(201);
  if (answeredDaysAgo) {
    await db.send(new UpdateCommand({
      TableName: TABLES.responses, Key: keys.response(invitationId),
      UpdateExpression: 'SET submittedAt = :at', ExpressionAttributeValues: { ':at': new Date(Date.now() - answeredDaysAgo * DAY_MS).toISOString() },
    }));
  }
  return { invitationId, purchases: [] };
}

/** A later purchase of the customer (a receipt trigger, occurred now). */
async function buysAgain(c: Customer, customer: Record<string, string>, body = triggerBody({ channel: 'receipt', customer, occurredAt: new Date().toISOString() })) {
  const res = await trigger(body);
  c.purchases.push(String(body.occurredAt));
  return { res, body };
}

describe('repeat purchases', () => {
  const customerRows = () => {
    const response = { brandId: BRAND, region: 'east', storeId: 'sh-001', staffId: 'sh-001-wang', touchpoint: 'in_store' };
    return rowIds(counterTargets(response), [zonedDay(new Date(), 'Asia/Shanghai')]);
  };

  test('the first later purchase counts once per answer (30 and 90 days, or 90 only), by any identifier; retried and further triggers add nothing', async () => {
    const before = await snapshot(customerRows());
    const openid = devOpenId(unique('repeat'));
    const phone = uniquePhone();

    const promoter = await surveyedCustomer({ openid, phone }, 9);
    const { res, body } = await buysAgain(promoter, { phone });
    expect(res.status).toBe(202);
    expect((await trigger(body)).status).toBe(200); // the same trigger retried
    await buysAgain(promoter, { openid }); // the other identifier: the same answer, counted already
    await buysAgain(promoter, { openid, phone });

    const openid2 = devOpenId(unique('repeat40'));
    const day40 = await surveyedCustomer({ openid: openid2 }, 3, 40);
    await buysAgain(day40, { openid: openid2 });
    await buysAgain(day40, { openid: openid2 });

    const openid3 = devOpenId(unique('repeat100'));
    const tooLate = await surveyedCustomer({ openid: openid3 }, 7, 100);
    await buysAgain(tooLate, { openid: openid3 });

    const expected = await repeatCountersOf([promoter, day40, tooLate]);
    const store = expected.get(`store|sh-001|${zonedDay(new Date(), 'Asia/Shanghai')}`);
    expect(store).toEqual({ 'rp:promoter:30': 1, 'rp:promoter:90': 1, 'rp:detractor:90': 1 });
    expect(expected.get(`staff|sh-001-wang|${zonedDay(new Date(), 'Asia/Shanghai')}`)).toEqual(store);
    await expectMoved(before, expected);
    expect((await rawInvitation(promoter.invitationId))?.repeatCountedAt).toBe(promoter.purchases[0]);
  });

  test('a failed transaction answers an error and leaves neither the count nor the new invitation; the retried trigger counts once', async () => {
    const before = await snapshot(customerRows());
    const openid = devOpenId(unique('repeat-fail'));
    const customer = await surveyedCustomer({ openid }, 10);
    const body = triggerBody({ channel: 'receipt', customer: { openid }, occurredAt: new Date().toISOString() });

    await failTransactions('throttle');
    expect((await trigger(body)).status).toBeGreaterThanOrEqual(500);
    await setDynamoDbFaults(stack.faultProxyEndpoint, { mode: 'none' });
    await expectMoved(before, new Map());

    const { res } = await buysAgain(customer, { openid }, body);
    expect(res.status).toBe(202);
    expect((await trigger(body)).status).toBe(200);
    const expected = await repeatCountersOf([customer]);
    expect(expected.get(`store|sh-001|${zonedDay(new Date(), 'Asia/Shanghai')}`)).toEqual({ 'rp:promoter:30': 1, 'rp:promoter:90': 1 });
    await expectMoved(before, expected);
  });
});
