import { PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { addDays, counterAttributes, mergeIncrements, storedCounters, ZResponseRecord, type Increments, type InsightDimension, type ResponseRecord } from '@xinsheng/shared';
import { TABLES, conditionalWrite, db, queryAll } from '../lib/dynamo';
import { mapWithConcurrency } from '../lib/concurrency';
import { monthEnd, monthOf, monthStart, weekEnd, type GroupRows, type ReadPlan } from '../insight/read-plan';
import { keys } from './keys';
import { STALE_ATTRIBUTE } from './insight-repo';

/**
 * The read side of the insight table. A group (brand, region, store, staff, touchpoint, store ×
 * touchpoint) is one partition `AGG#<brand>#<dimension>#<key>` holding its day rows and month
 * roll-ups, so what a request costs is a few Queries per group — never a read per response.
 *
 * Month roll-ups are written here, lazily: a closed month the plan wants and that has none — or whose
 * roll-up is marked stale — is summed from its day rows and PUT. A closed month's days still change
 * where counters are kept under the day of the response they are about (a callback's loop events, a
 * repeat purchase, a re-survey come days or weeks later); such a write marks the month's roll-up stale
 * in the same transaction (insight-events-repo `rollUpMarks`; the stream's re-surveys right after it),
 * creating a bare marker if there is no roll-up yet. The PUT is conditional on the month's item being
 * as the reader saw it (absent, or that same mark): a write that lands while the reader sums makes the
 * PUT fail, and the next read sums again. Two readers at once write the same sums; a retry after a
 * crash does it again. `rollUpClosedMonths` does the same ahead of the first read (the aggregate
 * stream calls it as months close).
 * Week rows (league partitions, the brand's) are written with their days (the stream, the later
 * events' transactions), never here: a week the plan wants that has no row (no answer that week,
 * or counted before week rows existed) is read as its days.
 */

export interface CounterGroup {
  dimension: InsightDimension;
  key: string;
}

/** Groups read at once for one request (each runs its 1–4 Queries together): the 16 league partitions of a chain in one round. */
const CONCURRENCY = 16;

type Row = Record<string, unknown>;

/** Every row of a Query (all pages), as stored: counter rows are read by name (counters.ts), not parsed whole. */
const queryRows = (input: QueryCommandInput): Promise<Row[]> => queryAll(input, (item) => item);

const skRange = (pk: string, from: string, to: string): QueryCommandInput => ({
  TableName: TABLES.insight,
  KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
  ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
});

const dayOfSk = (sk: unknown) => String(sk).slice(2);

/** Only these counters of each row (and what the reader needs of the item besides: its sort key, a roll-up's stale mark). */
function projection(counters: readonly string[]): Pick<QueryCommandInput, 'ProjectionExpression' | 'ExpressionAttributeNames'> {
  const names = ['sk', STALE_ATTRIBUTE, ...counters];
  return { ProjectionExpression: names.map((_, i) => `#p${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#p${i}`, name])) };
}

/** A month's item as a reader saw it: absent, or marked stale with this token. */
type Seen = { stale?: string };

/**
 * Sums the day rows of closed months into their roll-ups and writes them (one PUT each, also for a
 * month without a single day row, so it is not summed again), each conditional on the month's item
 * being as it was seen — so a roll-up is never stored without a write that marked it meanwhile. The
 * months' days are read in one Query over their span. Returns the sums by month (stored or not:
 * they are this read's answer either way).
 */
async function rollUpMonths(pk: string, months: ReadonlyMap<string, Seen>): Promise<Map<string, Row>> {
  const ordered = [...months.keys()].sort();
  const sums = new Map<string, { counters: Increments; ttl?: number; days: number }>(ordered.map((m) => [m, { counters: {}, days: 0 }]));
  const dayRows = await queryRows(skRange(pk, `D#${monthStart(ordered[0])}`, `D#${monthEnd(ordered[ordered.length - 1])}`));
  for (const row of dayRows) {
    const sum = sums.get(monthOf(dayOfSk(row.sk)));
    if (!sum) continue; // a month in the span that already has its roll-up
    mergeIncrements(sum.counters, counterAttributes(row));
    sum.days++;
    // A roll-up expires with the last of its days (retention), not before.
    if (typeof row.ttl === 'number' && (sum.ttl === undefined || row.ttl > sum.ttl)) sum.ttl = row.ttl;
  }
  const items = [...sums].map(([month, sum]) => ({ pk, sk: `M#${month}`, ...storedCounters(sum.counters), days: sum.days, ...(sum.ttl !== undefined ? { ttl: sum.ttl } : {}) }));
  await Promise.all(
    items.map((item) => {
      const seen = months.get(dayOfSk(item.sk));
      const condition = seen?.stale === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: '#stale = :seen', ExpressionAttributeNames: { '#stale': STALE_ATTRIBUTE }, ExpressionAttributeValues: { ':seen': seen.stale } };
      // Refused: a write marked the month while it was summed (or another reader stored it first).
      return conditionalWrite(() => db.send(new PutCommand({ TableName: TABLES.insight, Item: item, ...condition })));
    }),
  );
  return new Map(items.map((item) => [dayOfSk(item.sk), item]));
}

