/**
 * What AWS Lambda's event-source mapping does for the responses table's stream, done locally:
 * reads DynamoDB Local's real stream (DescribeTable → LatestStreamArn, DescribeStream → shards,
 * GetShardIterator, GetRecords every ~250 ms) and hands each batch to the same handler AWS
 * invokes, as a DynamoDBStreamEvent `{Records}` with the records as GetRecords returned them
 * (plus eventSourceARN, and ApproximateCreationDateTime in epoch seconds, as Lambda delivers it).
 * While a shard has records it is read again at once (like Lambda's poller, which only waits when a
 * shard is empty): waiting ~250 ms after every page capped the follow-up at < 400 records/s, under the
 * submit rate of a loaded stack, and it fell thousands of records behind. A child shard is read only
 * after its parent is finished, so a response's records stay in order across a shard roll-over.
 * Each batch names its shard (`shardId`, as Lambda's tumbling-window events do): the aggregate
 * handler keeps its exactly-once watermarks per shard.
 * A batch whose handler reports item failures is delivered again from the first failed record,
 * up to `maxRetries` times (maximumRetryAttempts, 5 as in serverless.yml) with back-off, then logged
 * and passed over (in AWS the on-failure destination keeps them).
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand,
  type _Record as StreamRecord, type Shard, type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  /** Handed each batch, with the shard it comes from (as Lambda does for a mapping with a tumbling window). */
  handler: (event: DynamoDBStreamEvent & { shardId: string }) => Promise<DynamoDBBatchResponse | void>;
  intervalMs?: number;
  batchSize?: number;
  maxRetries?: number;
  /**
   * Where to begin in the shards open at start. TRIM_HORIZON (the default) also delivers what was
   * written while no poller ran — safe because the handler is idempotent; shards that appear
   * later are always read from their start.
   */
  startAt?: Extract<ShardIteratorType, 'LATEST' | 'TRIM_HORIZON'>;
  /**
   * Lambda's ParallelizationFactor: a page's records are split by partition key into this many
   * batches handled at once, so one key's records stay in order while different keys do not wait
   * for each other. 1 (the default) hands the page over as one batch.
   */
  parallelization?: number;
  onError?: (error: unknown) => void;
}

/** Splits records into at most `n` groups by partition key (a key always lands in the same group, in order). */
function byPartitionKey(records: DynamoDBRecord[], n: number): DynamoDBRecord[][] {
  if (n <= 1) return [records];
  const groups = new Map<number, DynamoDBRecord[]>();
  for (const record of records) {
    const key = JSON.stringify(record.dynamodb?.Keys ?? {});
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
    const group = groups.get(hash % n) ?? [];
    group.push(record);
    groups.set(hash % n, group);
  }
  return [...groups.values()];
}

export interface StreamPoller {
  streamArn: string;
  /** Batches handed to the handler so far. */
  batches(): number;
  /** True when the last read of every open shard found no records (the handler has caught up). */
  caughtUp(): boolean;
  stop(): Promise<void>;
}

interface ShardState {
  shardId: string;
  parentShardId?: string;
  /** The last GetRecords of this shard returned records (there may be more right behind them). */
  busy: boolean;
  iterator?: string;
  lastSequence?: string;
  closed: boolean;
  retries: number;
  /** After a failed batch: not before this time (ms), backing off like Lambda's retries. */
  retryAt: number;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

type Image = Record<string, unknown>;

/**
 * An image with its empty maps tagged again. The SDK's streams client deserializes `{"M": {}}` to `{}`
 * (an attribute value with no type: `unmarshall` throws "No value defined"), where Lambda delivers
 * `{"M": {}}`; empty lists, NULLs and the rest come through as they are. So an untyped `{}` is an empty map.
 */
function withEmptyMaps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withEmptyMaps);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Image);
  if (entries.length === 0) return { M: {} };
  return Object.fromEntries(entries.map(([type, inner]) => [type, type === 'M' ? imageWithEmptyMaps(inner as Image) : type === 'L' ? (inner as unknown[]).map(withEmptyMaps) : inner]));
}
const imageWithEmptyMaps = (image: Image | undefined) => image && Object.fromEntries(Object.entries(image).map(([name, value]) => [name, withEmptyMaps(value)]));

/** The record in the shape Lambda delivers it: eventSourceARN added, the creation time in epoch seconds, empty maps tagged. */
function asLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  const images = record.dynamodb ? { NewImage: imageWithEmptyMaps(record.dynamodb.NewImage), OldImage: imageWithEmptyMaps(record.dynamodb.OldImage) } : {};
  return {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ...Object.fromEntries(Object.entries(images).filter(([, image]) => image !== undefined)),
      ...(created instanceof Date ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
    },
  } as DynamoDBRecord;
}

