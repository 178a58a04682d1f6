/**
 * What AWS Lambda's event-source mapping does for the responses table's stream, done locally:
 * reads DynamoDB Local's real stream (DescribeTable → LatestStreamArn, DescribeStream → shards,
 * GetShardIterator, GetRecords every ~250 ms) and hands each batch to the same handler AWS
 * invokes, as a DynamoDBStreamEvent `{Records}` with the records as GetRecords returned them
 * (plus eventSourceARN, and ApproximateCreationDateTime in epoch seconds, as Lambda delivers it).
 * A shard that gave a page at least half full is read again at once — the reader is behind (waiting
 * ~250 ms after every page capped the follow-up at < 400 records/s, and it fell thousands of records
 * behind); after a smaller page it waits `intervalMs`, as Lambda's poller polls a caught-up shard about
 * four times a second. Reading again at once after *any* record hammered the engine: under a trickle
 * of writes the reader issued GetRecords back to back, each costing DynamoDB Local a fixed share of its
 * one thread, and signed triggers fell from ~240 to ~95 a second. A child shard is read only
 * after its parent is finished, so a response's records stay in order across a shard roll-over.
 * Each batch names its shard (`shardId`, as Lambda's tumbling-window events do): the aggregate
 * handler keeps its exactly-once watermarks per shard.
 * A batch whose handler reports item failures is delivered again from the first failed record,
 * up to `maxRetries` times (maximumRetryAttempts, 5 as in serverless.yml) with back-off, then logged
 * and passed over (in AWS the on-failure destination keeps them).
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand,
  type _Record as StreamRecord, type Shard, type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { withoutSdkLogging } from '../src/lib/sdk-logging';
import { localClient } from './dynamodb-local';

/** One consumer of a stream: what an event-source mapping is in AWS. */
export interface StreamConsumer {
  /** Handed each batch, with the shard it comes from (as Lambda does for a mapping with a tumbling window). */
  handler: (event: DynamoDBStreamEvent & { shardId: string }) => Promise<DynamoDBBatchResponse | void>;
  /** Records per batch (BatchSize). */
  batchSize?: number;
  /**
   * Lambda's ParallelizationFactor: a batch's records are split by partition key into this many
   * batches handled at once, so one key's records stay in order while different keys do not wait
   * for each other. 1 (the default) hands the batch over whole.
   */
  parallelization?: number;
  /**
   * Where this consumer begins. TRIM_HORIZON (the default) also delivers what was written while no
   * poller ran — safe because the handlers are idempotent. LATEST: only records written since the poller
   * started (when another consumer of the same reader starts at TRIM_HORIZON: by their creation time,
   * which DynamoDB Local gives to the minute). Shards that appear later are always read from their start.
   */
  startAt?: Extract<ShardIteratorType, 'LATEST' | 'TRIM_HORIZON'>;
  /**
   * Lambda's MaximumBatchingWindowInSeconds, in ms: a batch short of `batchSize` waits for more records
   * until its oldest has waited this long. None (the default): a batch goes as soon as it is read.
   */
  batchWindowMs?: number;
}

export interface StreamReaderOptions {
  endpoint: string;
  tableName: string;
  /**
   * Every consumer of the table's stream. One reader serves them all — each GetRecords page is handed to
   * each consumer's own queue — because DynamoDB Local answers a GetRecords with the same CPU that serves
   * the writes: five pollers reading two streams on their own took a fifth of its throughput on this
   * machine. Each consumer drains its queue on its own (a slow one does not hold the others back) and
   * the reader reads ahead no further than ten pages beyond the slowest.
   */
  consumers: StreamConsumer[];
  intervalMs?: number;
  /** Records per GetRecords (default and most: 1000, DynamoDB's limit); each consumer gets them in batches of its size. */
  pageSize?: number;
  maxRetries?: number;
  onError?: (error: unknown) => void;
}

/** One consumer reading on its own (the tests' poller). */
export type StreamPollerOptions = Omit<StreamReaderOptions, 'consumers' | 'pageSize'> & StreamConsumer;

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
  /** The last GetRecords of this shard returned records (the consumers have work coming). */
  busy: boolean;
  /** The last GetRecords of this shard returned half a page or more: more are likely right behind it. */
  behind: boolean;
  iterator?: string;
  lastSequence?: string;
  closed: boolean;
}

interface Delivery {
  records: DynamoDBRecord[];
  shardId: string;
  /** When the reader queued it (ms). */
  at: number;
}

