import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { BatchGetCommand, type BatchGetCommandOutput, DynamoDBDocumentClient, GetCommand, QueryCommand, type QueryCommandInput, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { config } from './config';
import { withoutSdkLogging } from './sdk-logging';

/**
 * Sockets to DynamoDB Local (an endpoint is configured). A Lambda instance runs one invocation at a time
 * and never waits for a socket; serverless-offline runs every function's invocations in one process,
 * hundreds at once under load. With a socket each (512 allowed), they all reached the engine together:
 * its request threads grew to match (~60 MB more of the JVM's memory under 200 connections) only to
 * wait on its one write lock. Here they queue for 48 sockets in the agent instead — first come, first
 * served — and the connection timeout, which counts that wait from the moment a request is made,
 * allows for the queue.
 *
 * The engine's silence is timed from when a request has its socket (`socketTimeout`: 1.5 s without a
 * byte back), not from when it was made: the SDK's `requestTimeout` also counts the wait in the agent's
 * queue, which under 200 connections is seconds long by design. With it, 60 s loads abandoned requests
 * the engine was about to serve and queued them again, each still costing the engine its work, until
 * the SDK's retry quota ran dry and every call failed at its first timeout: 2,930 of 4,302 submits and
 * all 6,924 triggers at 200 connections answered 503 (with this: 0 of 4,531 submits).
 */
const LOCAL_ENGINE = { connectionTimeout: 10_000, socketTimeout: 1500, httpAgent: { maxSockets: 48 } };

/**
 * In AWS a request unanswered after 1.5 s is abandoned and tried again (a TimeoutError is transient for
 * the retry strategy): 4 attempts and their back-off (~6.7 s) stay inside the 10 s Lambda timeout, and the
 * client gets 503 + Retry-After (lib/http.ts) rather than a Lambda killed mid-request. `throwOnRequestTimeout`
 * is what makes it so: without it the SDK only logs a warning and keeps waiting. A Lambda instance has
 * one invocation at a time and never queues for a socket, so there a request's time is the service's.
 */
const AWS_SERVICE = { requestTimeout: 1500, throwOnRequestTimeout: true, connectionTimeout: 1000 };

/** Built once per process and reused by every invocation. */
export const dynamoClient = withoutSdkLogging(new DynamoDBClient({
  region: config.AWS_REGION,
  ...(config.XS_DYNAMODB_ENDPOINT
    ? { endpoint: config.XS_DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
    : {}),
  // Throttling is retried with short back-off (100, 200, 400 ms) so a request stays well inside the
  // Lambda timeout; past that the client gets 503 + Retry-After and retries the idempotent request.
  retryStrategy: new ConfiguredRetryStrategy(4, (attempt) => 50 * 2 ** attempt),
  requestHandler: config.XS_DYNAMODB_ENDPOINT ? LOCAL_ENGINE : AWS_SERVICE,
}));

export const db = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const TABLES = { main: config.XS_MAIN_TABLE, responses: config.XS_RESPONSES_TABLE, insight: config.XS_INSIGHT_TABLE } as const;

function isConditionalCheckFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

const ZCancellation = z.object({ CancellationReasons: z.array(z.object({ Code: z.string().optional() })).optional() });

/** Why each item of a cancelled transaction failed (`Code` per item); undefined for any other error. */
function cancellationReasons(error: unknown): { Code?: string }[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const parsed = ZCancellation.safeParse(error);
  return (parsed.success && parsed.data.CancellationReasons) || [];
}

/** For a cancelled transaction: which of its items failed their condition (by index). */
function cancelledConditions(error: unknown): boolean[] | undefined {
  return cancellationReasons(error)?.map((r) => r.Code === 'ConditionalCheckFailed');
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
]);

export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (THROTTLING.has(error.name)) return true;
  const reasons = cancellationReasons(error);
  if (reasons) {
    return reasons.some((r) => r.Code === 'ThrottlingError' || r.Code === 'TransactionConflict' || r.Code === 'ProvisionedThroughputExceeded');
  }
  return false;
}

/**
 * The database did not answer in time, or dropped the connection, after the SDK's own retries (its
 * `requestTimeout`, a reset socket): the outcome of the call is unknown, and every write of ours is
 * idempotent, so the caller is told to come back (503 Retry-After), not that we failed (500).
 */
export function isDependencyTimeout(error: unknown): boolean {
  if (!(error instanceof Error) || !('$metadata' in error)) return false;
  const code = 'code' in error ? String(error.code) : '';
  return error.name === 'TimeoutError' || ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED'].includes(code);
}

export const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** A transaction cancelled only by conflicts or throttling (not by a condition) is worth retrying. */
export function isRetryableCancellation(error: unknown): boolean {
  const conditions = cancelledConditions(error);
  return conditions !== undefined && !conditions.some(Boolean) && isThrottling(error);
}

