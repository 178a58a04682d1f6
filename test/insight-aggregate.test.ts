/**
 * The insight counters are exactly once: randomized responses (stores, regions, staff, touchpoints,
 * days, recovery answers) reach the aggregation through two shards, in batches whose boundaries
 * change on every redelivery, with records delivered again after success, crashes half-way through
 * a batch's row updates, throttled writes and writes whose answer is lost — and every counter row
 * then equals a recomputation from the raw responses by a small, independent implementation below.
 * Then the real thing: a trigger and a submit over HTTP, and the poller puts the answer in the rows.
 * (helpers must be imported first: it points this process at the test stack before the functions load.)
 */
import { answer, consumerSession, receiptInvitation, stack, submit, unique } from './helpers';
import { eventually } from './followup-helpers';
import { QueryCommand, type UpdateCommand, type UpdateCommandOutput } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { ZFollowUpPolicy, ZResponseRecord, counterAttributes, leagueBucket, zonedDay, type ResponseRecord } from '@xinsheng/shared';
import { TABLES, db, dynamoClient } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { putNewTask } from '../functions/src/data/tasks-repo';
import { planTask } from '../functions/src/followup/routing';
import { taskFromResponse } from '../functions/src/followup/create-callback-task';
import { encodeSequence, type UpdateSender } from '../functions/src/data/insight-repo';
import { aggregateRecords, createAggregateHandler, type AggregateOptions } from '../functions/src/insight/aggregate-stream';

afterAll(() => dynamoClient.destroy());

// ---------- the test's own themes (the extractor is an input of aggregation, not what is tested) ----------
const LEXICON: [string, string][] = [['排队', 'waiting'], ['慢', 'speed'], ['态度', 'attitude'], ['干净', 'clean'], ['贵', 'price']];
const themesOf = (comment: string) => LEXICON.filter(([word]) => comment.includes(word)).map(([, theme]) => theme);
const COMMENTS = ['排队太久了', '收银太慢', '店员态度好', '很干净，就是有点贵', '排队慢，态度也差', '还行', ''];

// ---------- the independent recomputation ----------
type Row = Record<string, number>;

/** The Monday of a day's week, worked out here rather than taken from the code under test. */
function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

function bandOf(nps: number) {
  return nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';
}

function rowsOf(r: { brandId: string; region: string; storeId: string; staffId?: string; touchpoint: string }, day: string): string[] {
  const pks = [`brand#${r.brandId}`, `region#${r.region}`, `store#${r.storeId}`, `touchpoint#${r.touchpoint}`, `store_touchpoint#${r.storeId}|${r.touchpoint}`];
  if (r.staffId) pks.push(`staff#${r.staffId}`);
  return pks.map((p) => `AGG#${r.brandId}#${p}|D#${day}`);
}

