import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import {
  counterTargets, eventRows, mayHaveRollUp, mergeIncrements, monthClosedBy, needsCallback, recoveryIncrements, responseIncrements, responseRows,
  type CounterTarget, type ResponseRecord,
} from '@xinsheng/shared';
import { logger, withLogContext } from '../lib/logger';
import { keys } from '../data/keys';
import { streamedResponse } from '../data/responses-stream';
import { cohortDay, getTask } from '../data/tasks-repo';
import { applyRowIncrements, markRollUpsStale, shardKey, type ApplyResult, type CounterRowUpdate, type UpdateSender } from '../data/insight-repo';
import { rollUpClosedMonths, type CounterGroup } from '../data/insight-read-repo';
import { extractThemes, loadThemeSegmenter } from './themes';

/** The response a recovery answer follows up, as far as its counter rows are concerned (its cohort). */
export interface RecoveryCohort {
  brandId: string;
  region: string;
  storeId: string;
  staffId?: string;
  touchpoint: string;
  /** The original response's store-local day. */
  day: string;
  /** The original NPS. */
  nps: number;
}

export interface AggregateDeps {
  /** Theme ids a comment mentions (default: `extractThemes` of functions/src/insight/themes). */
  themes: (comment: string) => readonly string[];
  /** The cohort of a recovery answer's task (= the original response's id); undefined when unknown. */
  originalOf: (taskId: string) => Promise<RecoveryCohort | undefined>;
  /** Tests inject a crash or throttling here. */
  send?: UpdateSender;
  concurrency?: number;
}

export interface AggregateOptions extends Partial<AggregateDeps> {
  /**
   * The stream shard the records come from (their sequence numbers are ordered within it). Records
   * fed outside a stream (the demo seed, the bench) are one sequence: the default.
   */
  shardId?: string;
  /**
   * When the records are counted (default: now): a re-survey counted under a day whose month may
   * already be rolled up marks that roll-up stale; which month a live answer closes.
   */
  now?: Date;
  /**
   * Roll up the month a live answer closes, for each group it is counted on, ahead of the first read
   * (once per group and month in this process). The stream handler does; a backfill must not — the
   * month it closes may still be missing answers it has yet to feed.
   */
  closeMonths?: boolean;
}

export interface AggregateResult extends ApplyResult {
  /** First-survey responses counted and recovery answers counted under their cohort. */
  responses: number;
  recoveries: number;
  /** Distinct counter rows the batch touched. */
  rows: number;
}

/**
 * The original response of a recovery answer, read from its callback task (the task's id is that
 * response's id and the task holds a copy of it: store, region, staff, touchpoint, submittedAt and
 * time zone, NPS). The responses table is keyed by invitation, which the recovery answer does not know.
 */
export async function cohortFromTask(taskId: string): Promise<RecoveryCohort | undefined> {
  const task = await getTask(taskId);
  return task && {
    brandId: task.brandId, region: task.region, storeId: task.storeId, staffId: task.staffId, touchpoint: task.touchpoint,
    day: cohortDay(task), nps: task.answers.nps,
  };
}

const SYNTHETIC_SHARD = 'synthetic';

interface Counted {
  seq: string;
  brandId: string;
  day: string;
  /** Each row the record is counted on, with what it adds there. */
  rows: CounterTarget[];
  /** A re-survey, counted under the day of the response it follows up. */
  recovery?: true;
}

function firstSurvey(response: ResponseRecord, seq: string, themes: AggregateDeps['themes']): Counted {
  const comment = response.answers.comment?.trim();
  const increments = responseIncrements({
    answers: response.answers,
    band: response.band,
    themes: comment ? themes(comment) : [],
    amountFen: response.amountFen,
    channel: response.channel,
    callback: needsCallback(response.answers),
    identified: response.customerHash !== undefined,
  });
  return { seq, brandId: response.brandId, day: response.day, rows: responseRows(response, response.band, increments) };
}

