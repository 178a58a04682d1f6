/**
 * The scope matrix: every staff endpoint × every role (and a store-scoped agent) × a task in and
 * out of the caller's scope, over real HTTP. The rule under test (functions/src/staff/scope.ts):
 * out of scope → 404 on every endpoint (the task does not exist for you; lists leave it out);
 * in scope but not for your role → 403; otherwise the action succeeds.
 * The insight routes (GET /v1/metrics/*) follow the same scope with one difference the contract
 * asks for: an explicit filter outside the caller's scope is a 403 (`out_of_scope`); another brand's
 * ids do not exist for them (404); agents may not read them at all (403 `forbidden_role`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulidx';
import { ZResponseRecord, type StaffRole } from '@xinsheng/shared';
import { http, listAllTasks, stack } from './followup-helpers';
import { dynamoClient } from '../functions/src/lib/dynamo';
import { encrypt } from '../functions/src/lib/crypto';
import { putStaff } from '../functions/src/data/staff-repo';
import { putStore } from '../functions/src/data/catalog-repo';
import { hashPassword } from '../functions/src/staff/passwords';
import type { TaskAction } from '../functions/src/staff/scope';
import { createFollowUpHandler } from '../functions/src/followup/on-response-stream';

void stack;
afterAll(() => dynamoClient.destroy());

type Endpoint = { action: TaskAction; method: 'GET' | 'POST'; path: (id: string) => string; body?: Record<string, unknown> };

const ENDPOINTS: Endpoint[] = [
  { action: 'list', method: 'GET', path: () => '/v1/tasks' },
  { action: 'read', method: 'GET', path: (id) => `/v1/tasks/${id}` },
  { action: 'claim', method: 'POST', path: (id) => `/v1/tasks/${id}/claim` },
  { action: 'attempt', method: 'POST', path: (id) => `/v1/tasks/${id}/attempts`, body: { result: 'no_answer' } },
  { action: 'reveal_phone', method: 'POST', path: (id) => `/v1/tasks/${id}/reveal-phone` },
  { action: 'resolve', method: 'POST', path: (id) => `/v1/tasks/${id}/resolve`, body: { outcome: 'no_action_needed', rootCause: 'matrix', resurvey: false } },
  { action: 'reopen', method: 'POST', path: (id) => `/v1/tasks/${id}/reopen`, body: {} },
  { action: 'assign', method: 'GET', path: (id) => `/v1/tasks/${id}/assignees` },
  { action: 'assign', method: 'POST', path: (id) => `/v1/tasks/${id}/assign`, body: { staffId: 'matrix-target' } },
];

/** The specification, written out here rather than read from the code under test. */
const ALL: TaskAction[] = ['list', 'read', 'claim', 'attempt', 'reveal_phone', 'resolve', 'reopen', 'assign'];
const ALLOWED: Record<StaffRole, TaskAction[]> = {
  agent: ['list', 'read', 'claim', 'attempt', 'reveal_phone', 'resolve'],
  supervisor: ALL,
  manager: ['list', 'read'],
  admin: ALL,
};

interface Actor { id: string; role: StaffRole; scope: { allRegions: boolean; regions: string[]; stores: string[] } }
const ACTORS: Actor[] = [
  { id: 'matrix-agent', role: 'agent', scope: { allRegions: false, regions: ['east'], stores: [] } },
  { id: 'matrix-store-agent', role: 'agent', scope: { allRegions: false, regions: [], stores: ['sh-001'] } },
  { id: 'matrix-supervisor', role: 'supervisor', scope: { allRegions: false, regions: ['east'], stores: [] } },
  { id: 'matrix-manager', role: 'manager', scope: { allRegions: false, regions: ['east'], stores: [] } },
  { id: 'matrix-admin', role: 'admin', scope: { allRegions: false, regions: ['east'], stores: [] } },
];
const PASSWORD = 'matrix-password-1';
const tokens = new Map<string, string>();
const makeTask = createFollowUpHandler({ notifier: undefined, now: () => new Date() });
let sequence = 1;

