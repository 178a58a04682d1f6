/**
 * GET /v1/exports/responses.csv over real HTTP (the local API front, functions/local/api-front.ts,
 * which streams it; every other route passes through to serverless-offline): BOM, header and rows
 * for known responses, awkward Chinese comments read back by a strict parser, the phone masked, no
 * openid, the scope rule, 400s naming the field, and memory that stays flat as the export grows.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_COLUMNS } from '@xinsheng/shared';
import { parseCsv } from './csv-parser';
import { http, stack, unique } from './followup-helpers';
import { dynamoClient } from '../functions/src/lib/dynamo';
import { putStaff } from '../functions/src/data/staff-repo';
import { hashPassword } from '../functions/src/staff/passwords';
import { STREAMING_ROUTES } from '../functions/local/streaming-routes';
import { fixtureRecord, putResponses, putStores, type FixtureResponse } from '../functions/local/export-fixtures';

afterAll(() => dynamoClient.destroy());

const BRAND = unique('xp');
const OTHER = unique('xo');
const SH = `${BRAND}-sh`;
const HZ = `${BRAND}-hz`;
const GZ = `${BRAND}-gz`;
const PERIOD = 'from=2026-03-01&to=2026-03-31';
const PASSWORD = 'export-password-1';
const tokens: Record<string, string> = {};

const A: FixtureResponse = {
  storeId: SH, region: 'east', day: '2026-03-10', staffId: 'xp-wang', phone: '13812345678',
  answers: { nps: 3, csat: 2, ces: 6, reasons: ['slow_queue', 'rude_staff'], comment: '排队太久，收银慢, "店员"说:\n下次再来\r\n——失望' },
};
const B: FixtureResponse = { storeId: HZ, region: 'east', day: '2026-03-11', touchpoint: 'delivery', answers: { nps: 10, comment: '=HYPERLINK("http://evil.example")' } };
const C: FixtureResponse = { storeId: GZ, region: 'south', day: '2026-03-12', phone: '13900001111', answers: { nps: 8, comment: '店员态度好' } };
const OLD: FixtureResponse = { storeId: SH, region: 'east', day: '2026-02-01', answers: { nps: 9 } };
const ids: Record<string, string> = {};

async function login(staffId: string, brandId: string, role: 'agent' | 'supervisor' | 'manager' | 'admin', scope: { allRegions?: boolean; regions?: string[]; stores?: string[] }) {
  await putStaff({
    staffId, brandId, name: staffId, role, scope: { allRegions: false, regions: [], stores: [], ...scope },
    passwordHash: await hashPassword(PASSWORD), disabled: false, createdAt: new Date().toISOString(),
  });
  const res = await http('POST', '/v1/staff/login', undefined, { username: staffId, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${staffId}: ${res.status}`);
  tokens[staffId] = res.body.token;
}

const who = (name: string) => `${BRAND.toLowerCase()}-${name}`;

beforeAll(async () => {
  await putStores([
    { storeId: SH, brandId: BRAND, name: '上海店', region: 'east', timeZone: 'Asia/Shanghai', staffIds: ['xp-wang'] },
    { storeId: HZ, brandId: BRAND, name: '杭州店', region: 'east', timeZone: 'Asia/Shanghai', staffIds: [] },
    { storeId: GZ, brandId: BRAND, name: '广州店', region: 'south', timeZone: 'Asia/Shanghai', staffIds: ['xp-liu'] },
    { storeId: `${OTHER}-sh`, brandId: OTHER, name: '别家店', region: 'east', timeZone: 'Asia/Shanghai', staffIds: [] },
  ]);
  const [a, b, c] = await putResponses(BRAND, [A, B, C, OLD]);
  Object.assign(ids, { A: a.responseId, B: b.responseId, C: c.responseId });
  await putResponses(OTHER, [{ storeId: `${OTHER}-sh`, region: 'east', day: '2026-03-10', answers: { nps: 1, comment: 'other brand' } }]);
  await login(who('admin'), BRAND, 'admin', { allRegions: true });
  await login(who('east'), BRAND, 'manager', { regions: ['east'] });
  await login(who('gz'), BRAND, 'supervisor', { stores: [GZ] });
  await login(who('agent'), BRAND, 'agent', { allRegions: true });
  await login(`${OTHER.toLowerCase()}-mgr`, OTHER, 'manager', { allRegions: true });
});

/** The raw download: status, headers, bytes. */
async function download(query: string, token: string | undefined) {
  const res = await fetch(`${stack.apiBaseUrl}/v1/exports/responses.csv${query ? `?${query}` : ''}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The export's rows as objects by column (after checking the BOM and the header). */
async function rows(query: string, token: string): Promise<Record<string, string>[]> {
  const res = await download(query, token);
  if (res.status !== 200) throw new Error(`export ${query}: ${res.status} ${res.bytes.toString()}`);
  expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(res.bytes.toString('utf8').slice(1));
  expect(header).toEqual([...EXPORT_COLUMNS]);
  return records.map((r) => Object.fromEntries(header.map((c, i) => [c, r[i]])));
}

const idsOf = (list: Record<string, string>[]) => list.map((r) => r.responseId).sort();

test('the route is served by the same handle as the Lambda with the Function URL (serverless.yml)', () => {
  const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
  expect(yml).toMatch(/exportResponses:\n\s+handler: functions\/src\/exports\/get-responses-csv\.handler[\s\S]*?invokeMode: RESPONSE_STREAM/);
  expect(STREAMING_ROUTES.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/exports/responses.csv']);
});

test('an admin gets the BOM, the header and one row per response of the period, streamed as UTF-8 CSV', async () => {
  const res = await download(PERIOD, tokens[who('admin')]);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="responses-2026-03-01-2026-03-31.csv"');
  expect(res.headers.get('transfer-encoding')).toBe('chunked'); // written as it goes, no length known up front
  expect(res.headers.get('content-length')).toBeNull();
  const text = res.bytes.toString('utf8');
  expect(text.startsWith('\uFEFFresponseId,submittedAt,store,region,staff,touchpoint,nps,band,csat,ces,reasons,comment,phone\r\n')).toBe(true);

  const list = await rows(PERIOD, tokens[who('admin')]);
  expect(idsOf(list)).toEqual([ids.A, ids.B, ids.C].sort());
  expect(list.find((r) => r.responseId === ids.A)).toEqual({
    responseId: ids.A, submittedAt: '2026-03-10T04:00:00.000Z', store: SH, region: 'east', staff: 'xp-wang', touchpoint: 'in_store',
    nps: '3', band: 'detractor', csat: '2', ces: '6', reasons: 'slow_queue;rude_staff', comment: A.answers.comment, phone: '138****5678',
  });
  expect(list.find((r) => r.responseId === ids.B)).toMatchObject({ store: HZ, touchpoint: 'delivery', nps: '10', band: 'promoter', csat: '', ces: '', phone: '', comment: `'${B.answers.comment}` });
  expect(list.find((r) => r.responseId === ids.C)).toMatchObject({ store: GZ, region: 'south', nps: '8', band: 'passive', comment: '店员态度好', phone: '139****1111' });
});