/**
 * Runs a transaction, retrying it when it was cancelled by a conflict or throttling (which the SDK
 * does not retry); condition failures pass through. Plain throttling is already retried by the SDK.
 */
async function withWriteRetries<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isRetryableCancellation(error) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
    }
  }
}

/** One all-or-nothing write of several items, retried when a conflict or throttling cancelled it. */
export function transactWrite(items: NonNullable<TransactWriteCommandInput['TransactItems']>) {
  return withWriteRetries(() => db.send(new TransactWriteCommand({ TransactItems: items })));
}

/**
 * Runs one conditional write (a put, update or delete carrying a ConditionExpression): true when
 * it was written, false when its condition did not hold — or what `whenRefused` makes of the refusal
 * (which carries the old item when the write asked for ReturnValuesOnConditionCheckFailure). Any other error passes through. This is
 * the one place that knows what a failed condition looks like.
 */
export async function conditionalWrite(write: () => Promise<unknown>, whenRefused: (refusal: unknown) => boolean = () => false): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return whenRefused(error);
    throw error;
  }
}

/**
 * Runs a transaction whose items carry conditions: undefined when it was written; when a condition
 * cancelled it, whatever `refusal` makes of which items failed (by index). Errors `refusal` has no
 * answer for (undefined), and every other error, pass through.
 */
export async function conditionalTransaction<R>(
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
  refusal: (failed: boolean[]) => R | undefined,
): Promise<R | undefined> {
  try {
    await transactWrite(items);
    return undefined;
  } catch (error) {
    const failed = cancelledConditions(error);
    const answer = failed && refusal(failed);
    if (answer === undefined) throw error;
    return answer;
  }
}

/**
 * Every item of these keys that exists (one table, at most 100 keys), in one BatchGetItem — plus a
 * retry of whatever DynamoDB left unprocessed (it may under throttling), so a missing item is
 * really missing and never an opt-out or an invitation silently skipped.
 */
export async function batchGetAll(table: string, keyList: Record<string, string>[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] | undefined = keyList;
  for (let attempt = 0; pending?.length; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** Math.min(attempt, 5)));
    if (attempt >= 8) throw new Error('BatchGetItem left keys unprocessed after 8 attempts');
    const answer: BatchGetCommandOutput = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending } } }));
    const { Responses, UnprocessedKeys } = answer;
    found.push(...(Responses?.[table] ?? []));
    pending = UnprocessedKeys?.[table]?.Keys;
  }
  return found;
}

type Key = Record<string, string>;
interface QueuedRead {
  table: string;
  key: Key;
  resolve: (item: Record<string, unknown> | undefined) => void;
  reject: (error: unknown) => void;
}
let queuedReads: QueuedRead[] = [];
const keyId = (table: string, key: Key) => `${table}\u0000${key.pk}\u0000${key.sk}`;

async function flushReads(): Promise<void> {
  const batch = queuedReads;
  queuedReads = [];
  try {
    if (batch.length === 1) {
      const { Item } = await db.send(new GetCommand({ TableName: batch[0].table, Key: batch[0].key }));
      batch[0].resolve(Item);
      return;
    }
    const found = new Map<string, Record<string, unknown>>();
    const tables = [...new Set(batch.map((r) => r.table))];
    await Promise.all(
      tables.map(async (table) => {
        const unique = new Map(batch.filter((r) => r.table === table).map((r) => [keyId(table, r.key), r.key]));
        for (const item of await batchGetAll(table, [...unique.values()])) found.set(keyId(table, { pk: String(item.pk), sk: String(item.sk) }), item);
      }),
    );
    for (const read of batch) read.resolve(found.get(keyId(read.table, read.key)));
  } catch (error) {
    for (const read of batch) read.reject(error);
  }
}

/**
 * One item by its key (eventually consistent). Reads asked for in the same tick — a request's
 * session and its invitation — go out together as one BatchGetItem: one round trip, and one SDK
 * call's CPU instead of two (the SDK's per-call cost dominates a submit's CPU). Same read units.
 */
/** Every item a Query matches (followed page by page), each parsed by `parse`; `via` another client than the functions' own. */
export async function queryAll<T>(input: QueryCommandInput, parse: (item: Record<string, unknown>) => T, via: Pick<typeof db, 'send'> = db): Promise<T[]> {
  const out: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await via.send(new QueryCommand({ ...input, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
    out.push(...(page.Items ?? []).map(parse));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}

/** Every item of one main-table gsi1 partition, each parsed by `parse`. */
export function queryGsi1All<T>(partition: string, parse: (item: Record<string, unknown>) => T): Promise<T[]> {
  return queryAll({ TableName: TABLES.main, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition } }, parse);
}

export function getItem(table: string, key: Key): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve, reject) => {
    queuedReads.push({ table, key, resolve, reject });
    if (queuedReads.length === 1) queueMicrotask(() => void flushReads());
  });
}