/** A fresh task in a store (through the follow-up handler, as a stream record would make it). */
async function newTask(storeId: string, region: string): Promise<string> {
  const id = ulid();
  const response = ZResponseRecord.parse({
    responseId: id, invitationId: ulid(), clientResponseId: `c-${id}`, brandId: 'demo-brand', storeId, region, orderId: `o-${id}`,
    touchpoint: 'in_store', surveyId: 'retail-nps', surveyVersion: 1, answers: { nps: 4 }, band: 'detractor',
    submittedAt: new Date().toISOString(), day: '2026-03-10', timeZone: 'Asia/Shanghai', kind: 'survey',
    phoneSealed: encrypt('13900001111'), followUp: { callback: true },
  });
  const keys = { pk: `RESP#${response.invitationId}`, sk: 'RESPONSE' };
  const result = await makeTask({
    Records: [{ eventName: 'INSERT', dynamodb: { Keys: marshall(keys) as any, NewImage: marshall({ ...keys, ...response }, { removeUndefinedValues: true }) as any, SequenceNumber: String(sequence++) } }],
  });
  expect(result.batchItemFailures).toEqual([]);
  return id;
}

async function expectOk(res: { status: number; body: any }) {
  if (res.status !== 200) throw new Error(`setup step failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Brings a task into the state the action needs, so an allowed call can succeed. */
async function prepare(action: TaskAction, taskId: string, actor: Actor, inScope: boolean) {
  const helper = tokens.get(inScope ? 'matrix-prep-east' : 'matrix-prep-south')!;
  if (action === 'attempt' || action === 'reveal_phone' || action === 'resolve') {
    const self = inScope && ALLOWED[actor.role].includes('claim');
    await expectOk(await http('POST', `/v1/tasks/${taskId}/claim`, self ? tokens.get(actor.id) : helper));
  }
  if (action === 'reopen') {
    await expectOk(await http('POST', `/v1/tasks/${taskId}/claim`, helper));
    await expectOk(await http('POST', `/v1/tasks/${taskId}/resolve`, helper, { outcome: 'resolved', rootCause: 'setup', resurvey: false }));
  }
}

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  const accounts: Actor[] = [
    ...ACTORS,
    { id: 'matrix-prep-east', role: 'supervisor', scope: { allRegions: false, regions: ['east'], stores: [] } },
    { id: 'matrix-prep-south', role: 'supervisor', scope: { allRegions: false, regions: ['south'], stores: [] } },
    { id: 'matrix-target', role: 'agent', scope: { allRegions: false, regions: ['east'], stores: [] } },
  ];
  for (const a of accounts) {
    await putStaff({ staffId: a.id, brandId: 'demo-brand', name: a.id, role: a.role, scope: a.scope, passwordHash, disabled: false, createdAt: new Date().toISOString() });
    const res = await http('POST', '/v1/staff/login', undefined, { username: a.id, password: PASSWORD });
    tokens.set(a.id, res.body.token);
  }
});

test('the matrix covers every staff task endpoint in serverless.yml', () => {
  const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
  const routes = [...yml.matchAll(/httpApi: \{ method: (GET|POST), path: '?(\/v1\/tasks[^'\s]*?)'? \}/g)].map((m) => `${m[1]} ${m[2]}`);
  const covered = ENDPOINTS.map((e) => `${e.method} ${e.path('{id}')}`);
  expect(new Set(covered)).toEqual(new Set(routes));
  expect(routes.length).toBe(ENDPOINTS.length);
});

const cells = ACTORS.flatMap((actor) => ENDPOINTS.flatMap((endpoint) => [true, false].map((inScope) => ({ actor, endpoint, inScope }))));

test.each(cells.map((c) => [c.actor.id, c.endpoint.action, c.inScope ? 'in scope' : 'out of scope', c] as const))(
  '%s · %s · %s',
  async (_who, _action, _where, { actor, endpoint, inScope }) => {
    const taskId = inScope ? await newTask('sh-001', 'east') : await newTask('gz-001', 'south');
    await prepare(endpoint.action, taskId, actor, inScope);
    const allowed = ALLOWED[actor.role].includes(endpoint.action);
    if (endpoint.action === 'list') {
      const items = await listAllTasks(tokens.get(actor.id)!, 'status=open'); // every page answered 200
      expect(items.some((t) => t.taskId === taskId)).toBe(inScope);
      expect(items.every((t) => t.storeId === 'sh-001' || actor.scope.regions.includes('east'))).toBe(true);
      return;
    }
    const res = await http(endpoint.method, endpoint.path(taskId), tokens.get(actor.id), endpoint.body);
    const expected = !inScope ? 404 : allowed ? 200 : 403;
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: expected, code: expected === 200 ? undefined : expected === 404 ? 'not_found' : 'forbidden_role' });
  },
);

test('a store-scoped agent does not see another store of the same region', async () => {
  const taskId = await newTask('hz-001', 'east');
  const token = tokens.get('matrix-store-agent');
  expect((await http('GET', `/v1/tasks/${taskId}`, token)).status).toBe(404);
  expect((await http('POST', `/v1/tasks/${taskId}/claim`, token)).status).toBe(404);
  expect((await listAllTasks(token!)).some((t) => t.taskId === taskId)).toBe(false);
  expect((await http('GET', `/v1/tasks/${taskId}`, tokens.get('matrix-agent'))).status).toBe(200);
});

test('no token, a disabled account: 401 on every endpoint', async () => {
  const taskId = await newTask('sh-001', 'east');
  await putStaff({ staffId: 'matrix-disabled', brandId: 'demo-brand', name: 'x', role: 'admin', scope: { allRegions: true, regions: [], stores: [] }, passwordHash: await hashPassword(PASSWORD), disabled: false, createdAt: new Date().toISOString() });
  const token = (await http('POST', '/v1/staff/login', undefined, { username: 'matrix-disabled', password: PASSWORD })).body.token;
  const { setStaffDisabled } = await import('../functions/src/data/staff-repo');
  await setStaffDisabled('matrix-disabled', true, new Date());
  for (const endpoint of ENDPOINTS) {
    expect((await http(endpoint.method, endpoint.path(taskId), undefined, endpoint.body)).status).toBe(401);
    expect((await http(endpoint.method, endpoint.path(taskId), token, endpoint.body)).status).toBe(401);
  }
  expect((await http('POST', '/v1/staff/login', undefined, { username: 'matrix-disabled', password: PASSWORD })).status).toBe(401);
});

test('an agent cannot work a task another agent claimed (409), a supervisor can', async () => {
  const taskId = await newTask('sh-001', 'east');
  await expectOk(await http('POST', `/v1/tasks/${taskId}/claim`, tokens.get('matrix-agent')));
  const other = await http('POST', `/v1/tasks/${taskId}/attempts`, tokens.get('matrix-store-agent'), { result: 'no_answer' });
  expect({ status: other.status, code: other.body.error.code }).toEqual({ status: 409, code: 'not_assignee' });
  expect((await http('POST', `/v1/tasks/${taskId}/reveal-phone`, tokens.get('matrix-store-agent'))).status).toBe(409);
  expect((await http('POST', `/v1/tasks/${taskId}/attempts`, tokens.get('matrix-supervisor'), { result: 'no_answer' })).status).toBe(200);
});

// ---------------------------------------------------------------- insight: GET /v1/metrics/*

const METRICS = ['nps', 'csat', 'ces', 'reasons', 'themes', 'loop', 'outcomes'] as const;
const INSIGHT_ALLOWED: Record<StaffRole, boolean> = { agent: false, supervisor: true, manager: true, admin: true };
/** The stores each matrix actor sees (their scope in the demo brand). */
const VISIBLE: Record<string, string[]> = {
  'matrix-agent': ['sh-001', 'hz-001'],
  'matrix-store-agent': ['sh-001'],
  'matrix-supervisor': ['sh-001', 'hz-001'],
  'matrix-manager': ['sh-001', 'hz-001'],
  'matrix-admin': ['sh-001', 'hz-001'],
  'matrix-store-manager': ['sh-001'],
};
/** The task matrix's actors and a store-scoped manager (who sees one store of the east region). */
const INSIGHT_ACTORS: Actor[] = [...ACTORS, { id: 'matrix-store-manager', role: 'manager', scope: { allRegions: false, regions: [], stores: ['sh-001'] } }];
type Where = 'unfiltered' | 'in scope' | 'out of scope' | 'other brand';
const FILTER: Record<Where, string> = {
  unfiltered: 'groupBy=store',
  'in scope': 'store=sh-001',
  'out of scope': 'store=gz-001',
  'other brand': 'store=matrix-other-001',
};

test('the matrix covers every insight route in serverless.yml', () => {
  const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
  const routes = [...yml.matchAll(/httpApi: \{ method: (GET|POST), path: '?(\/v1\/metrics[^'\s]*?)'? \}/g)].map((m) => `${m[1]} ${m[2]}`);
  expect(routes).toEqual(['GET /v1/metrics/{metric}']);
});

describe('insight', () => {
  beforeAll(async () => {
    // A store of another brand: its id exists, but not for anyone of the demo brand.
    await putStore({ storeId: 'matrix-other-001', brandId: 'matrix-other-brand', name: '别家店', region: 'east', timeZone: 'Asia/Shanghai', policy: {}, staffIds: [] });
    const manager = INSIGHT_ACTORS[INSIGHT_ACTORS.length - 1];
    await putStaff({ staffId: manager.id, brandId: 'demo-brand', name: manager.id, role: manager.role, scope: manager.scope, passwordHash: await hashPassword(PASSWORD), disabled: false, createdAt: new Date().toISOString() });
    tokens.set(manager.id, (await http('POST', '/v1/staff/login', undefined, { username: manager.id, password: PASSWORD })).body.token);
  });

  test('a store-scoped manager: another store of their region is out of scope, so is the region', async () => {
    const token = tokens.get('matrix-store-manager');
    expect((await http('GET', '/v1/metrics/nps?store=hz-001', token)).status).toBe(403);
    expect((await http('GET', '/v1/metrics/nps?region=east&groupBy=store', token)).body.groups.map((g: { key: string }) => g.key)).toEqual(['sh-001']);
    expect((await http('GET', '/v1/metrics/nps?region=south', token)).status).toBe(403);
  });

  const insightCells = INSIGHT_ACTORS.flatMap((actor) =>
    METRICS.flatMap((metric) => (['unfiltered', 'in scope', 'out of scope', 'other brand'] as Where[]).map((where) => ({ actor, metric, where }))),
  );

  test.each(insightCells.map((c) => [c.actor.id, c.metric, c.where, c] as const))('%s · %s · %s', async (_who, _metric, _where, { actor, metric, where }) => {
    const res = await http('GET', `/v1/metrics/${metric}?${FILTER[where]}`, tokens.get(actor.id));
    const expected = !INSIGHT_ALLOWED[actor.role]
      ? { status: 403, code: 'forbidden_role' }
      : where === 'out of scope'
        ? { status: 403, code: 'out_of_scope' }
        : where === 'other brand'
          ? { status: 404, code: 'not_found' }
          : { status: 200, code: undefined };
    expect({ status: res.status, code: res.body?.error?.code }).toEqual(expected);
    if (res.status === 200 && where === 'unfiltered' && ['nps', 'csat', 'ces'].includes(metric)) {
      expect(res.body.groups.map((g: { key: string }) => g.key).sort()).toEqual([...VISIBLE[actor.id]].sort());
    }
  });
});

/**
 * The responses export (GET /v1/exports/responses.csv) × the insight actors × a store in scope, out
 * of scope, and of another brand (the insight rule: agents 403 `forbidden_role`; others 200 for their
 * store, 403 `out_of_scope` for one of their brand outside their scope, 404 for another brand's).
 * Runs after `insight`, whose beforeAll makes the other brand's store and the store-scoped manager.
 */
describe('GET /v1/exports/responses.csv', () => {
  const exportCells = INSIGHT_ACTORS.flatMap((actor) => (['in scope', 'out of scope', 'other brand'] as Where[]).map((where) => [actor.id, where, actor, where] as const));

  test.each(exportCells)('%s · %s', async (_who, _where, actor, where) => {
    const res = await fetch(`${stack.apiBaseUrl}/v1/exports/responses.csv?${FILTER[where]}`, { headers: { authorization: `Bearer ${tokens.get(actor.id)}` } });
    const text = await res.text();
    const expected = !INSIGHT_ALLOWED[actor.role] ? [403, 'forbidden_role'] : where === 'in scope' ? [200, undefined] : where === 'out of scope' ? [403, 'out_of_scope'] : [404, 'not_found'];
    expect([res.status, res.status === 200 ? undefined : JSON.parse(text).error.code]).toEqual(expected);
    if (res.status === 200) expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  });
});

// ---------- admin: people, surveys, brand (functions/src/admin/staff*, surveys*, brand*) ----------
// Only the admin role passes the gate: every other role is 403 forbidden_role on every route, the
// admin gets through (a read answers 200; a write with an empty body is a 400, so the demo brand
// stays as it is). Another brand's ids are 404 (test/admin-people.test.ts).
const ADMIN_PEOPLE_ROUTES: { method: 'GET' | 'POST' | 'PUT'; path: string; adminStatus: number }[] = [
  { method: 'GET', path: '/v1/admin/staff', adminStatus: 200 },
  { method: 'POST', path: '/v1/admin/staff', adminStatus: 400 },
  { method: 'PUT', path: '/v1/admin/staff/matrix-target', adminStatus: 400 },
  { method: 'POST', path: '/v1/admin/staff/{staffId}/password', adminStatus: 400 },
  { method: 'GET', path: '/v1/admin/surveys', adminStatus: 200 },
  { method: 'GET', path: '/v1/admin/surveys/retail-nps', adminStatus: 200 },
  { method: 'POST', path: '/v1/admin/surveys/retail-nps/versions', adminStatus: 400 },
  { method: 'GET', path: '/v1/admin/brand', adminStatus: 200 },
  { method: 'PUT', path: '/v1/admin/brand', adminStatus: 400 },
];

test('the admin people matrix covers those routes in serverless.yml', () => {
  const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
  const routes = [...yml.matchAll(/handler: functions\/src\/admin\/(?:staff|surveys|brand)[^\n]*\n(?:[^\n]*\n){2}\s*- httpApi: \{ method: (GET|POST|PUT), path: '?([^'\s]+)'? \}/g)].map(
    (m) => `${m[1]} ${m[2]}`,
  );
  const covered = ADMIN_PEOPLE_ROUTES.map((r) => `${r.method} ${r.path.replace('matrix-target', '{staffId}').replace('retail-nps', '{surveyId}')}`);
  expect(new Set(routes)).toEqual(new Set(covered));
});

test.each(ACTORS.flatMap((actor) => ADMIN_PEOPLE_ROUTES.map((route) => [actor.id, route.method, route.path, actor, route] as const)))(
  'admin people · %s · %s %s',
  async (_who, _method, _path, actor, route) => {
    // The password reset with a bad id is a 400 for the admin (it would change an account otherwise).
    const path = route.path.replace('{staffId}', 'Not-A-Username');
    const res = await http(route.method, path, tokens.get(actor.id), route.method === 'GET' ? undefined : {});
    const expected = actor.role === 'admin' ? route.adminStatus : 403;
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({
      status: expected,
      code: expected === 200 ? undefined : expected === 403 ? 'forbidden_role' : 'invalid_request',
    });
  },
);

// ---------- Brand admin: stores, store keys, audit (functions/src/admin/{stores,store-keys,audit}.ts) ----------
// Every admin route × every role × a store/key of the caller's brand and of another brand: any role
// but admin → 403 forbidden_role (before anything is looked up); an admin → 404 for another brand's
// store or key, success for its own.
describe('admin routes: stores, store keys, audit', () => {
  // The stores these cells create are in a region no matrix actor is scoped to, so no other cell's groups change.
  const ADMIN_REGION = 'admin-matrix';
  type AdminTarget = { storeId: string; keyId: string };
  type AdminEndpoint = { method: 'GET' | 'POST' | 'PUT'; route: string; path: (t: AdminTarget) => string; body?: (t: AdminTarget) => unknown; csv?: boolean; ok: number; brandScoped: boolean };
  const ADMIN_ENDPOINTS: AdminEndpoint[] = [
    { method: 'GET', route: '/v1/admin/stores', path: () => '/v1/admin/stores', ok: 200, brandScoped: false },
    { method: 'POST', route: '/v1/admin/stores', path: () => '/v1/admin/stores', body: () => ({ storeId: `m-${ulid()}`, name: 'matrix', region: ADMIN_REGION, timeZone: 'Asia/Shanghai' }), ok: 201, brandScoped: false },
    { method: 'PUT', route: '/v1/admin/stores/{storeId}', path: (t) => `/v1/admin/stores/${t.storeId}`, body: () => ({ name: 'matrix edit' }), ok: 200, brandScoped: true },
    { method: 'POST', route: '/v1/admin/stores/import', path: () => '/v1/admin/stores/import', csv: true, ok: 200, brandScoped: false },
    { method: 'POST', route: '/v1/admin/stores/{storeId}/keys', path: (t) => `/v1/admin/stores/${t.storeId}/keys`, ok: 201, brandScoped: true },
    { method: 'GET', route: '/v1/admin/stores/{storeId}/keys', path: (t) => `/v1/admin/stores/${t.storeId}/keys`, ok: 200, brandScoped: true },
    { method: 'POST', route: '/v1/admin/keys/{keyId}/revoke', path: (t) => `/v1/admin/keys/${t.keyId}/revoke`, ok: 200, brandScoped: true },
    { method: 'GET', route: '/v1/admin/audit', path: () => '/v1/admin/audit', ok: 200, brandScoped: false },
  ];

  /** A fresh store of `brandId` with one key (through the repository, as the admin API writes them). */
  async function adminTarget(brandId: string): Promise<AdminTarget> {
    const { createStore, putNewStoreKey } = await import('../functions/src/data/store-admin-repo');
    const storeId = `m-${ulid()}`;
    const keyId = `k-${ulid()}`;
    const audit = { actor: 'matrix', action: 'matrix.setup', target: `store:${storeId}` };
    expect(await createStore({ storeId, brandId, name: 'matrix', region: ADMIN_REGION, timeZone: 'Asia/Shanghai', policy: {}, staffIds: [] }, audit)).toBe(true);
    expect(await putNewStoreKey({ keyId, brandId, storeIds: [storeId], secretSealed: encrypt('matrix-secret'), disabled: false, createdAt: new Date().toISOString() }, audit)).toBe(true);
    return { storeId, keyId };
  }

  test('the matrix covers every stores/keys/audit admin route in serverless.yml', () => {
    const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
    const routes = [...yml.matchAll(/httpApi: \{ method: (GET|POST|PUT), path: '?(\/v1\/admin\/(?:stores|keys|audit)[^'\s]*?)'? \}/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(new Set(ADMIN_ENDPOINTS.map((e) => `${e.method} ${e.route}`))).toEqual(new Set(routes));
  });

  const adminCells = ACTORS.filter((a) => a.id !== 'matrix-store-agent').flatMap((actor) =>
    ADMIN_ENDPOINTS.flatMap((endpoint) => (endpoint.brandScoped ? [true, false] : [true]).map((ownBrand) => ({ actor, endpoint, ownBrand }))),
  );

  test.each(adminCells.map((c) => [c.actor.role, `${c.endpoint.method} ${c.endpoint.route}`, c.ownBrand ? 'own brand' : 'other brand', c] as const))(
    '%s · %s · %s',
    async (_role, _route, _where, { actor, endpoint, ownBrand }) => {
      const target = await adminTarget(ownBrand ? 'demo-brand' : 'matrix-other-brand');
      const token = tokens.get(actor.id);
      const res = endpoint.csv
        ? await fetch(`${stack.apiBaseUrl}${endpoint.path(target)}`, {
            method: 'POST',
            headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
            body: `storeId,name,region,timeZone\nm-${ulid()},matrix,${ADMIN_REGION},UTC\n`,
          }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
        : await http(endpoint.method, endpoint.path(target), token, endpoint.body?.(target));
      const expected = actor.role !== 'admin' ? 403 : ownBrand ? endpoint.ok : 404;
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({
        status: expected,
        code: expected === 403 ? 'forbidden_role' : expected === 404 ? 'not_found' : undefined,
      });
    },
  );
});

// ---------- Privacy (PIPL): export, erase, request status, opt-in (functions/src/privacy/admin-privacy.ts) ----------
// Any role but admin → 403 forbidden_role; an admin → the route's answer for their own brand, and 404
// for another brand's request (a person is found under the admin's own brand only: an unknown person
// is a 404 for the export; test/privacy.test.ts has a person of one brand looked up from another).
describe('admin routes: privacy', () => {
  type PrivacyEndpoint = { method: 'GET' | 'POST'; route: string; path: (requestId: string) => string; body?: unknown; ok: number; brandScoped: boolean };
  const person = { phone: '13000000001' };
  const PRIVACY_ENDPOINTS: PrivacyEndpoint[] = [
    { method: 'POST', route: '/v1/admin/privacy/export', path: () => '/v1/admin/privacy/export', body: person, ok: 404, brandScoped: false },
    { method: 'POST', route: '/v1/admin/privacy/erase', path: () => '/v1/admin/privacy/erase', body: person, ok: 202, brandScoped: false },
    { method: 'GET', route: '/v1/admin/privacy/requests/{requestId}', path: (id) => `/v1/admin/privacy/requests/${id}`, ok: 200, brandScoped: true },
    { method: 'POST', route: '/v1/admin/privacy/opt-in', path: () => '/v1/admin/privacy/opt-in', body: person, ok: 200, brandScoped: false },
  ];

  test('the matrix covers every privacy admin route in serverless.yml', () => {
    const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
    const routes = [...yml.matchAll(/httpApi: \{ method: (GET|POST|PUT), path: '?(\/v1\/admin\/privacy[^'\s]*?)'? \}/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(new Set(PRIVACY_ENDPOINTS.map((e) => `${e.method} ${e.route}`))).toEqual(new Set(routes));
  });

  async function requestOf(brandId: string): Promise<string> {
    const { putPrivacyRequest } = await import('../functions/src/data/privacy-repo');
    const requestId = ulid();
    const at = new Date();
    await putPrivacyRequest(
      { requestId, brandId, kind: 'erase', status: 'pending', customerHashes: [`matrix-${requestId}`], requestedBy: 'matrix', createdAt: at.toISOString(), attempts: 0 },
      { brandId, actor: 'matrix', action: 'privacy.erase', target: `privacy:${requestId}`, at },
    );
    return requestId;
  }

  const cells = ACTORS.filter((a) => a.id !== 'matrix-store-agent').flatMap((actor) =>
    PRIVACY_ENDPOINTS.flatMap((endpoint) => (endpoint.brandScoped ? [true, false] : [true]).map((ownBrand) => ({ actor, endpoint, ownBrand }))),
  );

  test.each(cells.map((c) => [c.actor.role, `${c.endpoint.method} ${c.endpoint.route}`, c.ownBrand ? 'own brand' : 'other brand', c] as const))(
    'privacy · %s · %s · %s',
    async (_role, _route, _where, { actor, endpoint, ownBrand }) => {
      const requestId = await requestOf(ownBrand ? 'demo-brand' : 'matrix-other-brand');
      const res = await http(endpoint.method, endpoint.path(requestId), tokens.get(actor.id), endpoint.body);
      const expected = actor.role !== 'admin' ? 403 : ownBrand ? endpoint.ok : 404;
      expect({ status: res.status, code: res.body?.error?.code }).toEqual({
        status: expected,
        code: expected === 403 ? 'forbidden_role' : expected === 404 ? 'not_found' : undefined,
      });
    },
  );
});

// ---------- Brand admin: outbound webhooks (functions/src/webhooks/admin-webhooks.ts) ----------
// Every webhook route × every role × an endpoint of the caller's brand and of another brand: any role
// but admin → 403 forbidden_role; an admin → 404 for another brand's endpoint, success for its own.
// Each cell removes the endpoints it made, so no later test's responses are sent anywhere.
describe('admin routes: webhooks', () => {
  type HookEndpoint = { method: 'GET' | 'POST' | 'DELETE'; route: string; path: (id: string) => string; body?: unknown; ok: number; brandScoped: boolean };
  const HOOK_ENDPOINTS: HookEndpoint[] = [
    { method: 'POST', route: '/v1/admin/webhooks', path: () => '/v1/admin/webhooks', body: { url: 'http://127.0.0.1:9/matrix', events: ['task.resolved'] }, ok: 201, brandScoped: false },
    { method: 'GET', route: '/v1/admin/webhooks', path: () => '/v1/admin/webhooks', ok: 200, brandScoped: false },
    { method: 'POST', route: '/v1/admin/webhooks/{id}/rotate', path: (id) => `/v1/admin/webhooks/${id}/rotate`, ok: 200, brandScoped: true },
    { method: 'DELETE', route: '/v1/admin/webhooks/{id}', path: (id) => `/v1/admin/webhooks/${id}`, ok: 200, brandScoped: true },
    { method: 'GET', route: '/v1/admin/webhooks/{id}/deliveries', path: (id) => `/v1/admin/webhooks/${id}/deliveries`, ok: 200, brandScoped: true },
  ];

  test('the matrix covers every webhook admin route in serverless.yml', () => {
    const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
    const routes = [...yml.matchAll(/httpApi: \{ method: (GET|POST|PUT|DELETE), path: '?(\/v1\/admin\/webhooks[^'\s]*?)'? \}/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(new Set(HOOK_ENDPOINTS.map((e) => `${e.method} ${e.route}`))).toEqual(new Set(routes));
  });

  const hookCells = ACTORS.filter((a) => a.id !== 'matrix-store-agent').flatMap((actor) =>
    HOOK_ENDPOINTS.flatMap((endpoint) => (endpoint.brandScoped ? [true, false] : [true]).map((ownBrand) => ({ actor, endpoint, ownBrand }))),
  );

  test.each(hookCells.map((c) => [c.actor.role, `${c.endpoint.method} ${c.endpoint.route}`, c.ownBrand ? 'own brand' : 'other brand', c] as const))(
    'webhooks · %s · %s · %s',
    async (_role, _route, _where, { actor, endpoint, ownBrand }) => {
      const { putNewWebhook, listWebhooks, deleteWebhook } = await import('../functions/src/data/webhooks-repo');
      const brandId = ownBrand ? 'demo-brand' : 'matrix-other-brand';
      const webhookId = `wh_matrix${ulid()}`;
      const audit = { actor: 'matrix', action: 'matrix.setup', target: `webhook:${webhookId}` };
      expect(await putNewWebhook({ webhookId, brandId, url: 'http://127.0.0.1:9/matrix', events: ['task.resolved'], secretSealed: encrypt('matrix-secret'), createdAt: new Date().toISOString() }, audit)).toBe(true);
      try {
        const res = await http(endpoint.method, endpoint.path(webhookId), tokens.get(actor.id), endpoint.body);
        const expected = actor.role !== 'admin' ? 403 : ownBrand ? endpoint.ok : 404;
        expect({ status: res.status, code: res.body?.error?.code }).toEqual({
          status: expected,
          code: expected === 403 ? 'forbidden_role' : expected === 404 ? 'not_found' : undefined,
        });
      } finally {
        for (const hook of await listWebhooks(brandId)) if (hook.url.endsWith('/matrix')) await deleteWebhook(hook, audit);
      }
    },
  );
});

// ---------- consumer: the callback-notice grant (functions/src/notice) ----------
// A consumer route: only a consumer session opens it. Every staff role's token is a 401 (a staff
// token is no consumer session); another WeChat user's session is a 403; the answering consumer's
// own session records the grant (201). Another brand has no bearing: the invitation token decides.
describe('POST /v1/callback-notice', () => {
  test('the route is in serverless.yml', () => {
    const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
    expect([...yml.matchAll(/httpApi: \{ method: POST, path: '?(\/v1\/callback-notice)'? \}/g)].map((m) => m[1])).toEqual(['/v1/callback-notice']);
  });

  test.each([...ACTORS.map((a) => [a.id, a.id] as const), ['another consumer', 'other'] as const, ['the consumer who answered', 'self'] as const])(
    '%s',
    async (_who, who) => {
      const { consumerSession, receiptInvitation, unique } = await import('./helpers');
      const session = await consumerSession(unique('matrix-consumer'));
      const { token } = await receiptInvitation();
      expect((await http('POST', '/v1/responses', session, { invitationToken: token, clientResponseId: unique('client'), answers: { nps: 2 } })).status).toBe(201);
      const bearer = who === 'self' ? session : who === 'other' ? await consumerSession(unique('matrix-other')) : tokens.get(who);
      const res = await http('POST', '/v1/callback-notice', bearer, { invitationToken: token, clientGrantId: unique('grant') });
      const expected = who === 'self' ? 201 : who === 'other' ? 403 : 401;
      expect(res.status).toBe(expected);
    },
  );
});
