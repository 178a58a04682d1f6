/**
 * The insight phase of `npm run bench` (its own child process and its own DynamoDB Local, in memory):
 *
 * 1. a generator writes synthetic responses of two 500-store chains (bench/insight-data.ts), one of 10k
 *    and one of 1M, each under its own brand in the same tables, THROUGH THE AGGREGATION CODE — stream
 *    records (INSERT, NEW_IMAGE) in 1000-record batches, in day order, into `aggregateRecords` (the
 *    stream handler's body: merge per row and batch, one conditional ADD per row under the shard's
 *    watermark) — and measures the write units per response and the throughput; past a sample, the
 *    1M chain goes in day-sized batches (same code, fewer merges) to keep the bench short;
 * 2. then times every dashboard query through the metrics Lambda handler (in process, each chain's
 *    manager's token), with the read units each costs: its first call, then rounds of warm calls over
 *    every query, the two chains in turns. Timed side by side, a slow spell of this shared machine
 *    lands on both sizes alike (timed one after the other, minutes apart, the 1M / 10k ratio of a
 *    10 ms query swung from 0.9 to 1.6 between runs with the same read units), and spread over rounds
 *    it lands on every query a little rather than on one query's whole block of calls.
 *
 * Month roll-ups: in production the aggregate stream rolls up each group's month as a live answer
 * closes it (aggregate-stream `closeMonths`), and a reader sums a month's days itself only when its
 * roll-up is missing or marked stale. The generator is a backfill — it writes 90 days at once, so it
 * closes no month — and once it is done the bench does what the stream would have done over those
 * 90 days: it rolls up every closed month of every group (`rollUpClosedMonths`), timed on its own.
 *
 * The responses table holds each store's NEWEST_PER_STORE newest answers (not all 1M): the themes'
 * example comments are the only reader, and it reads at most a page per store, newest first.
 *
 * Capacity is counted by a middleware on the functions' own DynamoDB client that asks every call for
 * ReturnConsumedCapacity TOTAL and sums the answers (the metered stack's proxy does the same over HTTP;
 * in process it adds nothing to the timings).
 */