/** Every counter row of these responses, from scratch: row id (`pk|sk`) → attribute → count. */
function recompute(responses: ResponseRecord[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  const add = (ids: string[], name: string, value: number) => {
    for (const id of ids) {
      const row = rows.get(id) ?? {};
      row[name] = (row[name] ?? 0) + value;
      rows.set(id, row);
    }
  };
  const byId = new Map(responses.map((r) => [r.responseId, r]));
  for (const r of responses) {
    const { nps, csat, ces, reasons, comment } = r.answers;
    if (r.kind === 'recovery') {
      const original = byId.get(r.taskId ?? '')!;
      const ids = rowsOf(original, original.day);
      add(ids, 'l:rs', 1);
      add(ids, 'l:sb', original.answers.nps);
      add(ids, 'l:sa', nps);
      if (nps >= 7) add(ids, 'l:rc', 1);
      continue;
    }
    const ids = rowsOf(r, r.day);
    const band = bandOf(nps);
    // The store league: the store's band on its league partition's day row and on its week's row, named by
    // the week's Monday (the partition is layout, taken from shared).
    const league = `AGG#${r.brandId}#store_league#${leagueBucket(r.storeId)}`;
    add([`${league}|D#${r.day}`, `${league}|W#${mondayOf(r.day)}`], `s:${r.storeId}:${band === 'promoter' ? 'p' : band === 'passive' ? 'a' : 'd'}`, 1);
    add(ids, `n${nps}`, 1);
    if (csat !== undefined) add(ids, `c${csat}`, 1);
    if (ces !== undefined) add(ids, `e${ces}`, 1);
    for (const reason of new Set(reasons ?? [])) add(ids, `r:${band}:${reason}`, 1);
    for (const theme of new Set(themesOf(comment ?? ''))) {
      add(ids, `h:${theme}`, 1);
      if (band === 'promoter') add(ids, `hp:${theme}`, 1);
      if (band === 'detractor') add(ids, `hd:${theme}`, 1);
    }
    if (r.amountFen !== undefined) {
      const amountBand = r.amountFen >= 50_000 ? 'ge500' : r.amountFen >= 20_000 ? '200to500' : r.amountFen >= 10_000 ? '100to200' : r.amountFen >= 5_000 ? '50to100' : 'lt50';
      add(ids, `v:${amountBand}:${band === 'promoter' ? 'p' : band === 'passive' ? 'a' : 'd'}`, 1);
      add(ids, 'm:sum', r.amountFen);
      add(ids, 'm:n', 1);
    }
    if (r.channel) add(ids, `i:${r.channel}:answered`, 1);
    if (nps <= 6 || (csat !== undefined && csat <= 2)) add(ids, 'l:cb', 1);
    if (r.customerHash) add(ids, `rp:${band}:c`, 1);
  }
  // The brand's week row: every counter of its days (re-surveys' included, under their cohort's day).
  for (const [id, row] of [...rows]) {
    const day = /^(AGG#[^#]+#brand#[^|]+)\|D#(.+)$/.exec(id);
    if (!day) continue;
    for (const [name, value] of Object.entries(row)) add([`${day[1]}|W#${mondayOf(day[2])}`], name, value);
  }
  return rows;
}

/** What the insight table holds under these rows' partitions: row id → counters (watermarks and keys left out). */
async function stored(rowIds: Iterable<string>): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const pk of new Set([...rowIds].map((id) => id.replace(/\|[DW]#[^|]*$/, '')))) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new QueryCommand({ TableName: TABLES.insight, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        // Day and week rows: a month roll-up (or its stale mark, which a re-survey of a past month leaves) is another test's.
        if (String(item.sk).startsWith('M#')) continue;
        // Its counters as the readers take them (league counts are stored packed, counters.ts `storedCounters`).
        out.set(`${String(item.pk)}|${String(item.sk)}`, counterAttributes(item));
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return out;
}

/** Rows in a comparable order; a counter at 0 is the same as one never written (a reader sees 0 either way). */
const sorted = (rows: Map<string, Row>) =>
  Object.fromEntries([...rows].sort(([a], [b]) => a.localeCompare(b)).map(([id, row]) => [id, Object.fromEntries(Object.entries(row).filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)))]));

// ---------- synthetic responses and their stream records ----------
const STORES = [
  { storeId: 's-1', region: 'east', timeZone: 'Asia/Shanghai' }, { storeId: 's-2', region: 'east', timeZone: 'Asia/Shanghai' },
  { storeId: 's-3', region: 'north', timeZone: 'Asia/Shanghai' }, { storeId: 's-4', region: 'north', timeZone: 'Asia/Shanghai' },
  { storeId: 's-5', region: 'west', timeZone: 'Asia/Urumqi' }, { storeId: 's-6', region: 'west', timeZone: 'Asia/Urumqi' },
];
const DAY0 = Date.parse('2025-03-10T02:00:00Z');

const arbAnswer = fc.record({
  store: fc.integer({ min: 0, max: STORES.length - 1 }),
  staff: fc.constantFrom(undefined, 'a', 'b'),
  touchpoint: fc.constantFrom('in_store' as const, 'delivery' as const, 'pickup' as const),
  /** Minutes after DAY0, over three days: some answers fall on the next local day in one zone and not the other. */
  minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  nps: fc.integer({ min: 0, max: 10 }),
  csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  ces: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  reasons: fc.option(fc.uniqueArray(fc.constantFrom('long_wait', 'staff_attitude', 'price', 'clean', 'quality'), { maxLength: 3 }), { nil: undefined }),
  comment: fc.constantFrom(...COMMENTS),
  amountFen: fc.option(fc.integer({ min: 0, max: 80_000 }), { nil: undefined }),
  channel: fc.option(fc.constantFrom('subscribe_message' as const, 'sms' as const, 'receipt' as const), { nil: undefined }),
  identified: fc.boolean(),
});
type GenAnswer = typeof arbAnswer extends fc.Arbitrary<infer T> ? T : never;

function responseOf(brandId: string, i: number, a: GenAnswer, recoveryOf?: ResponseRecord): ResponseRecord {
  const store = STORES[a.store];
  const base = recoveryOf ?? undefined;
  const at = new Date(base ? Date.parse(base.submittedAt) + (a.minute + 60) * 60_000 : DAY0 + a.minute * 60_000);
  const nps = a.nps;
  return ZResponseRecord.parse({
    responseId: `${brandId}-r${i}`,
    invitationId: `${brandId}-i${i}`,
    clientResponseId: `c${i}`,
    brandId,
    storeId: base?.storeId ?? `${brandId}-${store.storeId}`,
    region: base?.region ?? store.region,
    staffId: base ? base.staffId : a.staff && `${brandId}-${store.storeId}-${a.staff}`,
    orderId: `o${i}`,
    touchpoint: base?.touchpoint ?? a.touchpoint,
    surveyId: base ? 'recovery' : 'retail-nps',
    surveyVersion: 1,
    answers: base
      ? { nps }
      : { nps, ...(a.csat !== undefined ? { csat: a.csat } : {}), ...(a.ces !== undefined ? { ces: a.ces } : {}), ...(a.reasons ? { reasons: a.reasons } : {}), ...(a.comment ? { comment: a.comment } : {}) },
    band: bandOf(nps),
    submittedAt: at.toISOString(),
    day: zonedDay(at, base?.timeZone ?? store.timeZone),
    timeZone: base?.timeZone ?? store.timeZone,
    followUp: { callback: nps <= 6 },
    ...(base ? { kind: 'recovery', taskId: base.responseId } : {}),
    ...(!base && a.amountFen !== undefined ? { amountFen: a.amountFen } : {}),
    ...(!base && a.channel ? { channel: a.channel } : {}),
    ...(!base && a.identified ? { customerHash: `h${i}` } : {}),
  });
}

/** The stream record of a response as DynamoDB Streams carries it (NEW_IMAGE of the stored item). */
function streamRecord(response: ResponseRecord, seq: bigint): DynamoDBRecord {
  const { kind, ...rest } = response;
  const item = { ...keys.response(response.invitationId), ...rest, ...(kind === 'survey' ? {} : { kind }) };
  return {
    eventName: 'INSERT',
    eventSourceARN: 'arn:aws:dynamodb:ap-east-1:000000000000:table/responses/stream/test',
    // The lambda types and the SDK's attribute values describe the same JSON.
    dynamodb: { Keys: marshall(keys.response(response.invitationId)) as never, NewImage: marshall(item, { removeUndefinedValues: true }) as never, SequenceNumber: seq.toString(), StreamViewType: 'NEW_IMAGE' },
  };
}

// ---------- faults ----------
/** A tiny deterministic random source (the property's seed drives every fault). */
function randomFrom(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const throttled = () => Object.assign(new Error('injected throttling'), { name: 'ProvisionedThroughputExceededException' });

interface FaultStats { throttled: number; lost: number; crashes: number; attempts: number }

/**
 * An UpdateItem sender that fails like production does: throttled past the SDK's retries (nothing
 * written), the answer lost after the write committed, and — armed per delivery — a crash after k
 * successful row updates (the Lambda dies half-way through its batch).
 */
function faultySender(random: () => number, stats: FaultStats) {
  let crashAfter: number | undefined;
  const send: UpdateSender = async (command: UpdateCommand): Promise<UpdateCommandOutput> => {
    if (crashAfter !== undefined && crashAfter-- <= 0) {
      crashAfter = undefined;
      stats.crashes++;
      throw new Error('injected crash half-way through the batch');
    }
    const roll = random();
    if (roll < 0.006) {
      stats.throttled++;
      throw throttled();
    }
    const answer = await db.send(command);
    if (roll < 0.012) {
      stats.lost++;
      throw Object.assign(new Error('injected lost answer'), { name: 'TimeoutError' });
    }
    return answer;
  };
  return { send, arm: (k: number | undefined) => void (crashAfter = k) };
}

/**
 * Feeds one shard's records like Lambda's mapping does under failures: batches of changing size;
 * a failed batch comes again from its first record with new boundaries (split or merged); a
 * succeeded one is sometimes delivered again in part (a retry after a timeout that had worked).
 */
async function deliverShard(records: DynamoDBRecord[], shardId: string, random: () => number, stats: FaultStats, options: AggregateOptions) {
  const sender = faultySender(random, stats);
  let pos = 0;
  while (pos < records.length) {
    if (++stats.attempts > 2000) throw new Error('no progress');
    const size = 1 + Math.floor(random() * 25);
    const batch = records.slice(pos, pos + size);
    // A record twice in one delivery, now and then.
    const delivered = random() < 0.2 ? [...batch, batch[Math.floor(random() * batch.length)]] : batch;
    sender.arm(random() < 0.25 ? Math.floor(random() * 30) : undefined);
    try {
      await aggregateRecords(delivered, { ...options, shardId, send: sender.send, concurrency: 4 });
      pos += batch.length;
      if (random() < 0.2) pos = Math.max(0, pos - 1 - Math.floor(random() * batch.length));
    } catch {
      // Redelivered from `pos`, with new boundaries.
    }
    sender.arm(undefined);
  }
}

describe('aggregation, exactly once', () => {
  const faults: FaultStats = { throttled: 0, lost: 0, crashes: 0, attempts: 0 };

  it('every counter row equals a recomputation from the raw responses, after duplicates, crashes, throttling and re-cut batches on two shards', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbAnswer, { minLength: 25, maxLength: 60 }),
        fc.array(fc.record({ of: fc.nat(), nps: fc.integer({ min: 0, max: 10 }) }), { maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (answers, recoveryAnswers, shardOf, seed) => {
          const brandId = unique('agg');
          const originals = answers.map((a, i) => responseOf(brandId, i, a));
          const detractors = originals.filter((r) => r.answers.nps <= 6);
          const recoveries = detractors.length
            ? recoveryAnswers.map((x, j) => responseOf(brandId, originals.length + j, { ...answers[0], nps: x.nps }, detractors[x.of % detractors.length]))
            : [];
          // The recovery answers' originals have their callback tasks (where the aggregation finds their cohort).
          const policy = ZFollowUpPolicy.parse({ brandId });
          for (const original of new Set(recoveries.map((r) => detractors.find((d) => d.responseId === r.taskId)!))) {
            await putNewTask(taskFromResponse(original, planTask(original, policy)), new Date());
          }

          // Two shards, each with its own increasing sequence numbers (in AWS they are not comparable across shards).
          const shards: DynamoDBRecord[][] = [[], []];
          const next = [10n ** 20n, 10n ** 20n + 3n];
          for (const [i, response] of [...originals, ...recoveries].entries()) {
            const s = shardOf[i % shardOf.length] ? 1 : 0;
            next[s] += 1n + BigInt(i % 5);
            shards[s].push(streamRecord(response, next[s]));
          }

          const random = randomFrom(seed);
          const stats: FaultStats = { throttled: 0, lost: 0, crashes: 0, attempts: 0 };
          await Promise.all(shards.map((records, s) => deliverShard(records, `shardId-0000000${s}-test`, random, stats, { themes: themesOf })));

          const expected = recompute([...originals, ...recoveries]);
          expect(sorted(await stored(expected.keys()))).toEqual(sorted(expected));
          for (const key of ['throttled', 'lost', 'crashes', 'attempts'] as const) faults[key] += stats[key];
          console.info(JSON.stringify({ responses: originals.length + recoveries.length, ...stats }));
        },
      ),
      { numRuns: 5, endOnFailure: true },
    );
    // The faults did happen (a run without them would prove nothing).
    expect(faults.throttled).toBeGreaterThan(0);
    expect(faults.lost).toBeGreaterThan(0);
    expect(faults.crashes).toBeGreaterThan(0);
  }, 240_000);

  it('writes a row in several conditional updates when a batch gives it too many attributes for one, still exactly once', async () => {
    const brandId = unique('wide');
    // 70 answers × 4 reasons of their own: 280 reason attributes on the brand row in one batch.
    const responses = Array.from({ length: 70 }, (_, i) => ZResponseRecord.parse({
      responseId: `${brandId}-r${i}`, invitationId: `${brandId}-i${i}`, clientResponseId: `c${i}`, brandId, storeId: 'w-1', region: 'east', orderId: `o${i}`,
      touchpoint: 'in_store', surveyId: 'retail-nps', surveyVersion: 1, band: 'promoter', submittedAt: '2025-03-10T04:00:00.000Z', day: '2025-03-10',
      timeZone: 'Asia/Shanghai', followUp: { callback: false }, answers: { nps: 9, reasons: [0, 1, 2, 3].map((k) => `reason_${i}_${k}`) },
    }));
    const records = responses.map((r, i) => streamRecord(r, 10n ** 21n + BigInt(i)));
    let sent = 0;
    const crashAfterFirstChunk: UpdateSender = async (command) => {
      if (++sent === 2) throw new Error('injected crash');
      return db.send(command);
    };
    await expect(aggregateRecords(records, { themes: themesOf, send: crashAfterFirstChunk, concurrency: 1 })).rejects.toThrow('injected crash');
    const result = await aggregateRecords([...records.slice(10), ...records.slice(0, 10)], { themes: themesOf });
    expect(result.conflicts).toBeGreaterThan(0);
    await aggregateRecords(records.slice(30), { themes: themesOf });
    const expected = recompute(responses);
    expect(sorted(await stored(expected.keys()))).toEqual(sorted(expected));
  });

  it('a league row stores each store as one packed number: promoters + passives·10⁵ + detractors·10¹⁰', async () => {
    const brandId = unique('packed');
    // Store 0 gets NPS 10, 8, 6 (a promoter, a passive, a detractor); store 1 gets 9 and 7.
    const responses = Array.from({ length: 5 }, (_, i) => responseOf(brandId, i, { store: i % 2, staff: 'a', touchpoint: 'in_store', minute: 60, nps: 10 - i, csat: 5, ces: undefined, reasons: undefined, comment: '', amountFen: undefined, channel: 'receipt', identified: false }));
    await aggregateRecords(responses.map((r, i) => streamRecord(r, 10n ** 21n + BigInt(i))), { themes: themesOf });
    for (const [storeId, packed] of [[responses[0].storeId, 10_000_100_001], [responses[1].storeId, 100_001]] as const) {
      for (const sk of [`D#${responses[0].day}`, `W#${mondayOf(responses[0].day)}`]) {
        const { Items } = await db.send(new QueryCommand({ TableName: TABLES.insight, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `AGG#${brandId}#store_league#${leagueBucket(storeId)}`, ':sk': sk }, ConsistentRead: true }));
        expect(Items?.[0]?.[`b:${storeId}`]).toBe(packed);
        expect(Object.keys(Items?.[0] ?? {}).filter((name) => name.startsWith('s:'))).toEqual([]);
      }
    }
  });

  it('a redelivered batch costs one refused update per row and writes nothing', async () => {
    const brandId = unique('again');
    const responses = Array.from({ length: 5 }, (_, i) => responseOf(brandId, i, { store: i % 2, staff: 'a', touchpoint: 'in_store', minute: 60, nps: 10 - i, csat: 5, ces: undefined, reasons: undefined, comment: '店员态度好', amountFen: 9_900, channel: 'receipt', identified: true }));
    const records = responses.map((r, i) => streamRecord(r, 10n ** 21n + BigInt(i)));
    const first = await aggregateRecords(records, { themes: themesOf });
    expect(first).toMatchObject({ responses: 5, written: first.rows, skipped: 0, conflicts: 0, updates: first.rows });
    const again = await aggregateRecords(records, { themes: themesOf });
    expect(again).toMatchObject({ written: 0, skipped: first.rows, conflicts: first.rows, updates: first.rows, writeUnits: 0 });
    const expected = recompute(responses);
    expect(sorted(await stored(expected.keys()))).toEqual(sorted(expected));
  });

  it('sequence numbers keep their order as watermarks, across lengths', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 40n - 1n }), (a, b) => {
        expect(encodeSequence(a.toString()) < encodeSequence(b.toString())).toBe(a < b);
        expect(encodeSequence(a.toString())).toHaveLength(26);
      }),
    );
  });

  it('the handler reports a failed batch from its first record, and needs the shard to name its watermark', async () => {
    const brandId = unique('fail');
    const records = [0, 1, 2].map((i) => streamRecord(responseOf(brandId, i, { store: 0, staff: undefined, touchpoint: 'in_store', minute: 5, nps: 8, csat: undefined, ces: undefined, reasons: undefined, comment: '', amountFen: undefined, channel: undefined, identified: false }), 10n ** 21n + BigInt(i)));
    const failing = createAggregateHandler({ themes: themesOf, originalOf: async () => undefined, send: async () => { throw throttled(); } });
    expect(await failing({ Records: records, shardId: 'shardId-1' })).toEqual({ batchItemFailures: [{ itemIdentifier: records[0].dynamodb!.SequenceNumber }], state: {} });
    expect(await failing({ Records: records })).toEqual({ batchItemFailures: [{ itemIdentifier: records[0].dynamodb!.SequenceNumber }], state: {} });
    const working = createAggregateHandler({ themes: themesOf, originalOf: async () => undefined });
    expect(await working({ Records: records, shardId: 'shardId-1' })).toEqual({ batchItemFailures: [], state: {} });
  });
});

