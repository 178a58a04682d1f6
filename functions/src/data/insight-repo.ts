import { randomUUID } from 'node:crypto';
import { UpdateCommand, type UpdateCommandOutput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { mergeIncrements, storedCounters, type Increments } from '@xinsheng/shared';
import { TABLES, db } from '../lib/dynamo';

/**
 * The insight counter rows (`keys.counterDay`): flat numeric attributes (shared/src/insight/counters.ts),
 * written exactly once per stream record although records are delivered at least once.
 *
 * Each row carries, per stream shard that ever touched it, a watermark `w:<shard>` = the (encoded)
 * sequence number of the last record of that shard already added into the row. A shard's records
 * arrive in order (the mapping's ParallelizationFactor is 1), so "added" is exactly "at or below the
 * watermark". A row's update adds the merged increments of its records and moves the watermark, under
 * the condition that the watermark is below the first of those records — so a redelivered batch, a
 * batch retried after a crash half-way, or a lost answer whose write the SDK sends again, finds the
 * row done and adds nothing. When the condition fails, the stored row comes back (ALL_OLD): only the
 * records after its watermark are added, conditional on that same watermark (`w = :old`).
 */

/** A record's share of one row: its sequence number in the stream (decimal digits) and what it adds. */
export interface RowContribution {
  seq: string;
  increments: Increments;
}

export interface CounterRowUpdate {
  key: { pk: string; sk: string };
  /** Short id of the stream shard the contributions come from; names the row's watermark `w:<shard>`. */
  shard: string;
  /** In stream order (ascending sequence numbers). */
  contributions: RowContribution[];
}

export interface ApplyResult {
  /** Rows whose update was written (at least one record was new to them). */
  written: number;
  /** Rows every record of which they already held (a redelivery). */
  skipped: number;
  /** Conditions that failed and were resolved from the stored watermark. */
  conflicts: number;
  /** UpdateItem calls made, including the refused ones. */
  updates: number;
  /** Write units DynamoDB reported (ReturnConsumedCapacity TOTAL) for the writes that succeeded. */
  writeUnits: number;
}

/** Sends one UpdateItem; tests wrap it to inject a crash or throttling. */
export type UpdateSender = (command: UpdateCommand) => Promise<UpdateCommandOutput>;

export interface ApplyOptions {
  send?: UpdateSender;
  /** Rows updated at once (each row is independent; the watermarks make any order safe). */
  concurrency?: number;
}

/**
 * A sequence number as a fixed-width base-36 string: compares as a string exactly as the numbers
 * compare (DynamoDB stream sequence numbers have 21–40 digits; 36^26 > 10^40), in 26 bytes instead
 * of 40 — the row's size is its write cost, and a row keeps one watermark per shard.
 */
export function encodeSequence(seq: string): string {
  if (!/^\d{1,40}$/.test(seq)) throw new Error(`not a stream sequence number: ${seq}`);
  return BigInt(seq).toString(36).padStart(26, '0');
}

/** A short, stable id of a shard (FNV-1a 32 bit, base 36): the watermark's attribute name. */
export function shardKey(shardId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < shardId.length; i++) h = Math.imul(h ^ shardId.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

export const watermarkAttribute = (shard: string) => `w:${shard}`;

/**
 * One update expression stays far under DynamoDB's 4 KB: a row's records are written in chunks of at
 * most this many distinct attributes (each chunk moves the watermark to its last record, so the
 * chunks of one row are exactly-once as a whole).
 */
const MAX_ATTRIBUTES_PER_UPDATE = 200;
const MAX_CONFLICTS_PER_ROW = 8;

const ZWatermark = z.union([z.string(), z.object({ S: z.string() })]);
const ZRefusedRow = z.object({ Item: z.record(z.string(), z.unknown()).optional() });

/** The watermark of the row a refused condition returned (ALL_OLD, in either attribute shape). */
function refusedWatermark(error: unknown, attribute: string): string | undefined {
  const item = ZRefusedRow.safeParse(error).data?.Item;
  const value = ZWatermark.safeParse(item?.[attribute]).data;
  return typeof value === 'object' ? value.S : value;
}

const isConditionalCheckFailed = (error: unknown) => error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The first contributions whose merged attributes stay within one update. */
function takeChunk(pending: readonly { seq: string; increments: Increments }[]) {
  const merged: Increments = {};
  let count = 0;
  for (const c of pending) {
    const fresh = Object.keys(c.increments).filter((name) => merged[name] === undefined).length;
    if (count > 0 && Object.keys(merged).length + fresh > MAX_ATTRIBUTES_PER_UPDATE) break;
    mergeIncrements(merged, c.increments);
    count++;
  }
  return { merged, count };
}

/** `expected`: the watermark as last seen; `unknown` before the first write of this batch. */
type Expected = { kind: 'unknown' } | { kind: 'known'; value: string | undefined };

function rowUpdate(row: CounterRowUpdate, merged: Increments, first: string, last: string, expected: Expected): UpdateCommand {
  const names: Record<string, string> = { '#w': watermarkAttribute(row.shard) };
  const values: Record<string, unknown> = { ':last': last };
  const adds: string[] = [];
  // League counts go in packed (counters.ts `storedCounters`): a batch adds at most its own records to a count.
  Object.entries(storedCounters(merged))
    .filter(([, value]) => value !== 0)
    .forEach(([name, value], i) => {
      const id = i.toString(36);
      names[`#a${id}`] = name;
      values[`:v${id}`] = value;
      adds.push(`#a${id} :v${id}`);
    });
  let condition: string;
  if (expected.kind === 'unknown') {
    condition = 'attribute_not_exists(#w) OR #w < :first';
    values[':first'] = first;
  } else if (expected.value === undefined) {
    condition = 'attribute_not_exists(#w)';
  } else {
    condition = '#w = :old';
    values[':old'] = expected.value;
  }
  return new UpdateCommand({
    TableName: TABLES.insight,
    Key: row.key,
    UpdateExpression: `${adds.length ? `ADD ${adds.join(', ')} ` : ''}SET #w = :last`,
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    ReturnConsumedCapacity: 'TOTAL',
  });
}

async function applyRow(row: CounterRowUpdate, send: UpdateSender, result: ApplyResult): Promise<void> {
  const attribute = watermarkAttribute(row.shard);
  let pending = row.contributions.map((c) => ({ seq: encodeSequence(c.seq), increments: c.increments }));
  let expected: Expected = { kind: 'unknown' };
  let wrote = false;
  let conflicts = 0;
  while (pending.length) {
    const { merged, count } = takeChunk(pending);
    const first = pending[0].seq;
    const last = pending[count - 1].seq;
    try {
      result.updates++;
      const answer = await send(rowUpdate(row, merged, first, last, expected));
      result.writeUnits += answer.ConsumedCapacity?.CapacityUnits ?? 0;
      wrote = true;
      pending = pending.slice(count);
      expected = { kind: 'known', value: last };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      if (++conflicts > MAX_CONFLICTS_PER_ROW) throw new Error(`counter row ${row.key.pk} ${row.key.sk}: watermark kept moving (${conflicts} conflicts)`);
      result.conflicts++;
      // The row already holds everything up to its watermark: keep only what comes after it.
      const stored = refusedWatermark(error, attribute);
      pending = pending.filter((c) => stored === undefined || c.seq > stored);
      expected = { kind: 'known', value: stored };
    }
  }
  if (wrote) result.written++;
  else result.skipped++;
}

/**
 * Adds each row's contributions exactly once (see above): one UpdateItem per row in the usual case,
 * a second one only for a row a previous delivery had already reached. Throws on the first failure
 * that is not a condition (throttling past the SDK's retries, a crash): rows already written keep
 * their watermark, so the redelivered batch skips them and completes the rest.
 */
export async function applyRowIncrements(rows: readonly CounterRowUpdate[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const send: UpdateSender = options.send ?? ((command) => db.send(command));
  const result: ApplyResult = { written: 0, skipped: 0, conflicts: 0, updates: 0, writeUnits: 0 };
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < rows.length) {
      const row = rows[next++];
      try {
        await applyRow(row, send, result);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 16, rows.length)) }, worker));
  if (failure) throw failure.error;
  return result;
}

/**
 * A month roll-up (`M#<month>`) marked stale: `stale` = a fresh token, on the roll-up or, when there is
 * none yet, on a bare marker item. A reader treats a marked month as missing and sums its days again;
 * it stores the new roll-up only if the mark is still the one it saw (insight-read-repo.ts), so a
 * write that lands while it sums is never lost from a stored roll-up.
 */
export function staleMarkUpdate(key: { pk: string; sk: string }) {
  return {
    TableName: TABLES.insight,
    Key: key,
    UpdateExpression: 'SET #stale = :token',
    ExpressionAttributeNames: { '#stale': STALE_ATTRIBUTE },
    ExpressionAttributeValues: { ':token': randomUUID() },
  };
}

export const STALE_ATTRIBUTE = 'stale';

/** Marks these month roll-ups stale (after the day rows were written: see staleMarkUpdate). */
export async function markRollUpsStale(monthKeys: readonly { pk: string; sk: string }[]): Promise<void> {
  const distinct = new Map(monthKeys.map((key) => [`${key.pk}\u0000${key.sk}`, key]));
  await Promise.all([...distinct.values()].map((key) => db.send(new UpdateCommand(staleMarkUpdate(key)))));
}
