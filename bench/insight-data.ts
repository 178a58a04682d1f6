/**
 * The insight bench's synthetic chain: 500 stores in 10 regions, 2 staff per store, the touchpoints of
 * shared/src/schemas/common.ts, and responses over 90 store-local days, emitted as the responses
 * table's stream emits them (INSERT, NEW_IMAGE of the item the submit puts, increasing sequence
 * numbers). Deterministic (seeded), so two runs count the same answers.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import {
  LEGACY_TOUCHPOINTS, ZResponseRecord, ZStore, addDays, npsBand, zonedDay, type ResponseRecord, type Store, type SurveyDefinition, type Touchpoint,
} from '@xinsheng/shared';
import { keys as tableKeys } from '../functions/src/data/keys';
import { prng } from '../functions/local/prng';

export const BENCH_BRAND = 'bench-brand';
export const BENCH_SURVEY = 'bench-nps';
export const STORES = 500;
export const REGIONS = 10;
export const STAFF_PER_STORE = 2;
export const DAYS = 90;
export const TIME_ZONE = 'Asia/Shanghai';
export const SHARD_ID = 'shardId-00000001700000000000-bench0001';
const STREAM_ARN = `arn:aws:dynamodb:ap-east-1:000000000000:table/xinsheng-bench-responses/stream/2026-01-01T00:00:00.000`;


export interface BenchStore extends Store {
  /** Share of the chain's responses (busy flagship stores and quiet ones). */
  weight: number;
  /** Promoter and detractor propensities at day 0 and their drift per day (some stores get worse). */
  promoter: number;
  detractor: number;
  drift: number;
}

/**
 * A chain of the bench: its brand, survey and store ids. Two of them share the engine — the 10k chain
 * and the 1M chain, the same 500 stores by volume apart — so their dashboard queries are timed side by
 * side, in turns, against the same table.
 */
export interface BenchChain {
  brandId: string;
  surveyId: string;
  /** Store ids are `<prefix>-001` … (store and survey ids are global, not per brand). */
  storePrefix: string;
}

export const BENCH_CHAIN: BenchChain = { brandId: BENCH_BRAND, surveyId: BENCH_SURVEY, storePrefix: 'bs' };

export function benchStores(chain: BenchChain = BENCH_CHAIN): BenchStore[] {
  const random = prng(500);
  return Array.from({ length: STORES }, (_, i) => {
    const storeId = `${chain.storePrefix}-${String(i + 1).padStart(3, '0')}`;
    const region = `region-${String((i % REGIONS) + 1).padStart(2, '0')}`;
    const store = ZStore.parse({
      storeId, brandId: chain.brandId, name: `门店 ${i + 1}`, region, timeZone: TIME_ZONE, surveyId: chain.surveyId,
      staffIds: Array.from({ length: STAFF_PER_STORE }, (_, s) => `${storeId}-staff-${s + 1}`),
    });
    const promoter = 0.35 + random() * 0.35;
    return {
      ...store, weight: 0.3 + random() * random() * 4, promoter, detractor: Math.min(0.3, (1 - promoter) * (0.2 + random() * 0.4)),
      drift: i % 37 === 0 ? -0.003 : (random() - 0.5) * 0.001,
    };
  });
}

/** The chain's survey: the demo survey's questions and reasons, under the chain's brand. */
export function benchSurvey(demo: SurveyDefinition, chain: BenchChain = BENCH_CHAIN): SurveyDefinition {
  return { ...demo, surveyId: chain.surveyId, brandId: chain.brandId };
}

const TOUCHPOINTS: [Touchpoint, number][] = [['in_store', 0.55], ['pickup', 0.15], ['delivery', 0.15], ['online', 0.1], ['service', 0.05]];
// Every touchpoint of a brand without its own list (the bench brand's) is generated.
LEGACY_TOUCHPOINTS.map((tp) => tp.id).forEach((t) => {
  if (!TOUCHPOINTS.some(([name]) => name === t)) throw new Error(`bench: touchpoint ${t} has no weight`);
});

const COMMENTS = {
  detractor: ['排队太久了，收银只开了一个口', '收银太慢', '店员态度很差，问什么都不理', '东西太贵了', '想买的都缺货', '地上很脏，卫生不好', '外卖送到已经凉了', '等了半个小时才取到货', '打电话没人接 13812345678'],
  passive: ['还行吧，就是人有点多', '价格一般', '商品种类可以再多一些', '排队稍微有点久', '整体还可以'],
  promoter: ['店员态度好，很热情', '结账很快', '环境干净整洁', '东西新鲜，质量好', '取货方便，服务周到', '每次来都很满意'],
} as const;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function weighted<T>(random: () => number, items: readonly [T, number][]): T {
  let r = random() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) <= 0) return item;
  return items[items.length - 1][0];
}

/** Noon of a store-local day in UTC (Asia/Shanghai is UTC+8 all year), plus a spread over opening hours. */
function submittedAt(day: string, random: () => number): string {
  const local = Date.parse(`${day}T09:00:00+08:00`) + Math.floor(random() * 12 * 3_600_000);
  return new Date(local).toISOString();
}

export interface Generated {
  record: DynamoDBRecord;
  response: ResponseRecord;
  /** The responses-table item the record's NEW_IMAGE is (what the submit puts). */
  item: Record<string, unknown>;
}

/**
 * The responses of a chain, day by day: `perDay(dayIndex)` answers on each of the DAYS days ending
 * `lastDay`, spread over the stores by their weight. Sequence numbers continue from `seq`.
 */
export class ResponseStream {
  private readonly cumulative: number[];
  private nextSeq: bigint;
  private counter = 0;

