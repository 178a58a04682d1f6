/**
 * A person's data on request (issue 10 §2), over real HTTP and DynamoDB Local: one person seeded
 * across every kind of record — invitations by openid, phone and unionid (linked into one person by
 * triggers that carry two of them), answers with comments, a detractor's callback task with an
 * attempt note, notices and a recovery re-survey, a consumer session — then export (everything, no
 * identifier echoed), erase (asynchronous, audited), and a full read of every local table: no phone,
 * openid, unionid, sealed value or comment left; the only trace of the person's hashes is the
 * opt-out marker; every insight counter as it was; later triggers by any identifier suppressed.
 */
import { randomInt } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../functions/src/data/keys';
import { api, call, consumerSession, triggerBody, unique } from './helpers';
import { eventually } from './followup-helpers';
import { staffToken } from './insight-helpers';
import { postTrigger, type StoreCredentials } from '../functions/local/store-client';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { TABLES, db, dynamoClient } from '../functions/src/lib/dynamo';
import { blindIndex, invitationToken } from '../functions/src/lib/crypto';
import { runPendingErasures } from '../functions/src/privacy/erase';
import { queryAudit } from '../functions/src/data/audit-repo';

afterAll(() => dynamoClient.destroy());

const BRAND = 'demo-brand';
const storeId = unique('pv-store');
const shopper = unique('pv-shopper');
const openid = devOpenId(shopper);
const unionid = `u${unique('union').replace(/-/g, '')}`;
const phone = `139${String(randomInt(10_000_000, 99_999_999))}`;
const comments = [`隐私测试差评${unique('c')}，店员态度差`, `隐私测试好评${unique('c')}，服务很好`];
const agentNote = `客户说他的电话是 ${phone}，下午回电`;

let adminToken = '';
let otherAdminToken = '';
let credentials: StoreCredentials;
/** A second store with the default fatigue window: its trigger claims the contacts, which index the invitation (no PINV item). */
const fatigueStoreId = unique('pv-fatigue-store');
let fatigueCredentials: StoreCredentials;
let session = '';
const invitationIds: string[] = [];
let taskId = '';

/** Every item of every local table (a test-only Scan: this is what "no remnant" is checked against). */
async function everyItem(): Promise<{ table: string; item: Record<string, unknown> }[]> {
  const out: { table: string; item: Record<string, unknown> }[] = [];
  for (const table of Object.values(TABLES)) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
      out.push(...(page.Items ?? []).map((item) => ({ table, item })));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return out;
}

const hashes = { openid: blindIndex('openid', openid), unionid: blindIndex('unionid', unionid), phone: blindIndex('phone', phone) };

async function storeTrigger(customer: Partial<Record<'openid' | 'phone' | 'unionid', string>>, extra: Record<string, unknown> = {}, at = { storeId, credentials }) {
  const res = await postTrigger(api, at.credentials, triggerBody({ storeId: at.storeId, staffId: undefined, customer, ...extra }));
  expect([200, 202]).toContain(res.status);
  return res.body;
}

async function answerInvitation(invitationId: string, answers: Record<string, unknown>) {
  const res = await call('POST', '/v1/responses', session, { invitationToken: invitationToken(invitationId), clientResponseId: unique('client'), answers });
  expect(res.status).toBe(201);
  return res.body.responseId as string;
}

async function counterRowsOfStore(): Promise<Record<string, unknown>[]> {
  // A Query of the store's own partition: a filtered Scan reads one 1 MB page and, once earlier suites have
  // filled the table, returns none of the store's rows.
  const page = await db.send(new QueryCommand({ TableName: TABLES.insight, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.counterPartition(BRAND, 'store', storeId) } }));
  return (page.Items ?? []).map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('w:'))));
}

