/**
 * Brand admin → stores, their API keys, the audit log, touchpoints — over real HTTP against the
 * local stack. The rules: admin role only (403 forbidden_role, audited), own brand only (404),
 * every change audited with before/after and never a secret, a bad CSV row reported with its
 * line and field and never applied, a revoked key refused within the key cache's TTL (2 s in the
 * test stack; the config schema refuses more than 60 s).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ZBrand, ZSurveyDefinition } from '@xinsheng/shared';
import { DEMO_SURVEY, DEMO_TOUCHPOINTS } from '../functions/local/demo-brand';
import { postTrigger } from '../functions/local/store-client';
import { takeApiCapacity } from '../functions/local/dynamodb-fault-proxy';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { ZConfig } from '../functions/src/lib/config';
import { TABLES, db, dynamoClient } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { putStaff } from '../functions/src/data/staff-repo';
import { hashPassword } from '../functions/src/staff/passwords';
import type { StaffRole } from '@xinsheng/shared';
import { api, call, stack, storeKey, unique } from './helpers';
import { eventually } from './followup-helpers';

afterAll(() => dynamoClient.destroy());

const PASSWORD = 'admin-stores-password-1';
const run = unique('as').replace(/-/g, '').slice(0, 10);
const tokens: Record<string, string> = {};

async function login(staffId: string, role: StaffRole, brandId: string): Promise<string> {
  await putStaff({ staffId, brandId, name: staffId, role, scope: { allRegions: true, regions: [], stores: [] }, passwordHash: await hashPassword(PASSWORD), disabled: false, createdAt: new Date().toISOString() });
  const res = await call('POST', '/v1/staff/login', undefined, { username: staffId, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${staffId}: ${res.status}`);
  return res.body.token;
}

/** A brand of its own (with the demo's survey and touchpoints), so its hundreds of stores touch no other test's brand. */
const BRAND = `as-${run}`;

beforeAll(async () => {
  const surveyId = `${BRAND}-survey`;
  const brand = ZBrand.parse({ brandId: BRAND, name: BRAND, defaultSurveyId: surveyId, touchpoints: DEMO_TOUCHPOINTS });
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.brand(BRAND), ...brand } }));
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.surveyVersion(surveyId, 1), ...ZSurveyDefinition.parse({ ...DEMO_SURVEY, surveyId, brandId: BRAND }) } }));
  tokens.admin = await login(`as-admin-${run}`, 'admin', BRAND);
  tokens.manager = await login(`as-manager-${run}`, 'manager', BRAND);
  tokens.otherAdmin = await login(`as-other-${run}`, 'admin', `other-${run}`);
});

const admin = (method: string, path: string, body?: unknown, who = 'admin') => call(method, path, tokens[who], body);
const storeBody = (storeId: string, extra: Record<string, unknown> = {}) => ({ storeId, name: `测试店 ${storeId}`, region: 'north', timeZone: 'Asia/Shanghai', ...extra });