test('no openid, no full phone and no sealed value anywhere in the file', async () => {
  const text = (await download(PERIOD, tokens[who('admin')])).bytes.toString('utf8');
  expect(text).not.toMatch(/openid/i);
  expect(text).not.toContain('13812345678');
  expect(text).not.toContain('13900001111');
  expect(text).not.toMatch(/v1\.[A-Za-z0-9_-]+\./);
  const record = fixtureRecord(BRAND, A);
  expect(record.openidHash).toBeDefined(); // the stored record does carry one; the export leaves it out
});

test('the filters: store, region, staff, touchpoint, and the default period', async () => {
  const admin = tokens[who('admin')];
  expect(idsOf(await rows(`${PERIOD}&store=${SH}`, admin))).toEqual([ids.A]);
  expect(idsOf(await rows(`${PERIOD}&region=south`, admin))).toEqual([ids.C]);
  expect(idsOf(await rows(`${PERIOD}&staff=xp-wang`, admin))).toEqual([ids.A]);
  expect(idsOf(await rows(`${PERIOD}&touchpoint=delivery`, admin))).toEqual([ids.B]);
  expect(idsOf(await rows('from=2026-01-01&to=2026-02-28', admin))).toHaveLength(1); // OLD only
  expect(idsOf(await rows('from=2026-03-11&to=2026-03-11', admin))).toEqual([ids.B]); // one day, inclusive
  expect(await rows('', admin)).toEqual([]); // the last 28 days: none of these fixtures
});