import { prng } from '../functions/local/prng';
import type { Figure } from './lib';
import { median, round } from './lib';
import { DYNAMODB_JAVA_OPTIONS, createTables, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { physicalTableName } from '@xinsheng/infra';
import type { SurveyDefinition } from '@xinsheng/shared';
import {
  BENCH_CHAIN, DAYS, REGIONS, ResponseStream, SHARD_ID, STAFF_PER_STORE, STORES, TIME_ZONE, benchStores, benchSurvey, type BenchChain, type BenchStore, type Generated,
} from './insight-data';

const SECTION = 'insight';
const QUERY_BUDGET_MS = 200;
const SCALE_BUDGET = 1.2;
const WCU_BUDGET = 3;
const BATCH = 1000;
/**
 * Warm calls per query, of which the median is the figure: 61, so the 1M / 10k ratios of the ~10 ms
 * queries stand on more than a handful of calls (with 15, CSAT 90 d read 1.27× on the same read units;
 * with 31, the ten ~10 ms ratios of one run spread over 1.08–1.22× — a millisecond either way).
 */
const WARM_RUNS = 61;
/** The small chain: the same 500 stores, its own brand and ids. */
const SMALL_CHAIN: BenchChain = { brandId: 'bench-small', surveyId: 'bench-small-nps', storePrefix: 'bq' };
/**
 * Answers per store put into the responses table, the newest: the themes' example comments read at
 * most a page of 6 per store, newest first, within a period ending today — these are all it can read.
 */
const NEWEST_PER_STORE = 20;
const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`);

export interface InsightOptions {
  port: number;
  /** Responses of the small brand, and of the big one (default 10k and 1M; BENCH_INSIGHT_SIZES="10000,50000" while developing). */
  sizes: [number, number];
  /** Responses of the 10k → 1M pass fed in 1000-record stream batches (the write-unit floor); the rest go in day-sized batches. */
  streamSample: number;
  /** Smaller batch sizes whose write units are measured apart (a short batching window at the chain's real arrival rate). */
  smallBatches: number[];
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
  // A million responses' rows in one engine, and the month close's thousands of roll-ups: with the
  // stack's 128 MB heap the engine failed (InternalFailure) on the first query after the close.
  const dynamo = await startDynamoDbLocal({ port: options.port, inMemory: true, javaOptions: DYNAMODB_JAVA_OPTIONS.replace(/-Xmx\S+/, '-Xmx768m') });
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
  const { PutCommand, BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { ZBrand, ZSurveyDefinition, ZStaffRecord, LEGACY_TOUCHPOINTS, addDays, isMonthClosed, leagueBucket, todayIn } = await import('@xinsheng/shared');
  const { rollUpClosedMonths } = await import('../functions/src/data/insight-read-repo');
  const { PER_STORE } = await import('../functions/src/insight/theme-examples');
  if (PER_STORE > NEWEST_PER_STORE) throw new Error(`bench: the example reader reads ${PER_STORE} answers a store, the bench keeps ${NEWEST_PER_STORE}`);

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

  // ---------- the chains: brand, survey, 500 stores, a manager each ----------
  const now = new Date();
  const today = todayIn(now, TIME_ZONE);
  const [smallSize, bigSize] = options.sizes;

  interface Chain {
    label: string;
    size: number;
    brandId: string;
    stores: BenchStore[];
    survey: SurveyDefinition;
    token: string;
    stream: ResponseStream;
    /** Responses per day counted, to check the query totals against. */
    generatedByDay: Map<string, number>;
    /** Each store's newest answers, put into the responses table as the submit would (the themes' example comments read them). */
    newest: Map<string, Generated[]>;
  }

  async function setUpChain(chain: BenchChain, size: number, seed: number): Promise<Chain> {
    const stores = benchStores(chain);
    const survey = benchSurvey(DEMO_SURVEY, chain);
    await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.brand(chain.brandId), ...ZBrand.parse({ brandId: chain.brandId, name: `基准连锁 ${label(size)}`, defaultSurveyId: chain.surveyId }) } }));
    await db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.surveyVersion(survey.surveyId, survey.version), ...ZSurveyDefinition.parse(survey) } }));
    for (let i = 0; i < stores.length; i += 25) await Promise.all(stores.slice(i, i + 25).map(({ weight, promoter, detractor, drift, ...store }) => putStore(store)));
    if (!(await getBrand(chain.brandId))) throw new Error(`bench brand ${chain.brandId} was not stored`);
    const manager = ZStaffRecord.parse({
      staffId: `${chain.brandId}-hq`, brandId: chain.brandId, name: '总部经理', role: 'manager', scope: { allRegions: true }, passwordHash: 'unused', createdAt: now.toISOString(),
    });
    await putStaff(manager);
    const { token } = await issueStaffToken(manager.staffId, chain.brandId, now);
    return { label: label(size), size, brandId: chain.brandId, stores, survey, token, stream: new ResponseStream(stores, survey, today, prng(seed)), generatedByDay: new Map(), newest: new Map() };
  }

  const small = await setUpChain(SMALL_CHAIN, smallSize, 10);
  const big = await setUpChain(BENCH_CHAIN, bigSize, 90);
  const chains = [small, big];
  options.log(`insight: two chains of ${STORES} stores in ${REGIONS} regions, ${STAFF_PER_STORE} staff each, ${DAYS} days ending ${today}: ${small.label} and ${big.label} responses`);

  // jieba loads once per Lambda container (its init phase): not part of the throughput.
  loadThemeSegmenter();

  // ---------- the generator, through the aggregation ----------
  interface Totals { responses: number; seconds: number; writeUnits: number; updates: number; batches: number }
  const empty = (): Totals => ({ responses: 0, seconds: 0, writeUnits: 0, updates: 0, batches: 0 });
  interface Generation { stream: Totals; day: Totals; meteredWrites: number }

  /**
   * The chain's responses through `aggregateRecords`: the first `streamBatched` in stream batches of
   * BATCH records, the rest (if any) in batches of one store-local day each — the same code, the same
   * watermarks, only fewer and bigger merges. Each kind's write units and time are kept apart.
   */
  async function generate(chain: Chain, streamBatched: number): Promise<Generation> {
    const bar = progress(`insight: generating the ${chain.label} chain`, chain.size);
    const totals: Generation = { stream: empty(), day: empty(), meteredWrites: 0 };
    let done = 0;
    takeCapacity();
    for (const { batch } of chain.stream.batches(chain.size, (emitted) => (emitted < streamBatched ? BATCH : Infinity), chain.label)) {
      const kind = batch.length <= BATCH && done < streamBatched ? totals.stream : totals.day;
      const start = performance.now();
      const result = await aggregateRecords(batch.map((g) => g.record), { shardId: SHARD_ID, themes: (comment) => extractThemes(comment) });
      kind.seconds += (performance.now() - start) / 1000;
      kind.responses += result.responses;
      kind.writeUnits += result.writeUnits;
      kind.updates += result.updates;
      kind.batches++;
      done += batch.length;
      for (const g of batch) {
        chain.generatedByDay.set(g.response.day, (chain.generatedByDay.get(g.response.day) ?? 0) + 1);
        // Generated in day order: the last NEWEST_PER_STORE of a store are its newest.
        const list = chain.newest.get(g.response.storeId) ?? [];
        list.push(g);
        if (list.length > NEWEST_PER_STORE) list.shift();
        chain.newest.set(g.response.storeId, list);
      }
      const all = totals.stream.writeUnits + totals.day.writeUnits;
      bar.update(done, `${(all / done).toFixed(2)} WCU/resp`);
    }
    totals.meteredWrites = takeCapacity().write;
    bar.done();
    return totals;
  }

  /** Each store's newest answers into the responses table (25 an item batch, 8 batches at once). */
  async function putNewest(chain: Chain): Promise<number> {
    const items = [...chain.newest.values()].flat().map((g) => g.item);
    chain.newest.clear();
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
    return items.length;
  }

  /**
   * What the stream does as months close (a live answer rolls up its groups' previous month), for the
   * whole backfilled history at once: every group of the chain, every closed month of the 90 days.
   */
  async function closeMonths(chain: Chain): Promise<{ seconds: number; rolled: number; groups: number; read: number; write: number }> {
    // The 90 days and the 90 before them (a period's comparison reads those too; there the months are empty).
    const months = [...new Set(Array.from({ length: 2 * DAYS }, (_, i) => addDays(chain.stream.firstDay(), i - DAYS).slice(0, 7)))].filter((m) => isMonthClosed(m, today));
    const tps = LEGACY_TOUCHPOINTS.map((t) => t.id);
    const { stores } = chain;
    const groups = [
      { dimension: 'brand' as const, key: chain.brandId },
      ...[...new Set(stores.map((s) => s.region))].map((key) => ({ dimension: 'region' as const, key })),
      ...stores.map((s) => ({ dimension: 'store' as const, key: s.storeId })),
      ...stores.flatMap((s) => s.staffIds.map((key) => ({ dimension: 'staff' as const, key }))),
      ...tps.map((key) => ({ dimension: 'touchpoint' as const, key })),
      ...stores.flatMap((s) => tps.map((tp) => ({ dimension: 'store_touchpoint' as const, key: `${s.storeId}|${tp}` }))),
      ...[...new Set(stores.map((s) => leagueBucket(s.storeId)))].map((key) => ({ dimension: 'store_league' as const, key })),
    ];
    takeCapacity();
    const start = performance.now();
    const rolled = await rollUpClosedMonths(chain.brandId, groups, months);
    const seconds = (performance.now() - start) / 1000;
    const capacity = takeCapacity();
    options.log(`insight: ${chain.label} chain: rolled up ${rolled} months (${months.join(', ')}) of ${groups.length} groups in ${seconds.toFixed(1)} s`);
    return { seconds, rolled, groups: groups.length, read: capacity.read, write: capacity.write };
  }

  // ---------- the dashboard queries ----------
  const from90 = big.stream.firstDay();
  const QUERIES: { name: string; metric: string; query: Record<string, string> }[] = [];
  for (const [period, range] of [['28 d (default)', {}], ['90 d', { from: from90, to: today }]] as const) {
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

  /** One query of a chain's manager through the handler: its time, its answer and the capacity it used. */
  async function call(chain: Chain, metric: string, query: Record<string, string>) {
    const event = {
      version: '2.0', routeKey: 'GET /v1/metrics/{metric}', rawPath: `/v1/metrics/${metric}`, rawQueryString: new URLSearchParams(query).toString(),
      headers: { authorization: `Bearer ${chain.token}`, 'accept-language': 'zh-CN' }, pathParameters: { metric }, queryStringParameters: Object.keys(query).length ? query : undefined,
      requestContext: { http: { method: 'GET', path: `/v1/metrics/${metric}` } }, isBase64Encoded: false,
    };
    takeCapacity();
    const start = performance.now();
    const result = await getMetrics(event as never);
    const ms = performance.now() - start;
    const capacity = takeCapacity();
    const answer = result as { statusCode?: number; body?: string };
    if (answer.statusCode !== 200) throw new Error(`${chain.label} chain: GET /v1/metrics/${metric}?${event.rawQueryString}: ${answer.statusCode} ${answer.body}`);
    return { ms, capacity, body: JSON.parse(String(answer.body)) as Record<string, unknown> };
  }

  interface QueryTiming { cold: number; coldRead: number; coldWrite: number; warm: number; warmRead: number }
  /**
   * Every query of both chains: first read each, then WARM_RUNS rounds of warm calls, each round
   * every query of each chain in turns (the order swapped every round). Both sizes meet the machine
   * in the same state, and a slow spell of this shared 2-core machine spreads over every query's
   * calls instead of landing on the one whose calls were running — the ratio compares sizes, not moments.
   */
  async function timeQueries(): Promise<Map<Chain, Map<string, QueryTiming>>> {
    const cold = new Map<string, Map<Chain, Awaited<ReturnType<typeof call>>>>();
    for (const q of QUERIES) {
      const firsts = new Map<Chain, Awaited<ReturnType<typeof call>>>();
      for (const chain of chains) firsts.set(chain, await call(chain, q.metric, q.query));
      cold.set(q.name, firsts);
    }
    const warm = new Map<string, { ms: number[]; read: number }>();
    const warmKey = (chain: Chain, q: (typeof QUERIES)[number]) => `${chain.label}|${q.name}`;
    for (let i = 0; i < WARM_RUNS; i++) {
      for (const q of QUERIES) {
        for (const chain of i % 2 ? [...chains].reverse() : chains) {
          const { ms, capacity } = await call(chain, q.metric, q.query);
          const w = warm.get(warmKey(chain, q)) ?? { ms: [], read: 0 };
          w.ms.push(ms);
          w.read += capacity.read;
          warm.set(warmKey(chain, q), w);
        }
      }
    }
    const timings = new Map<Chain, Map<string, QueryTiming>>(chains.map((c) => [c, new Map()]));
    for (const q of QUERIES) {
      for (const chain of chains) {
        const first = cold.get(q.name)!.get(chain)!;
        const w = warm.get(warmKey(chain, q))!;
        timings.get(chain)!.set(q.name, { cold: first.ms, coldRead: first.capacity.read, coldWrite: first.capacity.write, warm: median(w.ms), warmRead: w.read / WARM_RUNS });
      }
    }
    return timings;
  }

  /** The 90-day NPS total must count every generated answer: the figures are what was written. */
  async function countCheck(chain: Chain): Promise<{ counted: number; generated: number }> {
    const { body } = await call(chain, 'nps', { from: from90, to: today });
    const total = body.total as { n?: number };
    return { counted: Number(total.n), generated: [...chain.generatedByDay.values()].reduce((a, b) => a + b, 0) };
  }

  const figures: Figure[] = [];
  const sample = Math.min(bigSize, options.streamSample);
  const wcu = (t: Totals) => t.writeUnits / t.responses;
  const perUpdate = (t: Totals) => `${(t.updates / t.responses).toFixed(2)} row updates per response`;

  // 1. The small chain, every answer in 1000-record stream batches. Not the floor's load (that is the 1M
  // chain's, below): here a batch spans days of a sparse brand, so a response's store, staff and
  // store × touchpoint rows are ~3 updates of their own whatever the layout — shown for what it is.
  const first = await generate(small, smallSize);
  figures.push(
    { section: SECTION, metric: `aggregation write units per response at ${small.label}, for comparison (${first.stream.batches} stream batches of ${BATCH}; a sparse brand: a batch spans ~${Math.ceil((BATCH / smallSize) * DAYS)} days, so a response's store, staff and store × touchpoint rows merge with no other; ${perUpdate(first.stream)})`, value: wcu(first.stream), unit: 'WCU' },
    { section: SECTION, metric: `generation + aggregation throughput at ${small.label} (stream batches of ${BATCH}, jieba themes, 1 shard, into DynamoDB Local)`, value: first.stream.responses / first.stream.seconds, unit: 'resp/s' },
  );

  // 2. The big chain: a sample in stream batches (the write-unit floor), the bulk in day-sized batches (time).
  const rest = await generate(big, sample);
  figures.push(
    { section: SECTION, metric: `aggregation write units per response at the ${big.label} load (${label(sample)} responses in ${rest.stream.batches} stream batches of ${BATCH}, day order, ~${Math.round(bigSize / DAYS).toLocaleString('en')} answers a day: merged per row and batch; ${perUpdate(rest.stream)})`, value: wcu(rest.stream), unit: 'WCU', budget: WCU_BUDGET },
    { section: SECTION, metric: `generation + aggregation throughput, stream batches of ${BATCH} at the ${big.label} load (1 shard, jieba themes)`, value: rest.stream.responses / rest.stream.seconds, unit: 'resp/s' },
    ...(rest.day.responses ? [
      { section: SECTION, metric: `bulk load: the other ${label(rest.day.responses)} through aggregateRecords in one batch per store-local day (${rest.day.batches} batches; same merge and watermarks, fewer updates: ${perUpdate(rest.day)}) — write units per response`, value: wcu(rest.day), unit: 'WCU' },
      { section: SECTION, metric: 'bulk load throughput (day-sized batches)', value: rest.day.responses / rest.day.seconds, unit: 'resp/s' },
    ] : []),
    { section: SECTION, metric: `write units per response over the ${big.label} chain as generated (stream-batched sample + bulk)`, value: (rest.stream.writeUnits + rest.day.writeUnits) / (rest.stream.responses + rest.day.responses), unit: 'WCU' },
    { section: SECTION, metric: 'write units per response as metered on the client (cross-check of the line above, same load)', value: rest.meteredWrites / (rest.stream.responses + rest.day.responses), unit: 'WCU' },
    { section: SECTION, metric: `generation time of the ${big.label} chain (stream-batched sample and bulk)`, value: rest.stream.seconds + rest.day.seconds, unit: 's' },
  );
  for (const chain of chains) options.log(`insight: ${chain.label} chain: ${await putNewest(chain)} newest answers (up to ${NEWEST_PER_STORE} a store) in the responses table`);
  const closes = new Map<Chain, Awaited<ReturnType<typeof closeMonths>>>();
  for (const chain of chains) closes.set(chain, await closeMonths(chain));

  const timings = await timeQueries();
  const checks = new Map<Chain, Awaited<ReturnType<typeof countCheck>>>();
  for (const chain of chains) checks.set(chain, await countCheck(chain));

  // 3. What a batch holds in production depends on the arrival rate and the batching window: the same day's answers in smaller batches.
  for (const size of options.smallBatches) {
    const n = Math.min(2000, size * 200);
    const other = new ResponseStream(big.stores, big.survey, today, prng(size), 10n ** 20n, `bench-batch-${size}`);
    const totals = empty();
    takeCapacity();
    for (const { batch } of other.batches(n, () => size, `x${size}`, 1)) {
      const result = await aggregateRecords(batch.map((g) => g.record), { shardId: SHARD_ID, themes: (comment) => extractThemes(comment) });
      totals.responses += result.responses;
      totals.writeUnits += result.writeUnits;
      totals.updates += result.updates;
    }
    figures.push({ section: SECTION, metric: `write units per response in batches of ${size} (${n} answers of one day of a 500-store chain; ${perUpdate(totals)}): what a batching window that gathers only ${size} answers costs`, value: wcu(totals), unit: 'WCU', budget: WCU_BUDGET });
  }

  for (const chain of chains) {
    const check = checks.get(chain)!;
    figures.push({ section: SECTION, metric: `90-day NPS n minus responses generated, at ${chain.label} (${check.counted} counted)`, value: check.counted - check.generated, unit: 'responses', budget: 0 });
  }
  for (const chain of chains) {
    const close = closes.get(chain)!;
    figures.push({ section: SECTION, metric: `${chain.label}: month close — ${close.rolled} roll-ups of ${close.groups} groups summed (${round(close.read, 1)} RCU, ${round(close.write, 1)} WCU; the stream does this as each month closes)`, value: close.seconds, unit: 's' });
  }
  for (const chain of chains) {
    for (const q of QUERIES) {
      const t = timings.get(chain)!.get(q.name)!;
      figures.push(
        { section: SECTION, metric: `${chain.label}: ${q.name} — warm (median of ${WARM_RUNS}, in turns with the other chain; ${round(t.warmRead, 1)} RCU)`, value: t.warm, unit: 'ms', budget: QUERY_BUDGET_MS },
        { section: SECTION, metric: `${chain.label}: ${q.name} — first read (months rolled up as they closed; ${round(t.coldRead, 1)} RCU, ${round(t.coldWrite, 1)} WCU)`, value: t.cold, unit: 'ms', budget: QUERY_BUDGET_MS },
      );
    }
  }
  for (const q of QUERIES) {
    const s = timings.get(small)!.get(q.name)!;
    const b = timings.get(big)!.get(q.name)!;
    figures.push({ section: SECTION, metric: `${big.label} / ${small.label}: ${q.name} (warm; read units ${round(b.warmRead, 1)} / ${round(s.warmRead, 1)})`, value: b.warm / s.warm, unit: '×', budget: SCALE_BUDGET });
  }
  return figures;
}