function recovery(response: ResponseRecord, seq: string, cohort: RecoveryCohort): Counted {
  const increments = recoveryIncrements(cohort, response.answers);
  return { seq, brandId: cohort.brandId, day: cohort.day, rows: eventRows(counterTargets(cohort), increments), recovery: true };
}

/** The records' responses, decoded, once each (a record repeated inside one delivery counts once). */
function decode(records: readonly DynamoDBRecord[]): { seq: string; response: ResponseRecord }[] {
  const seen = new Set<string>();
  const out: { seq: string; response: ResponseRecord }[] = [];
  for (const record of records) {
    const seq = record.dynamodb?.SequenceNumber;
    const streamed = streamedResponse(record);
    if (streamed.kind === 'other') continue;
    if (streamed.kind === 'malformed' || !seq) {
      // Retrying cannot fix it: logged and passed over (follow-up does the same).
      logger.error('stream record is not a countable response', { key: record.dynamodb?.Keys, issues: streamed.kind === 'malformed' ? streamed.issues : ['no sequence number'] });
      continue;
    }
    if (seen.has(seq)) continue;
    seen.add(seq);
    out.push({ seq, response: streamed.response });
  }
  return out.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : BigInt(a.seq) > BigInt(b.seq) ? 1 : 0));
}

/**
 * A batch of responses-stream records → the insight counters, exactly once (see insight-repo.ts):
 * every first-survey response adds `responseIncrements` to each of its rows (brand, region, store,
 * staff, touchpoint, store × touchpoint) and its band to its store's league row (`responseRows`) on
 * its local day; a recovery answer adds
 * `recoveryIncrements` to the rows of the response it follows up, on that response's day. The
 * increments are merged per row over the whole batch, so a row costs one UpdateItem per batch
 * however many of the batch's responses it counts. Used by the stream handler, the demo seed and
 * the bench alike.
 */
export async function aggregateRecords(records: readonly DynamoDBRecord[], options: AggregateOptions = {}): Promise<AggregateResult> {
  const themes = options.themes ?? ((comment: string) => extractThemes(comment));
  const originalOf = options.originalOf ?? cohortFromTask;
  const decoded = decode(records);

  const taskIds = [...new Set(decoded.flatMap(({ response }) => (response.kind === 'recovery' && response.taskId ? [response.taskId] : [])))];
  const cohorts = new Map(await Promise.all(taskIds.map(async (taskId) => [taskId, await originalOf(taskId)] as const)));

  const counted: Counted[] = [];
  let recoveries = 0;
  for (const { seq, response } of decoded) {
    if (response.kind !== 'recovery') {
      counted.push(firstSurvey(response, seq, themes));
      continue;
    }
    const cohort = response.taskId ? cohorts.get(response.taskId) : undefined;
    if (!cohort) {
      logger.warn('recovery answer without its original response; not counted', { responseId: response.responseId, taskId: response.taskId });
      continue;
    }
    counted.push(recovery(response, seq, cohort));
    recoveries++;
  }

  const shard = shardKey(options.shardId ?? SYNTHETIC_SHARD);
  const rows = new Map<string, CounterRowUpdate>();
  for (const c of counted) {
    for (const target of c.rows) {
      const key = keys.counterRow(c.brandId, target, c.day);
      const id = `${key.pk}\u0000${key.sk}`;
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { key, shard, contributions: [] }));
      const last = row.contributions[row.contributions.length - 1];
      // One contribution per record and row (the watermark is per record).
      if (last?.seq === c.seq) mergeIncrements(last.increments, target.increments);
      else row.contributions.push({ seq: c.seq, increments: { ...target.increments } });
    }
  }

  const applied = await applyRowIncrements([...rows.values()], { send: options.send, concurrency: options.concurrency });
  // A re-survey is counted under its cohort's day, which may be in a month already rolled up: mark
  // it stale, only after the day rows hold the records (a reader summing the days in between has its
  // PUT refused). A first survey is counted on the day it was answered: the stream brings it within
  // a day, and a month closes two days after its end.
  const now = options.now ?? new Date();
  const late = counted.filter((c) => c.recovery && mayHaveRollUp(c.day, now));
  await markRollUpsStale(late.flatMap((c) => dayTargets(c).map((t) => keys.counterMonth(c.brandId, t.dimension, t.key, c.day.slice(0, 7)))));
  if (options.closeMonths) await closeMonths(counted, now);
  return { ...applied, responses: counted.length - recoveries, recoveries, rows: rows.size };
}