export async function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 100;
  const maxRetries = options.maxRetries ?? 5;
  const parallelization = options.parallelization ?? 1;
  const onError = options.onError ?? ((error) => console.error('stream poller:', error));
  const region = 'ap-east-1';
  const dynamo = new DynamoDBClient({ endpoint: options.endpoint, region, credentials });
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region, credentials });

  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);

  const shards = new Map<string, ShardState>();
  let batches = 0;
  let first = true;

  async function listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      all.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  async function iteratorFor(shardId: string, type: ShardIteratorType, sequenceNumber?: string): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}) }),
    );
    return ShardIterator;
  }

  async function discover(): Promise<void> {
    for (const shard of await listShards()) {
      if (!shard.ShardId || shards.has(shard.ShardId)) continue;
      const open = !shard.SequenceNumberRange?.EndingSequenceNumber;
      const type: ShardIteratorType = first && open ? (options.startAt ?? 'TRIM_HORIZON') : 'TRIM_HORIZON';
      shards.set(shard.ShardId, {
        shardId: shard.ShardId, parentShardId: shard.ParentShardId, iterator: await iteratorFor(shard.ShardId, type), closed: false, busy: false, retries: 0, retryAt: 0,
      });
    }
    first = false;
  }

  async function pollShard(state: ShardState): Promise<void> {
    state.busy = false;
    if (!state.iterator) {
      state.closed = true;
      return;
    }
    if (Date.now() < state.retryAt) return;
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: batchSize }));
    } catch (error) {
      // An iterator expires after 15 minutes; DynamoDB Local also calls a TRIM_HORIZON iterator taken
      // on an empty shard "trimmed" once records arrive. Either way: a fresh one where we were.
      const name = (error as Error).name;
      if (name === 'ExpiredIteratorException' || name === 'TrimmedDataAccessException') {
        state.iterator = state.lastSequence
          ? await iteratorFor(state.shardId, 'AFTER_SEQUENCE_NUMBER', state.lastSequence)
          : await iteratorFor(state.shardId, 'TRIM_HORIZON');
        return;
      }
      throw error;
    }
    const records = page.Records ?? [];
    if (records.length) {
      state.busy = true;
      batches++;
      const groups = byPartitionKey(records.map((r) => asLambdaRecord(r, streamArn!)), parallelization);
      const results = await Promise.all(
        groups.map((group) =>
          options.handler({ Records: group, shardId: state.shardId }).catch((error: unknown) => {
            onError(error);
            // A thrown handler fails its whole batch, as in AWS.
            return { batchItemFailures: group.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) };
          }),
        ),
      );
      // The page is read again from its first failed record (of any group): records of other keys after
      // it are delivered twice, which the handler makes harmless (idempotent by construction).
      const failed = results.flatMap((result) => result?.batchItemFailures ?? []).map((f) => f.itemIdentifier).filter(Boolean);
      if (failed.length) {
        const firstFailed = failed.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
        if (state.retries < maxRetries) {
          state.retries++;
          state.retryAt = Date.now() + Math.min(8000, 250 * 2 ** state.retries);
          state.iterator = await iteratorFor(state.shardId, 'AT_SEQUENCE_NUMBER', firstFailed);
          return;
        }
        onError(new Error(`stream records from ${firstFailed} failed ${maxRetries + 1} times; passed over`));
      }
      state.retries = 0;
      state.lastSequence = records[records.length - 1].dynamodb?.SequenceNumber ?? state.lastSequence;
    }
    state.iterator = page.NextShardIterator;
    if (!state.iterator) state.closed = true;
  }

  /** Parents first: a shard whose parent is still being read waits for it. */
  const readable = (s: ShardState) => !s.closed && !(s.parentShardId && shards.get(s.parentShardId) && !shards.get(s.parentShardId)!.closed);

  await discover();
  let stopped = false;
  let discoveredAt = Date.now();
  const loop = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        if (Date.now() - discoveredAt >= 8 * intervalMs) {
          await discover();
          discoveredAt = Date.now();
        }
        const open = [...shards.values()].filter(readable);
        await Promise.all(open.map(pollShard));
        busy = open.some((s) => s.busy);
      } catch (error) {
        if (!stopped) onError(error);
      }
      if (!busy) await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();

  return {
    streamArn,
    batches: () => batches,
    caughtUp: () => ![...shards.values()].some((s) => s.busy),
    stop: async () => {
      stopped = true;
      await loop;
      dynamo.destroy();
      streams.destroy();
    },
  };
}

export const FOLLOW_UP_PARALLELIZATION = 10;