/**
 * The phase's sizes from the environment: BENCH_INSIGHT_SIZES (default "10000,1000000"; e.g.
 * "10000,50000" while developing), BENCH_INSIGHT_SAMPLE (responses of the second pass in stream
 * batches, default 50000; the rest go in day-sized batches), BENCH_INSIGHT_SMALL_BATCHES (default "10,100,1000": one dense day in batches of that size).
 */
export function insightSizes(): Pick<InsightOptions, 'sizes' | 'streamSample' | 'smallBatches'> {
  const [small, big] = (process.env.BENCH_INSIGHT_SIZES ?? '10000,1000000').split(',').map(Number);
  if (!(small > 0 && big > small)) throw new Error('BENCH_INSIGHT_SIZES: two increasing counts, e.g. 10000,1000000');
  const streamSample = Number(process.env.BENCH_INSIGHT_SAMPLE ?? 50_000);
  if (!(streamSample >= 0)) throw new Error('BENCH_INSIGHT_SAMPLE: a count of responses');
  const smallBatches = (process.env.BENCH_INSIGHT_SMALL_BATCHES ?? '10,100,1000').split(',').filter(Boolean).map(Number);
  if (smallBatches.some((n) => !(n >= 1))) throw new Error('BENCH_INSIGHT_SMALL_BATCHES: batch sizes, e.g. 10,100');
  return { sizes: [small, big], streamSample, smallBatches };
}