beforeAll(async () => {
  adminToken = await staffToken(BRAND, unique('pv-admin'), 'admin', { allRegions: true });
  otherAdminToken = await staffToken(unique('pv-other-brand'), unique('pv-other-admin'), 'admin', { allRegions: true });
  // A store of its own (no fatigue, no delay, no quiet hours), so one person gets several invitations.
  const created = await call('POST', '/v1/admin/stores', adminToken, {
    storeId, name: 'Privacy test store', region: 'pv-region', timeZone: 'Asia/Shanghai', policy: { fatigueDays: 0, sendDelayMinutes: 0, quietHours: null },
  });
  expect(created.status).toBe(201);
  const issued = await call('POST', `/v1/admin/stores/${storeId}/keys`, adminToken);
  expect(issued.status).toBe(201);
  credentials = { keyId: issued.body.keyId, secret: issued.body.secret };
  expect((await call('POST', '/v1/admin/stores', adminToken, { storeId: fatigueStoreId, name: 'Privacy test store (fatigue)', region: 'pv-region', timeZone: 'Asia/Shanghai' })).status).toBe(201);
  const fatigueKey = await call('POST', `/v1/admin/stores/${fatigueStoreId}/keys`, adminToken);
  fatigueCredentials = { keyId: fatigueKey.body.keyId, secret: fatigueKey.body.secret };
  session = await consumerSession(shopper);

  // 1. openid + phone (linked): a detractor's answer with a comment → a callback task.
  invitationIds.push(String((await storeTrigger({ openid, phone })).invitationId));
  const detractor = await answerInvitation(invitationIds[0], { nps: 2, comment: comments[0] });
  // 2. phone only, a receipt: a promoter's answer with a comment.
  invitationIds.push(String((await storeTrigger({ phone }, { channel: 'receipt' })).invitationId));
  await answerInvitation(invitationIds[1], { nps: 10, comment: comments[1] });
  // 3. unionid + phone: the unionid joins the person. 4. openid only.
  invitationIds.push(String((await storeTrigger({ unionid, phone })).invitationId));
  invitationIds.push(String((await storeTrigger({ openid })).invitationId));
  // 5. openid + phone at a store with a fatigue window: indexed in both contact items, not in a PINV item.
  const claimed = await storeTrigger({ openid, phone }, {}, { storeId: fatigueStoreId, credentials: fatigueCredentials });
  expect(claimed.status).toBe('scheduled');
  invitationIds.push(String(claimed.invitationId));

  // The task (follow-up, from the stream), an attempt with a note, resolved with a recovery re-survey.
  const task = await eventually(async () => {
    const res = await call('GET', `/v1/tasks/${detractor}`, adminToken);
    return res.status === 200 ? res.body : undefined;
  }, 15_000);
  expect(task.value).toBeDefined();
  taskId = detractor;
  expect((await call('POST', `/v1/tasks/${taskId}/claim`, adminToken)).status).toBe(200);
  expect((await call('POST', `/v1/tasks/${taskId}/attempts`, adminToken, { result: 'reached', note: agentNote })).status).toBe(200);
  const resolved = await call('POST', `/v1/tasks/${taskId}/resolve`, adminToken, { outcome: 'resolved', rootCause: 'service', note: agentNote, resurvey: true });
  expect(resolved.status).toBe(200);
}, 60_000);