interface ConsumerState {
  consumer: StreamConsumer;
  queue: Delivery[];
  /** Records queued or being handled. */
  pending: number;
  /** Epoch seconds: records created before are not this consumer's (LATEST on a shared reader). */
  since?: number;
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

export function startStreamPoller(options: StreamPollerOptions): Promise<StreamPoller> {
  const { handler, batchSize, parallelization, startAt, ...reader } = options;
  return startStreamReader({ ...reader, consumers: [{ handler, batchSize, parallelization, startAt }] });
}

const MAX_PAGE = 1000;
const READ_AHEAD_PAGES = 10;

export async function startStreamReader(options: StreamReaderOptions): Promise<StreamPoller> {
  const intervalMs = options.intervalMs ?? 250;
  const maxRetries = options.maxRetries ?? 5;
  const pageSize = Math.min(MAX_PAGE, options.pageSize ?? MAX_PAGE);
  const onError = options.onError ?? ((error) => console.error('stream poller:', error));
  const region = 'ap-east-1';
  const dynamo = localClient(options.endpoint);
  const streams = withoutSdkLogging(new DynamoDBStreamsClient({ endpoint: options.endpoint, region, credentials }));

  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);

  // The reader starts at LATEST only when every consumer does; otherwise LATEST consumers skip older records.
  const startAt: ShardIteratorType = options.consumers.every((c) => c.startAt === 'LATEST') ? 'LATEST' : 'TRIM_HORIZON';
  // DynamoDB Local stamps records to the minute: a LATEST consumer of a shared reader also gets the
  // records of the minute it started in (harmless: every handler is idempotent).
  const startedAt = Math.floor(Date.now() / 60_000) * 60;
  const consumers: ConsumerState[] = options.consumers.map((consumer) => ({
    consumer, queue: [], pending: 0, ...(consumer.startAt === 'LATEST' && startAt !== 'LATEST' ? { since: startedAt } : {}),
  }));
  const shards = new Map<string, ShardState>();
  let batches = 0;
  let first = true;
  let stopped = false;
  /** Pauses under way: all end when the poller stops; the consumers' also when records are queued. */
  const pauses = new Set<() => void>();
  const idleConsumers = new Set<() => void>();
  const pause = (ms: number, consumer = false) => new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      pauses.delete(done);
      idleConsumers.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    pauses.add(done);
    if (consumer) idleConsumers.add(done);
  });

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
      const type: ShardIteratorType = first && open ? startAt : 'TRIM_HORIZON';
      shards.set(shard.ShardId, { shardId: shard.ShardId, parentShardId: shard.ParentShardId, iterator: await iteratorFor(shard.ShardId, type), closed: false, busy: false, behind: false });
    }
    first = false;
  }

  /** Hands one batch to the consumer (split by key); the sequence number of its first failed record, if any. */
  async function handOver(state: ConsumerState, records: DynamoDBRecord[], shardId: string): Promise<string | undefined> {
    batches++;
    const groups = byPartitionKey(records, state.consumer.parallelization ?? 1);
    const results = await Promise.all(
      groups.map((group) =>
        state.consumer.handler({ Records: group, shardId }).catch((error: unknown) => {
          onError(error);
          // A thrown handler fails its whole batch, as in AWS.
          return { batchItemFailures: group.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) };
        }),
      ),
    );
    const failed = results.flatMap((result) => result?.batchItemFailures ?? []).map((f) => f.itemIdentifier).filter(Boolean);
    return failed.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
  }

  /**
   * A delivery, in batches of the consumer's size. A failed batch is handed over again from its first
   * failed record (of any group: records of other keys after it come twice, which the handlers make
   * harmless) up to `maxRetries` times with back-off, as Lambda retries, then logged and passed over (in
   * AWS the on-failure destination keeps them).
   */
  async function deliver(state: ConsumerState, { records, shardId }: Delivery): Promise<void> {
    const size = state.consumer.batchSize ?? 100;
    for (let start = 0; start < records.length && !stopped; start += size) {
      let batch = records.slice(start, start + size);
      for (let attempt = 1; batch.length && !stopped; attempt++) {
        const failed = await handOver(state, batch, shardId);
        if (failed === undefined) break;
        if (attempt > maxRetries) {
          onError(new Error(`stream records from ${failed} failed ${attempt} times; passed over`));
          break;
        }
        await pause(Math.min(8000, 250 * 2 ** attempt));
        batch = batch.slice(Math.max(0, batch.findIndex((r) => r.dynamodb?.SequenceNumber === failed)));
      }
    }
  }

  /**
   * The next batch: the first page queued, with the pages behind it from the same shard joined to it as
   * far as the consumer's batch size holds — Lambda's batch takes every record waiting, up to BatchSize —
   * so a consumer that fell behind catches up in fuller batches (the aggregate writes each counter row
   * once per batch). With a batching window, a batch short of its size waits for more (undefined) until
   * its oldest record has waited the window.
   */
  async function takeBatch(state: ConsumerState): Promise<Delivery | undefined> {
    const size = state.consumer.batchSize ?? 100;
    const [head] = state.queue;
    let pages = 1;
    let count = head.records.length;
    while (pages < state.queue.length && state.queue[pages].shardId === head.shardId && count + state.queue[pages].records.length <= size) {
      count += state.queue[pages++].records.length;
    }
    const wait = (state.consumer.batchWindowMs ?? 0) - (Date.now() - head.at);
    if (wait > 0 && count < size) {
      await pause(wait, true); // woken early when the reader queues more
      return undefined;
    }
    const taken = state.queue.splice(0, pages);
    return { ...head, records: taken.flatMap((d) => d.records) };
  }

  const consuming = consumers.map(async (state) => {
    while (!stopped) {
      if (!state.queue.length) {
        await pause(intervalMs, true);
        continue;
      }
      const next = await takeBatch(state);
      if (!next) continue;
      try {
        await deliver(state, next);
      } catch (error) {
        onError(error);
      }
      state.pending -= next.records.length;
    }
  });

  async function pollShard(state: ShardState): Promise<void> {
    state.busy = false;
    state.behind = false;
    if (!state.iterator) {
      state.closed = true;
      return;
    }
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: pageSize }));
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
    const records = (page.Records ?? []).map((r) => asLambdaRecord(r, streamArn!));
    if (records.length) {
      state.busy = true;
      state.behind = records.length >= pageSize / 2;
      for (const consumer of consumers) {
        const since = consumer.since;
        const mine = since === undefined ? records : records.filter((r) => (r.dynamodb?.ApproximateCreationDateTime ?? 0) >= since);
        if (!mine.length) continue;
        consumer.queue.push({ records: mine, shardId: state.shardId, at: Date.now() });
        consumer.pending += mine.length;
      }
      for (const done of [...idleConsumers]) done();
      state.lastSequence = records[records.length - 1].dynamodb?.SequenceNumber ?? state.lastSequence;
    }
    state.iterator = page.NextShardIterator;
    if (!state.iterator) state.closed = true;
  }

  /** Parents first: a shard whose parent is still being read waits for it. */
  const readable = (s: ShardState) => !s.closed && !(s.parentShardId && shards.get(s.parentShardId) && !shards.get(s.parentShardId)!.closed);
  /**
   * Reads ahead up to READ_AHEAD_PAGES pages beyond the slowest consumer: a consumer with big, slow
   * batches (the aggregate's 1000) does not keep the others (follow-up) waiting for the next page.
   */
  const roomAhead = () => consumers.every((c) => c.pending < pageSize * READ_AHEAD_PAGES);

  await discover();
  let discoveredAt = Date.now();
  const reading = (async () => {
    while (!stopped) {
      let behind = false;
      try {
        if (Date.now() - discoveredAt >= 8 * intervalMs) {
          await discover();
          discoveredAt = Date.now();
        }
        if (roomAhead()) {
          const open = [...shards.values()].filter(readable);
          await Promise.all(open.map(pollShard));
          behind = open.some((s) => s.behind);
        }
      } catch (error) {
        if (!stopped) onError(error);
      }
      if (!behind || !roomAhead()) await pause(behind ? 20 : intervalMs);
    }
  })();

  return {
    streamArn,
    batches: () => batches,
    caughtUp: () => ![...shards.values()].some((s) => s.busy) && consumers.every((c) => c.pending === 0),
    stop: async () => {
      stopped = true;
      for (const done of [...pauses]) done();
      await Promise.all([reading, ...consuming]);
      dynamo.destroy();
      streams.destroy();
    },
  };
}