async function auditEntries(who = 'admin', pageSize = 100): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const res = await admin('GET', `/v1/admin/audit?limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, who);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor && items.length < 2000);
  return items;
}

async function importCsv(csv: string, who = 'admin') {
  const res = await fetch(`${api}/v1/admin/stores/import`, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8', authorization: `Bearer ${tokens[who]}` }, body: csv });
  return { status: res.status, body: (await res.json()) as any };
}

const triggerFor = (storeId: string, touchpoint = 'purchase') => ({
  storeId,
  orderId: unique('order'),
  touchpoint,
  occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  customer: { openid: devOpenId(unique('shopper')) },
  channel: 'receipt',
});

describe('stores', () => {
  const id = `bj-${run}`;

  test('create → 201 with the store; the same id again → 409; a bad time zone → 400 naming it', async () => {
    const created = await admin('POST', '/v1/admin/stores', storeBody(id, { staffIds: [`${id}-a`], policy: { fatigueDays: 14 } }));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ storeId: id, name: `测试店 ${id}`, region: 'north', timeZone: 'Asia/Shanghai', staffIds: [`${id}-a`], policy: { fatigueDays: 14 } });
    const again = await admin('POST', '/v1/admin/stores', storeBody(id));
    expect({ status: again.status, code: again.body.error.code }).toEqual({ status: 409, code: 'conflict' });
    for (const timeZone of ['Mars/Olympus', '+08:00', 'asia/shanghai']) {
      const bad = await admin('POST', '/v1/admin/stores', storeBody(`${id}-tz`, { timeZone }));
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: any) => d.path.join('.'))).toEqual(['body.timeZone']);
    }
  });

  test('edit: the fields given change, the rest stay; list finds it by id, by name and by region; another brand sees 404 and an empty list', async () => {
    const edited = await admin('PUT', `/v1/admin/stores/${id}`, { name: '北京国贸店', region: 'capital' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ storeId: id, name: '北京国贸店', region: 'capital', timeZone: 'Asia/Shanghai', policy: { fatigueDays: 14 } });
    const byName = await admin('GET', `/v1/admin/stores?q=${encodeURIComponent('国贸')}`);
    expect(byName.body.items.map((s: any) => s.storeId)).toContain(id);
    const byId = await admin('GET', `/v1/admin/stores?q=${id.toUpperCase()}`);
    expect(byId.body.items.map((s: any) => s.storeId)).toEqual([id]);
    const byRegion = await admin('GET', `/v1/admin/stores?q=capital&limit=200`);
    expect(byRegion.body.items.map((s: any) => s.storeId)).toContain(id);
    expect(byRegion.body.items.every((s: any) => s.region.includes('capital') || `${s.storeId} ${s.name}`.toLowerCase().includes('capital'))).toBe(true);
    expect((await admin('PUT', `/v1/admin/stores/${id}`, { name: 'x' }, 'otherAdmin')).status).toBe(404);
    expect((await admin('PUT', `/v1/admin/stores/nope-${run}`, { name: 'x' })).status).toBe(404);
    expect((await admin('GET', `/v1/admin/stores?q=${id}`, undefined, 'otherAdmin')).body.items).toEqual([]);
    expect((await admin('PUT', `/v1/admin/stores/${id}`, {})).status).toBe(400);
  });

  test('the list pages by id with an opaque cursor; a cursor of another list is a 400', async () => {
    for (const n of [1, 2, 3]) expect((await admin('POST', '/v1/admin/stores', storeBody(`pg-${run}-${n}`))).status).toBe(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await admin('GET', `/v1/admin/stores?q=pg-${run}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.items.map((s: any) => s.storeId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([1, 2, 3].map((n) => `pg-${run}-${n}`));
    const page = await admin('GET', '/v1/admin/stores?limit=1');
    const foreign = await admin('GET', `/v1/admin/stores?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, undefined, 'otherAdmin');
    expect({ status: foreign.status, path: foreign.body.error.details[0].path }).toEqual({ status: 400, path: ['query', 'cursor'] });
  });

  test('CSV import: good rows apply, each bad row is reported with its line and field and not applied, a re-import updates', async () => {
    const taken = `ob-${run}`;
    expect((await admin('POST', '/v1/admin/stores', storeBody(taken), 'otherAdmin')).status).toBe(201);
    const rows = Array.from({ length: 300 }, (_, i) => `im-${run}-${i},"导入店 ${i}, 一号",east,Asia/Shanghai,im-${i}-a;im-${i}-b`);
    const csv = [
      'storeId,name,region,timeZone,staffIds',
      ...rows,
      `im-${run}-bad-tz,坏时区,east,Mars/Olympus,`, // line 302
      `im-${run}-no-name,,east,Asia/Shanghai,`, // 303
      `im-${run}-short,缺列,east`, // 304
      `im-${run}-0,重复,east,Asia/Shanghai,`, // 305: already on line 2
      `${taken},别家的店,east,Asia/Shanghai,`, // 306: another brand's id
      `bad id ${run},空格,east,Asia/Shanghai,`, // 307
    ].join('\r\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(300);
    expect(res.body.updated).toBe(0);
    expect(res.body.errors.map((e: any) => [e.line, e.field])).toEqual([
      [302, 'timeZone'],
      [303, 'name'],
      [304, 'row'],
      [305, 'storeId'],
      [306, 'storeId'],
      [307, 'storeId'],
    ]);
    const listed = await admin('GET', `/v1/admin/stores?q=im-${run}&limit=200`);
    const all: string[] = listed.body.items.map((s: any) => s.storeId);
    expect(all).not.toContain(`im-${run}-bad-tz`);
    expect(all).not.toContain(`im-${run}-no-name`);
    expect(all).not.toContain(`im-${run}-short`);
    expect(listed.body.items.find((s: any) => s.storeId === `im-${run}-0`)).toMatchObject({ name: '导入店 0, 一号', staffIds: ['im-0-a', 'im-0-b'] });
    // The other brand's store is untouched; this brand cannot see it.
    expect((await admin('GET', `/v1/admin/stores?q=${taken}`, undefined, 'otherAdmin')).body.items[0]).toMatchObject({ name: `测试店 ${taken}`, region: 'north' });

    const again = await importCsv(`storeid,name,region,timezone\nim-${run}-1,改名,south,Asia/Urumqi\nim-${run}-new,新店,south,UTC\n`);
    expect(again.body).toEqual({ created: 1, updated: 1, errors: [] });
    const updated = (await admin('GET', `/v1/admin/stores?q=im-${run}-1`)).body.items.find((s: any) => s.storeId === `im-${run}-1`);
    // No staffIds column: the store keeps its staff.
    expect(updated).toMatchObject({ name: '改名', region: 'south', timeZone: 'Asia/Urumqi', staffIds: ['im-1-a', 'im-1-b'] });

    const header = await importCsv('storeId,name,region\nx,y,z');
    expect(header.body).toEqual({ created: 0, updated: 0, errors: [{ line: 1, field: 'header', message: 'missing column(s): timeZone' }] });
    const notCsv = await admin('POST', '/v1/admin/stores/import', { storeId: 'x' });
    expect(notCsv.status).toBe(400);
  });
});

describe('store API keys', () => {
  const storeId = `key-${run}`;
  let first: { keyId: string; secret: string };
  let second: { keyId: string; secret: string };

  beforeAll(async () => {
    expect((await admin('POST', '/v1/admin/stores', storeBody(storeId))).status).toBe(201);
  });

  test('issue → the secret once; a signed trigger with it works; the list shows created and last used, never a secret', async () => {
    const issued = await admin('POST', `/v1/admin/stores/${storeId}/keys`);
    expect(issued.status).toBe(201);
    first = issued.body;
    expect(first.secret.length).toBeGreaterThanOrEqual(40);
    const res = await postTrigger(api, first, triggerFor(storeId));
    expect(res.status).toBe(202);
    const list = await admin('GET', `/v1/admin/stores/${storeId}/keys`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([{ keyId: first.keyId, createdAt: expect.any(String), lastUsedAt: expect.any(String), revokedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(first.secret);
    expect(JSON.stringify(list.body)).not.toMatch(/secret|sealed/i);
  });

  test('rotation: a second live key works beside the first; a third is refused until one is revoked', async () => {
    second = (await admin('POST', `/v1/admin/stores/${storeId}/keys`)).body;
    expect((await postTrigger(api, second, triggerFor(storeId))).status).toBe(202);
    expect((await postTrigger(api, first, triggerFor(storeId))).status).toBe(202);
    const third = await admin('POST', `/v1/admin/stores/${storeId}/keys`);
    expect(third.status).toBe(409);
  });

  test('revoke → the next trigger with that key is refused (401) within the cache TTL; the other key keeps working', async () => {
    expect(await postTrigger(api, first, triggerFor(storeId)).then((r) => r.status)).toBe(202); // cached as live
    const revoked = await admin('POST', `/v1/admin/keys/${first.keyId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ keyId: first.keyId, revokedAt: expect.any(String) });
    const ttl = Number(stack.env.XS_STORE_KEY_CACHE_SECONDS);
    expect(ttl).toBe(2);
    const refused = await eventually(async () => {
      const res = await postTrigger(api, first, triggerFor(storeId));
      return res.status === 401 ? res : undefined;
    }, (ttl + 3) * 1000, 250);
    expect(refused.value?.status).toBe(401);
    expect(refused.ms).toBeLessThanOrEqual((ttl + 3) * 1000);
    expect((await postTrigger(api, second, triggerFor(storeId))).status).toBe(202);
    // Revoking again changes nothing; a third key may now be issued (two live again).
    expect((await admin('POST', `/v1/admin/keys/${first.keyId}/revoke`)).body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await admin('POST', `/v1/admin/stores/${storeId}/keys`)).status).toBe(201);
    const list = (await admin('GET', `/v1/admin/stores/${storeId}/keys`)).body.items;
    expect(list.map((k: any) => [k.keyId, k.revokedAt === null])).toEqual(expect.arrayContaining([[first.keyId, false], [second.keyId, true]]));
  });

  test('a key’s last use costs one update the first time (2 units: the key and its gsi1 list entry), none on later triggers (receipt trigger: nonce + invitation = 2)', async () => {
    const rotated = (await admin('POST', `/v1/admin/stores/${storeId}/keys`)).status;
    expect(rotated).toBe(409); // two live keys: the meter test uses a fresh store
    const fresh = `kc-${run}`;
    expect((await admin('POST', '/v1/admin/stores', storeBody(fresh))).status).toBe(201);
    const key = (await admin('POST', `/v1/admin/stores/${fresh}/keys`)).body;
    const receipt = () => ({ ...triggerFor(fresh), customer: {} });
    await takeApiCapacity(stack.faultProxyEndpoint!);
    expect((await postTrigger(api, key, receipt())).status).toBe(202);
    expect((await takeApiCapacity(stack.faultProxyEndpoint!)).write).toBe(2 + 2);
    for (let i = 0; i < 3; i++) expect((await postTrigger(api, key, receipt())).status).toBe(202);
    expect((await takeApiCapacity(stack.faultProxyEndpoint!)).write).toBe(3 * 2);
    const [listed] = (await admin('GET', `/v1/admin/stores/${fresh}/keys`)).body.items;
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  test('the 60 s bound is configuration: the key cache TTL defaults to 30 s and cannot be set above 60', () => {
    expect(ZConfig.shape.XS_STORE_KEY_CACHE_SECONDS.parse(undefined)).toBe(30);
    expect(ZConfig.shape.XS_STORE_KEY_CACHE_SECONDS.safeParse('60').success).toBe(true);
    expect(ZConfig.shape.XS_STORE_KEY_CACHE_SECONDS.safeParse('61').success).toBe(false);
  });

  test('another brand: 404 for the store’s keys and for revoking its key', async () => {
    expect((await admin('GET', `/v1/admin/stores/${storeId}/keys`, undefined, 'otherAdmin')).status).toBe(404);
    expect((await admin('POST', `/v1/admin/stores/${storeId}/keys`, undefined, 'otherAdmin')).status).toBe(404);
    expect((await admin('POST', `/v1/admin/keys/${second.keyId}/revoke`, undefined, 'otherAdmin')).status).toBe(404);
    expect((await postTrigger(api, second, triggerFor(storeId))).status).toBe(202);
  });
});