describe('export', () => {
  test('by phone, openid or unionid: every invitation, response, task and notice of the person, no identifier in it', async () => {
    const byPhone = await call('POST', '/v1/admin/privacy/export', adminToken, { phone });
    expect(byPhone.status).toBe(200);
    const body = byPhone.body;
    const ids = body.invitations.map((i: { invitationId: string }) => i.invitationId);
    for (const id of invitationIds) expect(ids).toContain(id);
    // The recovery re-survey the resolve sent (found through the task, not an index).
    expect(body.invitations.some((i: { kind: string }) => i.kind === 'recovery')).toBe(true);
    expect(body.responses.map((r: { answers: { comment?: string } }) => r.answers.comment).sort()).toEqual([...comments].sort());
    expect(body.tasks).toHaveLength(1);
    expect(body.tasks[0].timeline.some((e: { note?: string }) => e.note === agentNote)).toBe(true);
    expect(body.notices.length).toBeGreaterThan(0);
    expect(body.identifiers).toBe(3);
    const text = JSON.stringify(body);
    expect(text).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    for (const secret of [openid, unionid, ...Object.values(hashes)]) expect(text).not.toContain(secret);
    // The phone only where the agent wrote it into a note (the person's own data, as written).
    expect(text.split(agentNote).join('')).not.toContain(phone);

    for (const lookup of [{ openid }, { unionid }]) {
      const other = await call('POST', '/v1/admin/privacy/export', adminToken, lookup);
      expect(other.status).toBe(200);
      expect(other.body.invitations.map((i: { invitationId: string }) => i.invitationId).sort()).toEqual([...ids].sort());
    }
  });

  test('404 for nobody, 400 without exactly one identifier, 404 for another brand (its person is not there)', async () => {
    expect((await call('POST', '/v1/admin/privacy/export', adminToken, { phone: '13000000000' })).status).toBe(404);
    const two = await call('POST', '/v1/admin/privacy/export', adminToken, { phone, openid });
    expect(two.status).toBe(400);
    expect((await call('POST', '/v1/admin/privacy/export', adminToken, { email: 'x@y.z' })).status).toBe(400);
    expect((await call('POST', '/v1/admin/privacy/export', otherAdminToken, { phone })).status).toBe(404);
  });
});

