/**
 * The demo history npm start seeds, run here on a copy of the demo brand under its own brand id (the
 * other tests' data is left alone): through the real responses stream and aggregation consumer, the
 * NPS per store the metrics API answers equals a recomputation from the raw responses the seed wrote
 * (read back from the export index); 深圳南山店's last four weeks are significantly worse than the
 * four before; an interrupted run resumes without counting twice, and a run after success adds nothing.
 */
import { http } from './followup-helpers';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ZBrand, ZNpsResponse, ZResponseRecord, ZStore, ZSurveyDefinition, addDays, npsBand, type ResponseRecord } from '@xinsheng/shared';
import { TABLES, db, queryAll } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { putStore } from '../functions/src/data/catalog-repo';
import { putFollowUpPolicy } from '../functions/src/data/tasks-repo';
import { sumDayRows } from '../functions/src/data/history-repo';
import { SimulatedCrash, demoHistoryInput, seedHistory, type SeedHistoryResult } from '../functions/local/seed-history';
import { staffToken } from './insight-helpers';
import { DEMO_BRAND } from '../functions/local/demo-brand';

const B = 'demo-copy';
const SINKING = `${B}-sz-001`;
// Eight weeks at 60 % of the demo's volume: enough for the sinking store's two four-week periods, quicker to seed.
const input = { ...demoHistoryInput(new Date(), B), days: 56, volumeScale: 0.6 };

async function putCatalog(): Promise<void> {
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.brand(B), ...ZBrand.parse({ ...DEMO_BRAND, brandId: B, name: '心声便利（副本）', defaultSurveyId: input.survey.surveyId }) } }));
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.surveyVersion(input.survey.surveyId, 1), ...ZSurveyDefinition.parse(input.survey) } }));
  for (const { store } of input.stores) await putStore(ZStore.parse(store));
  await putFollowUpPolicy(input.policy);
}

/** Every response of the brand's stores in the range, from the export index (gsi1 of the responses table). */
async function rawResponses(from: string, to: string): Promise<ResponseRecord[]> {
  const perStore = await Promise.all(
    input.stores.map(({ store }) =>
      queryAll(
        {
          TableName: TABLES.responses,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.responseExportPartition(B, store.storeId), ':from': from, ':to': `${to}~` },
        },
        (item) => ZResponseRecord.parse(item),
      ),
    ),
  );
  return perStore.flat();
}

/** NPS per store recomputed from raw first-survey answers: counts and the score rounded to one decimal. */
function npsByStore(responses: readonly ResponseRecord[]) {
  const out: Record<string, { n: number; promoters: number; passives: number; detractors: number; score: number }> = {};
  for (const r of responses) {
    if (r.kind === 'recovery') continue;
    const cell = (out[r.storeId] ??= { n: 0, promoters: 0, passives: 0, detractors: 0, score: 0 });
    cell.n++;
    const band = npsBand(r.answers.nps);
    if (band === 'promoter') cell.promoters++;
    else if (band === 'passive') cell.passives++;
    else cell.detractors++;
  }
  for (const cell of Object.values(out)) cell.score = Math.round(((cell.promoters - cell.detractors) / cell.n) * 1000) / 10;
  return out;
}

let token: string;
let first: SeedHistoryResult;

beforeAll(async () => {
  await putCatalog();
  token = await staffToken(B, `${B}-hq`, 'manager', { allRegions: true });
  // A crash part-way (after some groups of invitations were written and counted) …
  await expect(seedHistory(input, { crashAfterGroups: 25 })).rejects.toBeInstanceOf(SimulatedCrash);
  // … and the rerun that finishes it, finding those groups written.
  const t0 = Date.now();
  const log = (line: string) => process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)}s ${line}\n`);
  first = await seedHistory(input, { aggregationTimeoutMs: 240_000, onProgress: log });
}, 600_000);

const get = (path: string) => http('GET', path, token);
const npsGroups = (body: unknown) => {
  const parsed = ZNpsResponse.parse(body);
  return { groups: parsed.groups, byKey: Object.fromEntries(parsed.groups.map((g) => [g.key, g])) };
};

test('the rerun after a crash resumed: the groups written before were refused, not written again', () => {
  expect(first.seeded).toBe(true);
  expect(first.resumed).toBeGreaterThanOrEqual(24);
  expect(first.counts.responses).toBeGreaterThan(1000);
  expect(first.counts.tasks).toBeGreaterThan(150);
  expect(first.counts.openTasks).toBeGreaterThan(0);
  expect(first.counts.recoveries).toBeGreaterThan(5);
});

test('NPS per store from the API equals the recomputation from the raw responses', async () => {
  const raw = await rawResponses(first.from, first.to);
  expect(raw.filter((r) => r.kind !== 'recovery')).toHaveLength(first.counts.responses);
  const expected = npsByStore(raw);
  const res = await get(`/v1/metrics/nps?from=${first.from}&to=${first.to}&groupBy=store`);
  expect(res.status).toBe(200);
  const groups = npsGroups(res.body).byKey;
  expect(Object.keys(groups).sort()).toEqual(Object.keys(expected).sort());
  for (const [storeId, cell] of Object.entries(expected)) expect(groups[storeId]).toMatchObject(cell);
  // Stores differ: the best and the worst store are far apart.
  const scores = Object.values(expected).map((c) => c.score);
  expect(Math.max(...scores) - Math.min(...scores)).toBeGreaterThan(15);
});

test('深圳南山店 got worse for real: its last four weeks are significantly below the four before', async () => {
  // The last four weeks: the 28 days up to yesterday (`to` is today, whose morning may hold a few answers).
  const to = addDays(first.to, -1);
  const from = addDays(to, -27);
  const res = await get(`/v1/metrics/nps?from=${from}&to=${to}&groupBy=store`);
  expect(res.status).toBe(200);
  const { groups, byKey } = npsGroups(res.body);
  const sinking = byKey[SINKING];
  expect(sinking.change?.significant).toBe(true);
  expect(sinking.change?.delta).toBeLessThan(-20);
  expect(sinking.score).toBeLessThan(15);
  // And the others did not: none of them fell significantly.
  for (const g of groups) if (g.key !== SINKING) expect(Boolean(g.change?.significant && (g.change.delta ?? 0) < 0)).toBe(false);
  // Its detractors mostly name the wait.
  const reasons = await get(`/v1/metrics/reasons?from=${from}&to=${to}&store=${SINKING}&band=detractor`);
  expect(reasons.status).toBe(200);
  expect(JSON.stringify(reasons.body)).toContain('long_wait');
});

test('a second run adds nothing: no write, every counter row as it was', async () => {
  const before = await sumDayRows(B, 'brand', B, first.from, first.to);
  const again = await seedHistory(input);
  expect(again.seeded).toBe(false);
  expect(again.counts).toEqual(first.counts);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await sumDayRows(B, 'brand', B, first.from, first.to)).toEqual(before);
});