/** The poller `npm start` and the test stack run: the responses stream → the follow-up handler. */
export async function startFollowUpPoller(endpoint: string, tableName: string): Promise<StreamPoller> {
  // Imported here, after the stack has put the functions' environment on this process.
  const { handler } = await import('../src/followup/on-response-stream');
  // As the event source mapping in serverless.yml (parallelizationFactor: 10).
  return startStreamPoller({ endpoint, tableName, handler, parallelization: FOLLOW_UP_PARALLELIZATION });
}

/** As the aggregate mapping in serverless.yml: one batch per shard at a time, so a shard's records are added in order. */
export const AGGREGATE_PARALLELIZATION = 1;
export const AGGREGATE_BATCH_SIZE = 1000;

/**
 * The second consumer of the responses stream: the aggregate handler (insight counters), reading
 * the stream on its own, as its own event-source mapping does in AWS.
 */
export async function startAggregatePoller(endpoint: string, tableName: string): Promise<StreamPoller> {
  const { createAggregateHandler, cohortFromTask } = await import('../src/insight/aggregate-stream');
  const { extractThemes } = await import('../src/insight/themes');
  // The counter rows are written straight to DynamoDB Local, not through the test stack's metering
  // proxy: they land a moment after a request, and would otherwise be counted as that request's units.
  const direct = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'ap-east-1', credentials }));
  const handler = createAggregateHandler({ themes: (comment) => extractThemes(comment), originalOf: cohortFromTask, send: (command) => direct.send(command) });
  const poller = await startStreamPoller({ endpoint, tableName, handler, parallelization: AGGREGATE_PARALLELIZATION, batchSize: AGGREGATE_BATCH_SIZE });
  return { ...poller, stop: async () => { await poller.stop(); direct.destroy(); } };
}

/**
 * Outbound webhooks, as in AWS: their own consumer of the responses stream (it only queues
 * deliveries, so a slow receiver never delays follow-up) and the sender, run here every `senderEveryMs`
 * (in AWS a function each minute that polls every 2 s). Both talk to DynamoDB Local directly, not
 * through the test stack's metering proxy (the sender polls all the time).
 */
export async function startWebhookWorkers(endpoint: string, tableName: string, senderEveryMs = 500): Promise<{ stop(): Promise<void> }> {
  const { useDirectDynamo } = await import('../src/data/webhooks-repo');
  useDirectDynamo(endpoint);
  const { createWebhookStreamHandler } = await import('../src/webhooks/on-response-stream');
  const { defaultSenderDeps, startSenderLoop } = await import('../src/webhooks/send-due');
  // LATEST, as the mapping in serverless.yml: a restart does not replay a day of old responses to endpoints registered since.
  const poller = await startStreamPoller({ endpoint, tableName, handler: createWebhookStreamHandler(), startAt: 'LATEST' });
  const sender = startSenderLoop(defaultSenderDeps(), senderEveryMs);
  return {
    stop: async () => {
      await poller.stop();
      await sender.stop();
    },
  };
}

/** As the callback-notice mapping in serverless.yml (parallelizationFactor: 10; a task and its grant share a key, so stay in order). */
export const CALLBACK_NOTICE_PARALLELIZATION = 10;

/**
 * The main table's stream → the callback-notice handler (functions/src/followup/callback-notice-stream.ts).
 * In AWS a filter lets only reached/resolved tasks and waiting grants through; here every record of
 * the table comes, and the handler passes over the rest without a read.
 */
export async function startCallbackNoticePoller(endpoint: string, tableName: string): Promise<StreamPoller> {
  const { handler } = await import('../src/followup/callback-notice-stream');
  return startStreamPoller({ endpoint, tableName, handler, parallelization: CALLBACK_NOTICE_PARALLELIZATION });
}

/**
 * The webhooks' own consumer of the main table's stream (task.created on a task's INSERT, task.resolved
 * on a resolve's write: functions/src/webhooks/on-main-stream.ts), as the `webhookTaskEvents` mapping in
 * serverless.yml: LATEST, like the responses one. In AWS a filter lets only task items through; here
 * every record comes (webhook deliveries, nonces…) and the handler passes over the rest without a read.
 * It queues through DynamoDB Local directly, as the other webhook workers do.
 */
export async function startWebhookTaskPoller(endpoint: string, tableName: string): Promise<StreamPoller> {
  const { useDirectDynamo } = await import('../src/data/webhooks-repo');
  useDirectDynamo(endpoint);
  const { createWebhookTaskStreamHandler } = await import('../src/webhooks/on-main-stream');
  return startStreamPoller({ endpoint, tableName, handler: createWebhookTaskStreamHandler(), startAt: 'LATEST' });
}