/**
 * The rows `<prefix>#<id>` of these ids (ascending; one Query over their span) into `into`; the ids
 * that have none — with, for a month roll-up marked stale, the mark it carries (it is not used).
 */
async function readSpan(pk: string, prefix: 'W' | 'M', ids: readonly string[], into: Map<string, Row>, only?: ReturnType<typeof projection>): Promise<Map<string, Seen>> {
  const wanted = new Set(ids);
  const stale = new Map<string, string>();
  for (const row of await queryRows({ ...skRange(pk, `${prefix}#${ids[0]}`, `${prefix}#${ids[ids.length - 1]}`), ...only })) {
    const id = dayOfSk(row.sk);
    if (!wanted.has(id)) continue;
    if (row[STALE_ATTRIBUTE] !== undefined) stale.set(id, String(row[STALE_ATTRIBUTE]));
    else into.set(id, row);
  }
  return new Map(ids.filter((id) => !into.has(id)).map((id) => [id, stale.has(id) ? { stale: stale.get(id) } : {}]));
}

/**
 * Rolls up these closed months of a group that have no current roll-up; how many it summed. The
 * roll-ups found are read with `only`'s counters; a missing one is summed from its whole day rows.
 */
async function ensureRolledUp(pk: string, months: readonly string[], into = new Map<string, Row>(), only?: ReturnType<typeof projection>): Promise<number> {
  const missing = await readSpan(pk, 'M', months, into, only);
  if (missing.size) for (const [month, row] of await rollUpMonths(pk, missing)) into.set(month, row);
  return missing.size;
}

/**
 * Rolls up a closed month of these groups ahead of the first read (the aggregate stream, as its
 * groups' months close; a backfill when it is done): one Query per group, and a sum of its days
 * where there is no current roll-up. Returns how many roll-ups it summed.
 */
export async function rollUpClosedMonths(brandId: string, groups: readonly CounterGroup[], months: readonly string[]): Promise<number> {
  if (!months.length) return 0;
  const sorted = [...months].sort();
  const summed = await mapWithConcurrency(groups, CONCURRENCY, (group) => ensureRolledUp(keys.counterPartition(brandId, group.dimension, group.key), sorted));
  return summed.reduce((a, b) => a + b, 0);
}

/**
 * One group's rows for a plan: a Query per day range, one over the roll-ups' span, and the roll-ups
 * that were missing — with only the `counters` named, when given.
 */
async function readGroup(brandId: string, group: CounterGroup, plan: ReadPlan, counters?: readonly string[]): Promise<GroupRows> {
  const pk = keys.counterPartition(brandId, group.dimension, group.key);
  const only = counters && projection(counters);
  const rows: GroupRows = { days: new Map(), months: new Map(), weeks: new Map(), dayRanges: plan.dayRanges, ...(plan.lastDay !== undefined ? { lastDay: plan.lastDay } : {}) };
  const readDays = async (from: string, to: string) => {
    for (const row of await queryRows({ ...skRange(pk, `D#${from}`, `D#${to}`), ...only })) rows.days.set(dayOfSk(row.sk), row);
  };
  const reads: Promise<void>[] = plan.dayRanges.map((range) => readDays(range.from, range.to));
  if (plan.weeks.length) {
    reads.push(
      (async () => {
        // Missing weeks next to each other are read as one run of days.
        const runs: { from: string; to: string }[] = [];
        for (const monday of (await readSpan(pk, 'W', plan.weeks, rows.weeks, only)).keys()) {
          const last = runs[runs.length - 1];
          if (last && addDays(last.to, 1) === monday) last.to = weekEnd(monday);
          else runs.push({ from: monday, to: weekEnd(monday) });
        }
        await Promise.all(runs.map((run) => readDays(run.from, run.to)));
      })(),
    );
  }
  if (plan.months.length) {
    reads.push(ensureRolledUp(pk, plan.months, rows.months, only).then(() => undefined));
  }
  await Promise.all(reads);
  return rows;
}

/** The rows of many groups for one plan (only the `counters` named, when given), with a bounded number of Queries in flight. */
export function readGroups(brandId: string, groups: readonly CounterGroup[], plan: ReadPlan, counters?: readonly string[]): Promise<GroupRows[]> {
  return mapWithConcurrency(groups, CONCURRENCY, (group) => readGroup(brandId, group, plan, counters));
}

/**
 * The newest responses of a store between two store-local days (responses table, gsi1 — the export
 * index), at most `limit`: where the themes' example comments come from.
 */
export async function latestResponses(brandId: string, storeId: string, from: string, to: string, limit: number): Promise<ResponseRecord[]> {
  const page = await db.send(
    new QueryCommand({
      TableName: TABLES.responses,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.responseExportPartition(brandId, storeId), ':from': `${from}#`, ':to': `${to}#\uffff` },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map((item) => ZResponseRecord.parse(item));
}
