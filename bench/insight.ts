/**
 * The insight phase of `npm run bench` (its own child process and its own DynamoDB Local, in memory):
 *
 * 1. a generator writes synthetic responses of a 500-store chain (bench/insight-data.ts) THROUGH THE
 *    AGGREGATION CODE — stream records (INSERT, NEW_IMAGE) in 1000-record batches, in day order, into
 *    `aggregateRecords` (the stream handler's body: merge per row and batch, one conditional ADD per
 *    row under the shard's watermark) — and measures the write units per response and the throughput;
 * 2. then times every dashboard query through the metrics Lambda handler (in process, a manager's
 *    token), with the read units each costs: first at 10k responses, then, after generating on, at 1M.
 *
 * Month roll-ups are built lazily on the first read of a closed month: each query is timed cold (its
 * first call, which may build roll-ups) and warm (median of the following calls). Before generating
 * past 10k, the roll-ups the 10k reads built are deleted: they summed months that the bench then
 * writes into again, which closed months never see in production.
 *
 * Capacity is counted by a middleware on the functions' own DynamoDB client that asks every call for
 * ReturnConsumedCapacity TOTAL and sums the answers (the metered stack's proxy does the same over HTTP;
 * in process it adds nothing to the timings).
 */
import type { Figure } from './lib';
import { median, round } from './lib';
import { createTables, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { physicalTableName } from '@xinsheng/infra';
import {
  BENCH_BRAND, BENCH_SURVEY, DAYS, REGIONS, ResponseStream, SHARD_ID, STAFF_PER_STORE, STORES, TIME_ZONE, benchStores, benchSurvey, prng, type Generated,
} from './insight-data';

const SECTION = 'insight';
const QUERY_BUDGET_MS = 200;
const SCALE_BUDGET = 1.2;
const WCU_BUDGET = 3;
const BATCH = 1000;
const WARM_RUNS = 7;

export interface InsightOptions {
  port: number;
  /** Responses of the small brand, and of the big one (default 10k and 1M; BENCH_INSIGHT_SIZES="10000,50000" while developing). */
  sizes: [number, number];
  log: (line: string) => void;
}

interface Capacity {
  read: number;
  write: number;
  calls: number;
}

/** One-line progress on stderr (\r in a terminal; every 10 % otherwise, so a log stays short). */
function progress(label: string, total: number) {
  const start = performance.now();
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return {
    update(done: number, extra = '') {
      const share = done / total;
      const seconds = (performance.now() - start) / 1000;
      const rate = done / Math.max(seconds, 1e-3);
      const eta = rate > 0 ? (total - done) / rate : 0;
      const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
      const line = `${label} [${bar}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')} ${Math.round(rate).toLocaleString('en')}/s ETA ${Math.round(eta)} s ${extra}`;
      if (tty) process.stderr.write(`\r${line.padEnd(120)}`);
      else if (Math.floor(share * 10) > lastDecile) {
        lastDecile = Math.floor(share * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export async function insightSection(options: InsightOptions): Promise<Figure[]> {
  const dynamo = await startDynamoDbLocal({ port: options.port });
  try {
    await createTables(dynamo.endpoint, (t) => physicalTableName(t, 'xinsheng', 'local'));
    // The functions read their configuration once, when first imported: point them at this DynamoDB first.
    process.env.XS_DYNAMODB_ENDPOINT = dynamo.endpoint;
    return await run(options);
  } finally {
    await dynamo.stop();
  }
}

async function run(options: InsightOptions): Promise<Figure[]> {
  const { dynamoClient, db, TABLES } = await import('../functions/src/lib/dynamo');
  const { aggregateRecords } = await import('../functions/src/insight/aggregate-stream');
  const { extractThemes, loadThemeSegmenter } = await import('../functions/src/insight/themes');
  const { handler: getMetrics } = await import('../functions/src/insight/get-metrics');
  const { putStore, getBrand } = await import('../functions/src/data/catalog-repo');
  const { putStaff } = await import('../functions/src/data/staff-repo');
  const { issueStaffToken } = await import('../functions/src/staff/tokens');
  const { keys } = await import('../functions/src/data/keys');
  const { DEMO_SURVEY } = await import('../functions/local/demo-brand');
  const { PutCommand, BatchWriteCommand, ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ZBrand, ZSurveyDefinition, ZStaffRecord, todayIn } = await import('@xinsheng/shared');

  // ---------- capacity meter on the functions' client ----------
  const meter: Capacity = { read: 0, write: 0, calls: 0 };
  const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand', 'ScanCommand']);
  const METERED = new Set([...READS, 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);
  dynamoClient.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      const command = String(context.commandName);
      if (METERED.has(command)) input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      meter.calls++;
      if (READS.has(command)) meter.read += units;
      else meter.write += units;
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  const takeCapacity = (): Capacity => {
    const taken = { ...meter };
    meter.read = meter.write = meter.calls = 0;
    return taken;
  };

  // ---------- the chain: brand, survey, 500 stores, a manager ----------
  const now = new Date();
  const stores = benchStores();
  const survey = benchSurvey(DEMO_SURVEY);
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.brand(BENCH_BRAND), ...ZBrand.parse({ brandId: BENCH_BRAND, name: '基准连锁', defaultSurveyId: BENCH_SURVEY }) } }));
  await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.surveyVersion(survey.surveyId, survey.version), ...ZSurveyDefinition.parse(survey) } }));
  for (let i = 0; i < stores.length; i += 25) await Promise.all(stores.slice(i, i + 25).map(({ weight, promoter, detractor, drift, ...store }) => putStore(store)));
  if (!(await getBrand(BENCH_BRAND))) throw new Error('bench brand was not stored');
  const manager = ZStaffRecord.parse({
    staffId: 'bench-hq', brandId: BENCH_BRAND, name: '总部经理', role: 'manager', scope: { allRegions: true }, passwordHash: 'unused', createdAt: now.toISOString(),
  });
  await putStaff(manager);
  const { token } = await issueStaffToken(manager.staffId, BENCH_BRAND, now);
  options.log(`insight: ${STORES} stores in ${REGIONS} regions, ${STAFF_PER_STORE} staff each, ${DAYS} days ending ${todayIn(now, TIME_ZONE)}`);

  // jieba loads once per Lambda container (its init phase): not part of the throughput.
  loadThemeSegmenter();

  // ---------- the generator, through the aggregation ----------
  const stream = new ResponseStream(stores, survey, todayIn(now, TIME_ZONE), prng(90));
  /** Responses per day counted, to check the query totals against. */
  const generatedByDay = new Map<string, number>();
  /** The newest answers, put into the responses table as the submit would (the themes' example comments read them). */
  const recent: Generated[] = [];
  const recentFrom = stream.lastDay;

  interface GenerationFigures { responses: number; seconds: number; writeUnits: number; meteredWrites: number; updates: number; rows: number; batches: number }
  async function generate(total: number, pass: string): Promise<GenerationFigures> {
    const bar = progress(`insight: generating ${pass}`, total);
    const totals: GenerationFigures = { responses: 0, seconds: 0, writeUnits: 0, meteredWrites: 0, updates: 0, rows: 0, batches: 0 };
    takeCapacity();
    const start = performance.now();
    for (const { batch } of stream.batches(total, BATCH, pass)) {
      const result = await aggregateRecords(batch.map((g) => g.record), { shardId: SHARD_ID, themes: (comment) => extractThemes(comment) });
      totals.responses += result.responses;
      totals.writeUnits += result.writeUnits;
      totals.updates += result.updates;
      totals.rows += result.rows;
      totals.batches++;
      for (const g of batch) {
        generatedByDay.set(g.response.day, (generatedByDay.get(g.response.day) ?? 0) + 1);
        if (g.response.day >= recentFrom) recent.push(g);
      }
      if (totals.batches % 5 === 0 || totals.responses === total) bar.update(totals.responses, `${(totals.writeUnits / totals.responses).toFixed(2)} WCU/resp`);
    }
    totals.seconds = (performance.now() - start) / 1000;
    totals.meteredWrites = takeCapacity().write;
    bar.done();
    return totals;
  }

  async function putRecent(): Promise<void> {
    const items = recent.splice(0).map((g) => {
      const { kind, ...rest } = g.response;
      return { ...keys.response(g.response.invitationId), ...keys.responseExport(g.response.brandId, g.response.storeId, g.response.day, g.response.responseId), ...rest, ...(kind === 'survey' ? {} : { kind }) };
    });
    for (let i = 0; i < items.length; i += 25 * 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, j) => items.slice(i + j * 25, i + (j + 1) * 25)).filter((chunk) => chunk.length).map(async (chunk) => {
          let pending: Record<string, unknown>[] | undefined = chunk.map((Item) => ({ PutRequest: { Item } }));
          while (pending?.length) {
            const answer = await db.send(new BatchWriteCommand({ RequestItems: { [TABLES.responses]: pending as never } }));
            pending = answer.UnprocessedItems?.[TABLES.responses] as Record<string, unknown>[] | undefined;
          }
        }),
      );
    }
  }

  /** The month roll-ups the reads built: stale once the bench writes into those months again. */
  async function deleteRollUps(): Promise<number> {
    let deleted = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: TABLES.insight, FilterExpression: 'begins_with(sk, :m)', ExpressionAttributeValues: { ':m': 'M#' }, ProjectionExpression: 'pk, sk', ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      const items = page.Items ?? [];
      for (let i = 0; i < items.length; i += 25) {
        let pending: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        while (pending?.length) {
          const answer = await db.send(new BatchWriteCommand({ RequestItems: { [TABLES.insight]: pending as never } }));
          pending = answer.UnprocessedItems?.[TABLES.insight] as Record<string, unknown>[] | undefined;
        }
      }
      deleted += items.length;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return deleted;
  }

  // ---------- the dashboard queries ----------
  const from90 = stream.firstDay();
  const QUERIES: { name: string; metric: string; query: Record<string, string> }[] = [];
  for (const [period, range] of [['28 d (default)', {}], ['90 d', { from: from90, to: stream.lastDay }]] as const) {
    QUERIES.push(
      { name: `nps total, ${period}`, metric: 'nps', query: { ...range } },
      { name: `nps by store (${STORES}), ${period}`, metric: 'nps', query: { ...range, groupBy: 'store' } },
      { name: `nps by day, ${period}`, metric: 'nps', query: { ...range, groupBy: 'day' } },
      { name: `csat, ${period}`, metric: 'csat', query: { ...range } },
      { name: `reasons, ${period}`, metric: 'reasons', query: { ...range } },
      { name: `themes (with example comments), ${period}`, metric: 'themes', query: { ...range } },
      { name: `loop, ${period}`, metric: 'loop', query: { ...range } },
      { name: `outcomes, ${period}`, metric: 'outcomes', query: { ...range } },
    );
  }

  async function call(metric: string, query: Record<string, string>) {
    const event = {
      version: '2.0', routeKey: 'GET /v1/metrics/{metric}', rawPath: `/v1/metrics/${metric}`, rawQueryString: new URLSearchParams(query).toString(),
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' }, pathParameters: { metric }, queryStringParameters: Object.keys(query).length ? query : undefined,
      requestContext: { http: { method: 'GET', path: `/v1/metrics/${metric}` } }, isBase64Encoded: false,
    };
    const start = performance.now();
    const result = await getMetrics(event as never, {} as never, () => undefined);
    const ms = performance.now() - start;
    const answer = result as { statusCode?: number; body?: string };
    if (answer.statusCode !== 200) throw new Error(`GET /v1/metrics/${metric}?${event.rawQueryString}: ${answer.statusCode} ${answer.body}`);
    return { ms, body: JSON.parse(String(answer.body)) as Record<string, unknown> };
  }

  interface QueryTiming { cold: number; coldRead: number; coldWrite: number; warm: number; warmRead: number }
  async function timeQueries(): Promise<Map<string, QueryTiming>> {
    const timings = new Map<string, QueryTiming>();
    for (const q of QUERIES) {
      takeCapacity();
      const cold = await call(q.metric, q.query);
      const coldCapacity = takeCapacity();
      const warm: number[] = [];
      for (let i = 0; i < WARM_RUNS; i++) warm.push((await call(q.metric, q.query)).ms);
      const warmCapacity = takeCapacity();
      timings.set(q.name, { cold: cold.ms, coldRead: coldCapacity.read, coldWrite: coldCapacity.write, warm: median(warm), warmRead: warmCapacity.read / WARM_RUNS });
    }
    return timings;
  }

  /** The 90-day NPS total must count every generated answer: the figures are what was written. */
  async function countCheck(): Promise<{ counted: number; generated: number }> {
    const { body } = await call('nps', { from: from90, to: stream.lastDay });
    const total = body.total as { n?: number };
    return { counted: Number(total.n), generated: [...generatedByDay.values()].reduce((a, b) => a + b, 0) };
  }

  const figures: Figure[] = [];
  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);
  const generationFigures = (g: GenerationFigures, what: string): Figure[] => [
    { section: SECTION, metric: `aggregation write units per response (${what}: ${g.batches} stream batches of ≤${BATCH} records in day order, merged per row and batch; ${(g.updates / g.responses).toFixed(2)} row updates per response)`, value: g.writeUnits / g.responses, unit: 'WCU', budget: WCU_BUDGET },
    { section: SECTION, metric: `aggregation write units per response, as metered on the client (${what})`, value: g.meteredWrites / g.responses, unit: 'WCU' },
    { section: SECTION, metric: `generation throughput through aggregateRecords into DynamoDB Local (${what}, jieba themes, 1 shard)`, value: g.responses / g.seconds, unit: 'resp/s' },
  ];
  const [small, big] = options.sizes;

  const first = await generate(small, label(small));
  await putRecent();
  figures.push(...generationFigures(first, `${label(small)} responses`));
  const smallCheck = await countCheck();
  const smallTimings = await timeQueries();
  options.log(`insight: ${label(small)} queried; dropped ${await deleteRollUps()} month roll-ups before generating on`);

  const rest = await generate(big - small, `${label(small)}→${label(big)}`);
  await putRecent();
  figures.push(...generationFigures(rest, `${label(small)} → ${label(big)} responses`));
  const bigCheck = await countCheck();
  const bigTimings = await timeQueries();

  for (const [n, check] of [[small, smallCheck], [big, bigCheck]] as const) {
    figures.push({ section: SECTION, metric: `90-day NPS n minus responses generated, at ${label(n)} (${check.counted} counted)`, value: check.counted - check.generated, unit: 'responses', budget: 0 });
  }
  for (const [n, timings] of [[small, smallTimings], [big, bigTimings]] as const) {
    for (const q of QUERIES) {
      const t = timings.get(q.name)!;
      figures.push(
        { section: SECTION, metric: `${label(n)}: ${q.name} — warm (median of ${WARM_RUNS}; ${round(t.warmRead, 1)} RCU)`, value: t.warm, unit: 'ms', budget: QUERY_BUDGET_MS },
        { section: SECTION, metric: `${label(n)}: ${q.name} — cold first read (builds month roll-ups; ${round(t.coldRead, 1)} RCU, ${round(t.coldWrite, 1)} WCU)`, value: t.cold, unit: 'ms', budget: QUERY_BUDGET_MS },
      );
    }
  }
  for (const q of QUERIES) {
    const s = smallTimings.get(q.name)!;
    const b = bigTimings.get(q.name)!;
    figures.push({ section: SECTION, metric: `${label(big)} / ${label(small)}: ${q.name} (warm; read units ${round(b.warmRead, 1)} / ${round(s.warmRead, 1)})`, value: b.warm / s.warm, unit: '×', budget: SCALE_BUDGET });
  }
  return figures;
}

export const insightSizes = (): [number, number] => {
  const [small, big] = (process.env.BENCH_INSIGHT_SIZES ?? '10000,1000000').split(',').map(Number);
  if (!(small > 0 && big > small)) throw new Error('BENCH_INSIGHT_SIZES: two increasing counts, e.g. 10000,1000000');
  return [small, big];
};
