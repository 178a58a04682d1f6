/**
 * Test data for the insight API: a brand of its own (stores, survey, staff accounts) and counter rows
 * written straight into the insight table, built with the shared row layout (counters.ts) from a
 * list of answers — so a test knows exactly what every figure must be.
 */
import { BatchWriteCommand, PutCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import {
  mergeIncrements, npsBand, responseIncrements, responseRows, ZBrand, ZStore, ZSurveyDefinition, type Increments, type StaffRole, type Store,
} from '@xinsheng/shared';
import { TABLES, db } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { putStore } from '../functions/src/data/catalog-repo';
import { putStaff } from '../functions/src/data/staff-repo';
import { hashPassword } from '../functions/src/staff/passwords';
import { DEMO_SURVEY } from '../functions/local/demo-brand';
import { http } from './followup-helpers';

export interface Answer {
  day: string;
  storeId: string;
  nps: number;
  csat?: number;
  reasons?: string[];
  themes?: string[];
  touchpoint?: string;
  staffId?: string;
  amountFen?: number;
  /** Loop and repeat counters to add under this answer's rows (attribute → increment). */
  extra?: Increments;
}

/** A brand with stores, its survey (the demo survey's reasons) and nothing else. */
export async function putBrand(brandId: string, stores: Omit<Store, 'brandId' | 'policy' | 'timeZone'>[]): Promise<Store[]> {
  const surveyId = `${brandId}-survey`;
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.brand(brandId), ...ZBrand.parse({ brandId, name: brandId, defaultSurveyId: surveyId }) } }));
  await db.send(
    new PutCommand({ TableName: TABLES.main, Item: { ...keys.surveyVersion(surveyId, 1), ...ZSurveyDefinition.parse({ ...DEMO_SURVEY, surveyId, brandId }) } }),
  );
  const out: Store[] = [];
  for (const store of stores) {
    const full = ZStore.parse({ ...store, brandId, timeZone: 'Asia/Shanghai' });
    await putStore(full);
    out.push(full);
  }
  return out;
}

const PASSWORD = 'insight-password-1';

/** A staff account of the brand, signed in: its bearer token. */
export async function staffToken(brandId: string, staffId: string, role: StaffRole, scope: { allRegions?: boolean; regions?: string[]; stores?: string[] }, name = staffId): Promise<string> {
  await putStaff({
    staffId, brandId, name, role, passwordHash: await hashPassword(PASSWORD), disabled: false, createdAt: new Date().toISOString(),
    scope: { allRegions: scope.allRegions ?? false, regions: scope.regions ?? [], stores: scope.stores ?? [] },
  });
  const res = await http('POST', '/v1/staff/login', undefined, { username: staffId, password: PASSWORD });
  if (res.status !== 200) throw new Error(`login ${staffId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** The counter rows of these answers, as the aggregation writer keeps them: pk/sk → summed increments. */
export function counterRows(brandId: string, stores: readonly Store[], answers: readonly Answer[]): Map<string, { pk: string; sk: string; counters: Increments }> {
  const rows = new Map<string, { pk: string; sk: string; counters: Increments }>();
  for (const a of answers) {
    const store = stores.find((s) => s.storeId === a.storeId);
    if (!store) throw new Error(`unknown store ${a.storeId}`);
    const band = npsBand(a.nps);
    const increments = responseIncrements({
      answers: { nps: a.nps, ...(a.csat !== undefined ? { csat: a.csat } : {}), ...(a.reasons ? { reasons: a.reasons } : {}) },
      band,
      themes: a.themes ?? [],
      ...(a.amountFen !== undefined ? { amountFen: a.amountFen } : {}),
      channel: 'receipt',
      callback: band === 'detractor',
    });
    if (a.extra) mergeIncrements(increments, a.extra);
    const targets = responseRows({ brandId, region: store.region, storeId: store.storeId, touchpoint: a.touchpoint ?? 'in_store', ...(a.staffId ? { staffId: a.staffId } : {}) }, band, increments);
    for (const t of targets) {
      const key = keys.counterRow(brandId, t, a.day);
      const id = `${key.pk}|${key.sk}`;
      const row = rows.get(id) ?? { ...key, counters: {} };
      mergeIncrements(row.counters, t.increments);
      rows.set(id, row);
    }
  }
  return rows;
}

/** Writes rows (BatchWriteItem, 25 at a time, retrying what was left unprocessed). */
export async function putRows(rows: Iterable<Record<string, unknown>>): Promise<void> {
  const items = [...rows];
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  const write = async (chunk: Record<string, unknown>[]) => {
    let pending: unknown[] | undefined = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (pending?.length) {
      const res: BatchWriteCommandOutput = await db.send(new BatchWriteCommand({ RequestItems: { [TABLES.insight]: pending as never } }));
      pending = res.UnprocessedItems?.[TABLES.insight];
    }
  };
  for (let i = 0; i < chunks.length; i += 8) await Promise.all(chunks.slice(i, i + 8).map(write));
}

export async function putAnswers(brandId: string, stores: readonly Store[], answers: readonly Answer[]): Promise<void> {
  await putRows([...counterRows(brandId, stores, answers).values()].map((r) => ({ pk: r.pk, sk: r.sk, ...r.counters })));
}

/** `count` answers with the same fields. */
export const times = (count: number, answer: Answer): Answer[] => Array.from({ length: count }, () => ({ ...answer }));