/*
 * The consumers of the two streams, each as its event-source mapping in serverless.yml. Their modules
 * are imported when asked for, after the stack has put the functions' environment on this process.
 */

export const FOLLOW_UP_PARALLELIZATION = 10;

/** The responses stream → the follow-up handler (parallelizationFactor: 10). */
export async function followUpConsumer(): Promise<StreamConsumer> {
  const { handler } = await import('../src/followup/on-response-stream');
  return { handler, parallelization: FOLLOW_UP_PARALLELIZATION };
}

/** As the aggregate mapping in serverless.yml: one batch per shard at a time, so a shard's records are added in order. */
export const AGGREGATE_PARALLELIZATION = 1;
export const AGGREGATE_BATCH_SIZE = 1000;
/**
 * The aggregate mapping's batching window: 300 s in AWS (full batches: each counter row written once per
 * batch); here 1 s, so a dashboard a newcomer watches moves within a second of an answer while the counters
 * are still written once a second rather than once per 250 ms page under a load.
 */
export const AGGREGATE_BATCH_WINDOW_MS = 1000;

/**
 * The responses stream → the aggregate handler (insight counters). The counter rows are written straight
 * to DynamoDB Local, not through the test stack's metering proxy: they land a moment after a request, and
 * would otherwise be counted as that request's units.
 */