describe('touchpoints', () => {
  test('a trigger with a touchpoint the brand does not have → 400 naming touchpoint and listing the brand’s; the demo’s purchase, pickup, delivery and the old ids work', async () => {
    const storeId = `tp-${run}`;
    expect((await admin('POST', '/v1/admin/stores', storeBody(storeId))).status).toBe(201);
    const key = (await admin('POST', `/v1/admin/stores/${storeId}/keys`)).body;
    const bad = await postTrigger(api, key, triggerFor(storeId, 'repair'));
    expect(bad.status).toBe(400);
    expect((bad.body as any).error.details).toEqual([{ path: ['body', 'touchpoint'], message: expect.stringContaining('purchase, pickup, delivery') }]);
    const many = await postTrigger(api, key, { ...triggerFor(storeId, 'repair'), occurredAt: 'yesterday' });
    expect((many.body as any).error.details.map((d: any) => d.path.join('.')).sort()).toEqual(['body.occurredAt', 'body.touchpoint']);
    for (const touchpoint of ['purchase', 'pickup', 'delivery', 'in_store']) expect((await postTrigger(api, key, triggerFor(storeId, touchpoint))).status).toBe(202);
  });

  test('the demo brand (seeded): purchase, pickup and delivery are its touchpoints; an unknown one is a 400 listing them', async () => {
    for (const touchpoint of ['purchase', 'pickup', 'delivery']) expect((await postTrigger(api, storeKey('sh-001'), triggerFor('sh-001', touchpoint))).status).toBe(202);
    const bad = await postTrigger(api, storeKey('sh-001'), triggerFor('sh-001', 'repair'));
    expect(bad.status).toBe(400);
    expect((bad.body as any).error.details[0]).toMatchObject({ path: ['body', 'touchpoint'], message: expect.stringMatching(/purchase, pickup, delivery/) });
  });
});