/** A record's rows that are day rows (a league's week row is never rolled into a month). */
const dayTargets = (c: Counted) => c.rows.filter((t) => t.span === undefined);

/** Groups (`pk|month`) this process has already rolled up, so each closing month costs one Query per group. */
const closed = new Set<string>();
const MAX_REMEMBERED = 100_000;

/**
 * Rolls up the month each live record closes on its groups (`monthClosedBy`), so the first read of
 * the month finds its roll-ups. Best effort: a failure is logged and left to the reader, which sums
 * the days itself when a roll-up is missing.
 */
async function closeMonths(counted: readonly Counted[], now: Date): Promise<void> {
  // By brand and month: the groups whose month closes and that this process has not rolled up yet.
  const due = new Map<string, { brandId: string; month: string; groups: Map<string, CounterGroup> }>();
  for (const c of counted) {
    const month = monthClosedBy(c.day, now);
    if (!month) continue;
    for (const { dimension, key } of dayTargets(c)) {
      const id = `${keys.counterPartition(c.brandId, dimension, key)}|${month}`;
      if (closed.has(id)) continue;
      let entry = due.get(`${c.brandId}|${month}`);
      if (!entry) due.set(`${c.brandId}|${month}`, (entry = { brandId: c.brandId, month, groups: new Map() }));
      entry.groups.set(id, { dimension, key });
    }
  }
  if (!due.size) return;
  if (closed.size > MAX_REMEMBERED) closed.clear();
  try {
    for (const { brandId, month, groups } of due.values()) {
      const summed = await rollUpClosedMonths(brandId, [...groups.values()], [month]);
      if (summed) logger.info('month rolled up as it closed', { month, groups: groups.size, summed });
      for (const id of groups.keys()) closed.add(id);
    }
  } catch (error) {
    logger.warn('rolling up a closed month failed; the first read will sum its days', { error: error as Error });
  }
}

/** What Lambda delivers with a tumbling window (serverless.yml): the shard of the batch comes with it. */
export interface AggregateStreamEvent extends DynamoDBStreamEvent {
  shardId?: string;
}

/** Lambda's answer with a tumbling window: the (unused) window state must come back, or the batch counts as failed. */
export interface AggregateBatchResponse extends DynamoDBBatchResponse {
  state: Record<string, string>;
}

/**
 * The aggregate function: the responses table's stream (INSERTs only), ParallelizationFactor 1, big
 * batches. A batch that fails anywhere is reported from its first record, so all of it comes again;
 * the rows it had already reached skip what they hold (their watermarks), the rest are completed.
 */
export function createAggregateHandler(deps: AggregateDeps) {
  return withLogContext(async (event: AggregateStreamEvent): Promise<AggregateBatchResponse> => {
    const records = event.Records ?? [];
    if (!records.length) return { batchItemFailures: [], state: {} };
    try {
      if (!event.shardId) throw new Error('the event names no shardId: the aggregate mapping needs its tumbling window (serverless.yml)');
      const result = await aggregateRecords(records, { ...deps, shardId: event.shardId, closeMonths: true });
      logger.info('counters aggregated', { records: records.length, ...result });
      return { batchItemFailures: [], state: {} };
    } catch (error) {
      const first = records[0].dynamodb?.SequenceNumber;
      logger.error('aggregation failed; the batch will be delivered again', { sequenceNumber: first, error: error as Error });
      if (!first) throw error;
      return { batchItemFailures: [{ itemIdentifier: first }], state: {} };
    }
  });
}

/** The deployed function (serverless.yml `aggregate`). It segments comments on every batch: jieba loads in the init phase. */
loadThemeSegmenter();
export const handler = createAggregateHandler({ themes: (comment) => extractThemes(comment), originalOf: cohortFromTask });