export async function aggregateConsumer(endpoint: string): Promise<StreamConsumer & { close(): void }> {
  const { createAggregateHandler, cohortFromTask } = await import('../src/insight/aggregate-stream');
  const { extractThemes } = await import('../src/insight/themes');
  const direct = DynamoDBDocumentClient.from(localClient(endpoint));
  const handler = createAggregateHandler({ themes: (comment) => extractThemes(comment), originalOf: cohortFromTask, send: (command) => direct.send(command) });
  return { handler, parallelization: AGGREGATE_PARALLELIZATION, batchSize: AGGREGATE_BATCH_SIZE, batchWindowMs: AGGREGATE_BATCH_WINDOW_MS, close: () => direct.destroy() };
}

/**
 * The responses stream → webhook deliveries queued (it only queues, so a slow receiver never delays
 * follow-up). LATEST, as the mapping: a restart does not replay a day of old responses to endpoints
 * registered since. The webhook workers talk to DynamoDB Local directly, not through the test stack's
 * metering proxy (the sender polls all the time).
 */
export async function webhookResponseConsumer(endpoint: string): Promise<StreamConsumer> {
  const { useDirectDynamo } = await import('../src/data/webhooks-repo');
  useDirectDynamo(endpoint);
  const { createWebhookStreamHandler } = await import('../src/webhooks/on-response-stream');
  return { handler: createWebhookStreamHandler(), startAt: 'LATEST' };
}

/** As the callback-notice mapping in serverless.yml (parallelizationFactor: 10; a task and its grant share a key, so stay in order). */
export const CALLBACK_NOTICE_PARALLELIZATION = 10;

/**
 * The main table's stream → the callback-notice handler (functions/src/followup/callback-notice-stream.ts).
 * In AWS a filter lets only reached/resolved tasks and waiting grants through; here every record of
 * the table comes, and the handler passes over the rest without a read.
 */
export async function callbackNoticeConsumer(): Promise<StreamConsumer> {
  const { handler } = await import('../src/followup/callback-notice-stream');
  return { handler, parallelization: CALLBACK_NOTICE_PARALLELIZATION };
}

/**
 * The main table's stream → webhook task events (task.created, task.resolved:
 * functions/src/webhooks/on-main-stream.ts), as the `webhookTaskEvents` mapping: LATEST, like the
 * responses one. In AWS a filter lets only task items through; here every record comes and the handler
 * passes over the rest without a read.
 */
export async function webhookTaskConsumer(endpoint: string): Promise<StreamConsumer> {
  const { useDirectDynamo } = await import('../src/data/webhooks-repo');
  useDirectDynamo(endpoint);
  const { createWebhookTaskStreamHandler } = await import('../src/webhooks/on-main-stream');
  return { handler: createWebhookTaskStreamHandler(), startAt: 'LATEST' };
}

export interface LocalStreams {
  /** The responses table's reader: follow-up, aggregate, webhook deliveries. */
  responses: StreamPoller;
  /** The main table's reader: callback notices, webhook task events. */
  main: StreamPoller;
  /** Both have handed every record they read to every consumer, and the consumers are done with them. */
  caughtUp(): boolean;
  stop(): Promise<void>;
}

/**
 * What AWS runs for the two streams, run here: one reader per stream serving its consumers, and the
 * webhook sender's loop every `senderEveryMs` (in AWS a function each minute that polls every 2 s).
 */
export async function startLocalStreams(endpoint: string, tables: { responses: string; main: string }, senderEveryMs = 500): Promise<LocalStreams> {
  const aggregate = await aggregateConsumer(endpoint);
  const responses = await startStreamReader({
    endpoint, tableName: tables.responses, consumers: [await followUpConsumer(), aggregate, await webhookResponseConsumer(endpoint)],
  });
  const main = await startStreamReader({ endpoint, tableName: tables.main, consumers: [await callbackNoticeConsumer(), await webhookTaskConsumer(endpoint)] });
  const { defaultSenderDeps, startSenderLoop } = await import('../src/webhooks/send-due');
  const sender = startSenderLoop(defaultSenderDeps(), senderEveryMs);
  return {
    responses,
    main,
    caughtUp: () => responses.caughtUp() && main.caughtUp(),
    stop: async () => {
      await Promise.all([responses.stop(), main.stop(), sender.stop()]);
      aggregate.close();
    },
  };
}