describe('erase', () => {
  test('afterwards no record holds the phone, openid, unionid, a sealed value or a comment; counters unchanged; suppressed by every identifier', async () => {
    const before = await everyItem();
    const mine = (entry: { item: Record<string, unknown> }) => {
      const text = JSON.stringify(entry.item);
      return Object.values(hashes).some((h) => text.includes(h)) || invitationIds.some((id) => text.includes(id)) || text.includes(taskId);
    };
    const sealed = before.filter(mine).flatMap(({ item }) =>
      Object.entries(item).filter(([k, v]) => /Sealed$/.test(k) && typeof v === 'string').map(([, v]) => String(v)),
    );
    expect(sealed.length).toBeGreaterThanOrEqual(5);
    // The aggregation has counted both answers; nothing below may change that.
    // Both answers (and the re-survey) counted, and nothing moving any more: two reads a second apart agree.
    const npsAnswers = (rows: Record<string, unknown>[]) => rows.reduce((n, row) => n + Object.entries(row).reduce((a, [k, v]) => a + (/^n\d+$/.test(k) ? Number(v) : 0), 0), 0);
    const counted = await eventually(async () => {
      const first = await counterRowsOfStore();
      await new Promise((r) => setTimeout(r, 1000));
      const second = await counterRowsOfStore();
      return npsAnswers(second) >= 2 && JSON.stringify(first) === JSON.stringify(second) ? second : undefined;
    }, 40_000); // the aggregate poller may still be working through what earlier suites wrote
    const countersBefore = counted.value;
    expect(countersBefore).toBeDefined();

    const accepted = await call('POST', '/v1/admin/privacy/erase', adminToken, { openid });
    expect(accepted.status).toBe(202);
    const { requestId } = accepted.body;
    expect((await call('GET', `/v1/admin/privacy/requests/${requestId}`, adminToken)).body.status).toBe('pending');
    expect((await call('GET', `/v1/admin/privacy/requests/${requestId}`, otherAdminToken)).status).toBe(404);

    await runPendingErasures();
    const status = await call('GET', `/v1/admin/privacy/requests/${requestId}`, adminToken);
    expect(status.body).toMatchObject({ status: 'done', counts: { invitations: 6, responses: 2, tasks: 1, sessions: 1, identifiers: 3 } });

    const after = await everyItem();
    const remnants = after.filter(({ item }) => {
      const text = JSON.stringify(item);
      return [phone, openid, unionid, ...comments, ...sealed].some((value) => text.includes(value));
    });
    expect(remnants).toEqual([]);
    // The hashes only as the keys of the opt-out markers (hash-only items).
    const hashed = after.filter(({ item }) => Object.values(hashes).some((h) => JSON.stringify(item).includes(h)));
    expect(hashed.map(({ item }) => String(item.pk).split('#')[0]).sort()).toEqual(['OPTOUT', 'OPTOUT', 'OPTOUT']);
    for (const { item } of hashed) expect(Object.keys(item).sort()).toEqual(['optedOutAt', 'pk', 'sk']);
    // The person's invitation ids only on the records themselves (invitation, its order, response, task:
    // none holds an identifier now), never in an index (PINV item, a contact's set).
    const byId = after.filter(({ item }) => invitationIds.some((id) => JSON.stringify(item).includes(id)));
    expect(new Set(byId.map(({ item }) => String(item.pk).split('#')[0]))).toEqual(new Set(['INV', 'RESP', 'TASK']));

    // Comments and notes are markers; the session is revoked.
    const task = await call('GET', `/v1/tasks/${taskId}`, adminToken);
    expect(task.body.answers.comment).toBe('[已删除]');
    expect(task.body.timeline.filter((e: { note?: string }) => e.note).every((e: { note: string }) => e.note === '[已删除]')).toBe(true);
    expect((await call('POST', '/v1/opt-out', session, { invitationToken: invitationToken(invitationIds[0]) })).status).toBe(401);

    // The MODIFYs of the erased responses went through the stream: give the pollers time, then compare.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await counterRowsOfStore()).toEqual(countersBefore);

    // Audited, with no identifier in the entries.
    const audit = (await queryAudit(BRAND, 50)).items.filter((e) => e.target === `privacy:${requestId}`);
    expect(audit.map((e) => e.action).sort()).toEqual(['privacy.erase', 'privacy.erased']);
    expect(JSON.stringify(audit)).not.toContain(openid);

    expect((await call('POST', '/v1/admin/privacy/export', adminToken, { phone })).status).toBe(404);

    // Erase twice: the same result (nothing left to remove, the markers stay).
    const again = await call('POST', '/v1/admin/privacy/erase', adminToken, { phone });
    expect(again.status).toBe(202);
    await runPendingErasures();
    expect((await call('GET', `/v1/admin/privacy/requests/${again.body.requestId}`, adminToken)).body.status).toBe('done');
    const afterTwice = await everyItem();
    expect(afterTwice.filter(({ item }) => Object.values(hashes).some((h) => JSON.stringify(item).includes(h))).length).toBe(3);

    // Every identifier alone, and two together, is suppressed as opted out, on every channel.
    for (const customer of [{ openid }, { phone }, { unionid }, { openid, phone }]) {
      expect(await storeTrigger(customer)).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    }
    expect(await storeTrigger({ phone }, { channel: 'receipt' })).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
  }, 120_000);

  test('the admin can opt a person back in on their request (audited)', async () => {
    const res = await call('POST', '/v1/admin/privacy/opt-in', adminToken, { phone });
    expect(res.status).toBe(200);
    // The phone and the openid were linked again by the suppressed openid + phone trigger after the
    // erasure: both are back; the unionid (not linked since) stays opted out.
    expect(res.body.identifiers).toBe(2);
    expect(await storeTrigger({ phone })).toMatchObject({ status: 'scheduled' });
    expect(await storeTrigger({ openid })).toMatchObject({ status: 'scheduled' });
    expect(await storeTrigger({ unionid })).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    const audit = (await queryAudit(BRAND, 20)).items.find((e) => e.action === 'privacy.opt_in');
    expect(audit).toBeDefined();
  });
});

test('non-admin roles are refused (403) on every privacy route', async () => {
  const manager = await staffToken(BRAND, unique('pv-manager'), 'manager', { allRegions: true });
  for (const [method, path] of [['POST', '/v1/admin/privacy/export'], ['POST', '/v1/admin/privacy/erase'], ['POST', '/v1/admin/privacy/opt-in'], ['GET', '/v1/admin/privacy/requests/01J00000000000000000000000']]) {
    const res = await call(method, path, manager, method === 'POST' ? { phone } : undefined);
    expect(res.status).toBe(403);
  }
});
