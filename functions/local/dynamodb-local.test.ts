/**
 * The DynamoDB Local launcher: its database lives in a scratch folder (RAM when the machine has one)
 * that is gone after stop, or in the folder it is given, which it keeps; either way the stream records
 * get the indexes whose absence made every write and stream read slower as the streams filled (see STREAM_RECORD_INDEXES),
 * and the stream still reads back every record, in order.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CreateTableCommand, DescribeTableCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { freePort } from './test-kit';

jest.setTimeout(120_000);

const indexesOf = (dataDir: string) => {
  const db = new DatabaseSync(join(dataDir, 'shared-local-instance.db'), { readOnly: true });
  try {
    return db.prepare("SELECT name, tbl_name AS tableName FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all();
  } finally {
    db.close();
  }
};

async function streamedTable(client: DynamoDBClient, name: string): Promise<string> {
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  }));
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  return Table!.LatestStreamArn!;
}

async function readAll(ddb: DynamoDbLocal, streamArn: string): Promise<string[]> {
  const streams = new DynamoDBStreamsClient({ endpoint: ddb.endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const keys: string[] = [];
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      let iterator = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        if (!page.Records?.length) break;
        keys.push(...page.Records.map((r) => String(r.dynamodb?.Keys?.pk?.S)));
        iterator = page.NextShardIterator;
      }
    }
    return keys;
  } finally {
    streams.destroy();
  }
}

test('a scratch database: the stream records are indexed, every record reads back in order, and the folder is gone after stop', async () => {
  const ddb = await startDynamoDbLocal({ port: await freePort() });
  const client = localClient(ddb.endpoint);
  try {
    expect(ddb.dataDir).toBeDefined();
    expect(indexesOf(ddb.dataDir!)).toEqual(expect.arrayContaining([{ name: 'xs_stream_records', tableName: 'us' }, { name: 'xs_shard_records', tableName: 'us' }]));
    // Two streamed tables written at once: each stream gives back exactly its own records, in order.
    const [a, b] = await Promise.all([streamedTable(client, 'launcher-a'), streamedTable(client, 'launcher-b')]);
    const written = Array.from({ length: 1500 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    for (let i = 0; i < written.length; i += 50) {
      await Promise.all(written.slice(i, i + 50).flatMap((pk) => ['launcher-a', 'launcher-b'].map((TableName) =>
        client.send(new PutItemCommand({ TableName, Item: { pk: { S: pk } } })))));
    }
    for (const arn of [a, b]) {
      const read = await readAll(ddb, arn);
      expect([...read].sort()).toEqual(written);
      // Writes of one round of 50 run at once; a later round's records never come before an earlier one's.
      const rounds = read.map((pk) => Math.floor(Number(pk.slice(1)) / 50));
      expect(rounds).toEqual([...rounds].sort((x, y) => x - y));
    }
  } finally {
    client.destroy();
    await ddb.stop();
  }
  expect(existsSync(ddb.dataDir!)).toBe(false);
});

test('a persisted database keeps its data and its index across restarts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xinsheng-launcher-test-'));
  try {
    const port = await freePort();
    let ddb = await startDynamoDbLocal({ port, dataDir });
    let client = localClient(ddb.endpoint);
    const arn = await streamedTable(client, 'launcher-kept');
    await client.send(new PutItemCommand({ TableName: 'launcher-kept', Item: { pk: { S: 'before' } } }));
    client.destroy();
    await ddb.stop();
    expect(existsSync(join(dataDir, 'shared-local-instance.db'))).toBe(true);

    ddb = await startDynamoDbLocal({ port, dataDir });
    client = localClient(ddb.endpoint);
    try {
      expect(indexesOf(dataDir)).toEqual(expect.arrayContaining([{ name: 'xs_stream_records', tableName: 'us' }, { name: 'xs_shard_records', tableName: 'us' }]));
      await client.send(new PutItemCommand({ TableName: 'launcher-kept', Item: { pk: { S: 'after' } } }));
      expect(await readAll(ddb, arn)).toEqual(['before', 'after']);
    } finally {
      client.destroy();
      await ddb.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