  constructor(
    private readonly stores: readonly BenchStore[],
    private readonly survey: SurveyDefinition,
    readonly lastDay: string,
    private readonly random: () => number,
    seq = 10n ** 20n,
    /** Another brand's id for the same chain (the batch-size experiment counts apart from the chain's brand). */
    private readonly brandId = survey.brandId,
  ) {
    let sum = 0;
    this.cumulative = stores.map((s) => (sum += s.weight));
    this.nextSeq = seq;
  }

  readonly firstDay = () => addDays(this.lastDay, -(DAYS - 1));

  private store(): BenchStore {
    const r = this.random() * this.cumulative[this.cumulative.length - 1];
    let lo = 0, hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return this.stores[lo];
  }

  /** One response of `day` (day index from the first day, for the stores' trends). */
  response(day: string, dayIndex: number, pass: string): Generated {
    const random = this.random;
    const store = this.store();
    const id = `${pass}-${(this.counter++).toString(36).padStart(6, '0')}`;
    const promoter = Math.max(0.05, Math.min(0.95, store.promoter + store.drift * dayIndex));
    const detractor = Math.max(0.02, Math.min(0.6, store.detractor - store.drift * dayIndex));
    const r = random();
    const nps = r < promoter ? 9 + Math.floor(random() * 2) : r < promoter + detractor ? Math.floor(random() * 7) : 7 + Math.floor(random() * 2);
    const band = npsBand(nps);
    const csat = random() < 0.7 ? Math.max(1, Math.min(5, Math.round(nps / 2.2 + random()))) : undefined;
    const ces = random() < 0.2 ? 1 + Math.floor(random() * 7) : undefined;
    const reasonOptions = this.survey.reasons[band];
    const reasons = random() < 0.5 ? [...new Set([pick(random, reasonOptions).id, ...(random() < 0.3 ? [pick(random, reasonOptions).id] : [])])] : undefined;
    const comment = random() < 0.35 ? pick(random, COMMENTS[band]) : undefined;
    const staffId = random() < 0.9 ? pick(random, store.staffIds) : undefined;
    const at = submittedAt(day, random);
    const response = ZResponseRecord.parse({
      responseId: `r-${id}`, invitationId: `i-${id}`, clientResponseId: `c-${id}`, brandId: this.brandId, storeId: store.storeId, region: store.region,
      ...(staffId ? { staffId } : {}), orderId: `o-${id}`, touchpoint: weighted(random, TOUCHPOINTS), surveyId: this.survey.surveyId, surveyVersion: this.survey.version,
      answers: { nps, ...(csat !== undefined ? { csat } : {}), ...(ces !== undefined ? { ces } : {}), ...(reasons ? { reasons } : {}), ...(comment ? { comment } : {}) },
      band, submittedAt: at, day: zonedDay(new Date(at), TIME_ZONE), timeZone: TIME_ZONE, followUp: { callback: band === 'detractor' },
      amountFen: Math.round(1_000 + 30_000 * random() * random()), channel: weighted(random, [['subscribe_message', 5], ['sms', 2], ['receipt', 3]] as const),
      ...(random() < 0.7 ? { customerHash: `ch-${Math.floor(random() * 200_000).toString(36)}` } : {}),
    });
    const seq = (this.nextSeq++).toString();
    // The item as the submit puts it (responses-repo putResponse): its key, and the response; `kind` at its default is not stored.
    const { kind, ...stored } = response;
    const keys = tableKeys.response(response.invitationId);
    const image = {
      ...keys, ...tableKeys.responseExport(response.brandId, response.storeId, response.day, response.responseId), ...stored, ...(kind === 'survey' ? {} : { kind }),
      ttl: Math.floor(Date.parse(at) / 1000) + 400 * 86_400,
    };
    const record: DynamoDBRecord = {
      eventID: `ev-${seq}`, eventName: 'INSERT', eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'ap-east-1', eventSourceARN: STREAM_ARN,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.parse(at) / 1000), Keys: marshall(keys) as never, NewImage: marshall(image, { removeUndefinedValues: true }) as never,
        SequenceNumber: seq, SizeBytes: 400, StreamViewType: 'NEW_IMAGE',
      },
    };
    return { record, response, item: image };
  }

  /**
   * `total` responses over the days from `firstDay` on (DAYS of them unless `days`), in day order, in
   * batches of `batchSize(emitted)` records (as the event source mapping delivers them; Infinity: one
   * store-local day per batch). Each day gets its share (weekends a little busier).
   */
  *batches(total: number, batchSize: (emitted: number) => number, pass: string, days = DAYS): Generator<{ day: string; batch: Generated[] }> {
    const first = this.firstDay();
    const weights = Array.from({ length: days }, (_, d) => ([5, 6].includes(new Date(`${addDays(first, d)}T00:00:00Z`).getUTCDay()) ? 1.3 : 1));
    const weightSum = weights.reduce((a, b) => a + b, 0);
    let emitted = 0;
    let batch: Generated[] = [];
    let day = first;
    for (let d = 0; d < days; d++, day = addDays(day, 1)) {
      const target = d === days - 1 ? total : Math.round((total * weights.slice(0, d + 1).reduce((a, b) => a + b, 0)) / weightSum);
      for (; emitted < target; emitted++) {
        batch.push(this.response(day, d, pass));
        if (batch.length >= batchSize(emitted)) {
          yield { day, batch };
          batch = [];
        }
      }
      // A day-sized batch ends with its day.
      if (batch.length && !Number.isFinite(batchSize(emitted))) {
        yield { day, batch };
        batch = [];
      }
    }
    if (batch.length) yield { day, batch };
  }
}