describe('admin role and audit', () => {
  test('other roles: 403 forbidden_role on every admin route, and the attempt is in the audit log', async () => {
    for (const [method, path] of [
      ['GET', '/v1/admin/stores'],
      ['POST', '/v1/admin/stores'],
      ['PUT', `/v1/admin/stores/bj-${run}`],
      ['GET', `/v1/admin/stores/bj-${run}/keys`],
      ['POST', `/v1/admin/keys/k-anything/revoke`],
      ['GET', '/v1/admin/audit'],
    ]) {
      const res = await admin(method, path, method === 'GET' ? undefined : {}, 'manager');
      expect({ path, status: res.status, code: res.body.error.code }).toEqual({ path, status: 403, code: 'forbidden_role' });
    }
    expect((await admin('GET', '/v1/admin/stores', undefined, 'none')).status).toBe(401);
    const denied = (await auditEntries()).filter((e) => e.action === 'admin.denied' && e.actor === `as-manager-${run}`);
    expect(denied.map((e) => e.target)).toEqual(expect.arrayContaining(['GET /v1/admin/stores', `PUT /v1/admin/stores/bj-${run}`, 'GET /v1/admin/audit']));
    expect(denied[0].after).toEqual({ role: 'manager' });
  });

  test('every change is in the audit log, newest first, with who, what, before and after; never a secret; only the own brand’s', async () => {
    const storeId = `au-${run}`;
    expect((await admin('POST', '/v1/admin/stores', storeBody(storeId))).status).toBe(201);
    expect((await admin('PUT', `/v1/admin/stores/${storeId}`, { name: '改过的名字' })).status).toBe(200);
    const key = (await admin('POST', `/v1/admin/stores/${storeId}/keys`)).body;
    expect((await admin('POST', `/v1/admin/keys/${key.keyId}/revoke`)).status).toBe(200);

    const entries = await auditEntries('admin', 7);
    const mine = entries.filter((e) => e.target === `store:${storeId}` || e.target === `key:${key.keyId}`);
    expect(mine.map((e) => e.action)).toEqual(['key.revoke', 'key.issue', 'store.update', 'store.create']);
    const [revoke, issue, update, create] = mine;
    expect(create).toMatchObject({ actor: `as-admin-${run}`, before: null, after: { storeId, name: `测试店 ${storeId}` } });
    expect(update).toMatchObject({ before: { name: `测试店 ${storeId}` }, after: { name: '改过的名字' } });
    expect(issue.after).toMatchObject({ keyId: key.keyId, storeId, revokedAt: null });
    expect(revoke).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    for (let i = 1; i < entries.length; i++) expect(entries[i - 1].at >= entries[i].at).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(key.secret);
    expect(JSON.stringify(entries)).not.toMatch(/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\./); // no sealed value either

    const imported = entries.filter((e) => e.target === `store:im-${run}-1`).map((e) => e.action);
    expect(imported).toEqual(['store.update', 'store.create']);
    const others = await auditEntries('otherAdmin');
    expect(others.every((e) => e.actor === `as-other-${run}`)).toBe(true);
    expect(others.some((e) => e.target === `store:ob-${run}`)).toBe(true);
  });
});