describe('scope', () => {
  test('a regional manager gets only their region; another region or its store is a 403', async () => {
    const token = tokens[who('east')];
    expect(idsOf(await rows(PERIOD, token))).toEqual([ids.A, ids.B].sort());
    for (const query of ['region=south', `store=${GZ}`, 'staff=xp-liu']) {
      const res = await download(`${PERIOD}&${query}`, token);
      expect({ query, status: res.status, code: JSON.parse(res.bytes.toString()).error.code }).toEqual({ query, status: 403, code: 'out_of_scope' });
    }
  });

  test('store-scoped staff get only their stores', async () => {
    expect(idsOf(await rows(PERIOD, tokens[who('gz')]))).toEqual([ids.C]);
    expect((await download(`${PERIOD}&store=${SH}`, tokens[who('gz')])).status).toBe(403);
  });

  test('agents get 403, no token 401', async () => {
    const res = await download(PERIOD, tokens[who('agent')]);
    expect({ status: res.status, code: JSON.parse(res.bytes.toString()).error.code }).toEqual({ status: 403, code: 'forbidden_role' });
    expect((await download(PERIOD, undefined)).status).toBe(401);
  });

  test("another brand's manager sees only their brand; our store is not theirs to name (404)", async () => {
    const token = tokens[`${OTHER.toLowerCase()}-mgr`];
    const list = await rows(PERIOD, token);
    expect(list.map((r) => r.comment)).toEqual(['other brand']);
    expect((await download(`${PERIOD}&store=${SH}`, token)).status).toBe(404);
  });
});

describe('400 naming the field', () => {
  test.each([
    ['from=2026-02-30', ['query', 'from']],
    ['to=2026-3-1', ['query', 'to']],
    ['from=2026-03-10&to=2026-03-09', ['query', 'from']],
    ['from=2025-01-01&to=2026-03-09', ['query', 'from']],
    ['touchpoint=phone', ['query', 'touchpoint']],
    ['groupBy=store', ['query']],
  ])('%s', async (query, path) => {
    const res = await download(query, tokens[who('admin')]);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.bytes.toString());
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details.map((d: { path: unknown }) => d.path)).toContainEqual(path);
  });
});

/**
 * Memory, measured in a process of its own (bench/export-memory.ts with 8k rows over 4 stores): the
 * test stack's stream poller runs in this process and reads every seeded record, which would blur a
 * heap sample here. The script seeds its own DynamoDB Local and downloads through the same API front
 * and handle, sampling the live heap (after a full GC) every 100 ms. 100k rows: run the script as is.
 */
test('memory stays flat: 2k rows and 8k rows need about the same live heap', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'bench', 'export-memory.ts')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, BENCH_EXPORT_ROWS: '8000', BENCH_EXPORT_STORES: '4', XS_BENCH_EXPORT_PORT: String(Number(process.env.XS_TEST_PORT_BASE ?? 21000) + 50) },
    encoding: 'utf8',
    timeout: 170_000,
  });
  if (run.status !== 0) throw new Error(`bench/export-memory.ts exited ${run.status}:\n${run.stderr.slice(-2000)}`);
  const { results } = JSON.parse(run.stdout) as { results: { rows: number; chunks: number; peakHeapDeltaMB: number; peakRssDeltaMB: number }[] };
  const [small, large] = results;
  console.log(`export memory: ${results.map((r) => `${r.rows - 1} rows in ${r.chunks} chunks: live heap +${r.peakHeapDeltaMB.toFixed(1)} MB, rss +${r.peakRssDeltaMB.toFixed(1)} MB`).join('; ')}`);
  expect([small.rows, large.rows]).toEqual([2_001, 8_001]); // header + rows
  expect(large.chunks).toBeGreaterThan(10); // sent as read, not as one body
  // Built whole, the 6k rows more would hold ≈ 6k × (the line as a string + the record read) ≳ 10 MB more.
  expect(large.peakHeapDeltaMB).toBeLessThan(small.peakHeapDeltaMB + 4);
}, 180_000);