// ---------- the write cost ----------
describe('aggregation write units', () => {
  it('stays under 3 write units per response over a realistic batch (1000 responses, 500 stores, one day)', async () => {
    const brandId = unique('wcu');
    const random = randomFrom(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const responses = Array.from({ length: 1000 }, (_, i) => {
      const store = Math.floor(random() * 500);
      const nps = pick([10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3, 0]);
      return ZResponseRecord.parse({
        responseId: `${brandId}-r${i}`, invitationId: `${brandId}-i${i}`, clientResponseId: `c${i}`, brandId,
        storeId: `st-${store}`, region: `region-${store % 12}`, staffId: `st-${store}-staff-${Math.floor(random() * 3)}`, orderId: `o${i}`,
        touchpoint: pick(['in_store', 'in_store', 'in_store', 'delivery', 'pickup'] as const), surveyId: 'retail-nps', surveyVersion: 1,
        band: bandOf(nps), submittedAt: '2025-03-10T06:00:00.000Z', day: '2025-03-10', timeZone: 'Asia/Shanghai', followUp: { callback: nps <= 6 },
        answers: { nps, csat: 1 + Math.floor(random() * 5), ...(random() < 0.5 ? { reasons: [pick(['long_wait', 'staff_attitude', 'price', 'clean', 'quality'])] } : {}), ...(random() < 0.4 ? { comment: pick(COMMENTS) } : {}) },
        amountFen: Math.floor(random() * 40_000), channel: pick(['subscribe_message', 'sms', 'receipt'] as const), ...(random() < 0.7 ? { customerHash: `h${i}` } : {}),
      });
    });
    const records = responses.map((r, i) => streamRecord(r, 10n ** 21n + BigInt(i)));
    const result = await aggregateRecords(records, { themes: themesOf });
    const perResponse = result.writeUnits / responses.length;
    // The figure ACCESS_PATTERNS.md quotes.
    console.info(`aggregation: ${result.rows} rows, ${result.updates} updates, ${result.writeUnits} write units for ${responses.length} responses = ${perResponse.toFixed(2)} WCU per response`);
    expect(result.updates).toBe(result.rows);
    expect(perResponse).toBeLessThanOrEqual(3);
    const expected = recompute(responses);
    expect(sorted(await stored(expected.keys()))).toEqual(sorted(expected));
  }, 120_000);
});

// ---------- end to end ----------
describe('the aggregate poller', () => {
  it('counts a submitted answer into its rows (trigger and submit over HTTP, the stream, the poller)', async () => {
    const staffId = unique('agg-staff');
    const { token } = await receiptInvitation({ staffId, amountFen: 26_800 });
    const session = await consumerSession();
    const submitted = await submit(session, answer(token, { nps: 4, csat: 2, reasons: ['long_wait'], comment: '排队太久了' }));
    expect(submitted.status).toBe(201);
    const day = zonedDay(new Date(), 'Asia/Shanghai');
    const row = keys.counterDay('demo-brand', 'staff', staffId, day);
    const found = await eventually(async () => (await stored([`${row.pk}|${row.sk}`])).get(`${row.pk}|${row.sk}`), 15_000);
    // Themes by the real extractor (jieba and the lexicon): 排队太久了 is about the wait.
    expect(found.value).toEqual({
      n4: 1, c2: 1, 'r:detractor:long_wait': 1, 'v:200to500:d': 1, 'm:sum': 26_800, 'm:n': 1, 'i:receipt:answered': 1, 'l:cb': 1,
      'h:waiting_time': 1, 'hd:waiting_time': 1,
    });
    expect(stack.env.XS_INSIGHT_TABLE).toBe(TABLES.insight);
  });
});
