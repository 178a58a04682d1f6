/**
 * The local stream poller on its own: it reads DynamoDB Local's real stream and hands records to a
 * handler as Lambda would (eventSourceARN set, attribute-value images unchanged); a reported item
 * failure is delivered again from that record; a thrown handler fails the whole batch.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulidx';
import { eventually, stack } from './followup-helpers';
import { localClient } from '../functions/local/dynamodb-local';
import { startStreamPoller, type StreamPoller } from '../functions/local/stream-poller';

const client = localClient(stack.dynamoEndpoint);
const table = stack.env.XS_RESPONSES_TABLE;
const mine = (r: DynamoDBRecord) => String(r.dynamodb?.Keys?.pk?.S ?? '').startsWith('POLLERTEST#');
let poller: StreamPoller | undefined;

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
});
afterAll(() => client.destroy());

/** A passive answer: a real response item that the stack's own follow-up poller passes over. */
async function putPassive(): Promise<string> {
  const id = ulid();
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: marshall({ pk: `POLLERTEST#${id}`, sk: 'RESPONSE', responseId: id, answers: { nps: 8 }, followUp: { callback: false } }),
    }),
  );
  return id;
}

test('records arrive as Lambda delivers them: INSERT, NEW_IMAGE in attribute values, the stream ARN', async () => {
  const seen: DynamoDBStreamEvent[] = [];
  poller = await startStreamPoller({ endpoint: stack.dynamoEndpoint, tableName: table, startAt: 'LATEST', handler: async (event) => void seen.push(event) });
  const id = await putPassive();
  const { value: record } = await eventually(async () => seen.flatMap((e) => e.Records).find((r) => mine(r) && r.dynamodb?.NewImage?.responseId?.S === id));
  expect(record).toMatchObject({
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    eventSourceARN: poller.streamArn,
    dynamodb: { Keys: { pk: { S: `POLLERTEST#${id}` }, sk: { S: 'RESPONSE' } }, NewImage: { answers: { M: { nps: { N: '8' } } } }, StreamViewType: 'NEW_IMAGE' },
  });
  expect(typeof record?.dynamodb?.ApproximateCreationDateTime).toBe('number');
  expect(record?.dynamodb?.SequenceNumber).toMatch(/^\d+$/);
});

test('a reported item failure is delivered again from that record, then the stream moves on', async () => {
  const deliveries = new Map<string, number>();
  let failOnce: string | undefined = undefined; // set once the handler runs, read inside it
  poller = await startStreamPoller({
    endpoint: stack.dynamoEndpoint,
    tableName: table,
    startAt: 'LATEST',
    handler: async (event) => {
      const failures: { itemIdentifier: string }[] = [];
      for (const r of event.Records.filter(mine)) {
        const id = r.dynamodb!.NewImage!.responseId.S!;
        deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
        if (id === failOnce && deliveries.get(id) === 1) failures.push({ itemIdentifier: r.dynamodb!.SequenceNumber! });
      }
      return { batchItemFailures: failures };
    },
  });
  failOnce = await putPassive();
  const after = await putPassive();
  await eventually(async () => (deliveries.get(failOnce!) === 2 && deliveries.get(after) ? true : undefined));
  await new Promise((r) => setTimeout(r, 600)); // nothing further arrives
  expect(deliveries.get(failOnce)).toBe(2);
  expect(deliveries.get(after)).toBeGreaterThanOrEqual(1);
});

test('with a parallelization factor, one page is handled as several batches at once, split by key, and every record arrives', async () => {
  const delivered = new Map<string, number>();
  let inFlight = 0;
  let mostAtOnce = 0;
  const batchKeys: string[][] = [];
  poller = await startStreamPoller({
    endpoint: stack.dynamoEndpoint,
    tableName: table,
    startAt: 'LATEST',
    parallelization: 4,
    handler: async (event) => {
      inFlight++;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      const keys = event.Records.filter(mine).map((r) => r.dynamodb!.Keys!.pk.S!);
      batchKeys.push(keys);
      for (const r of event.Records.filter(mine)) delivered.set(r.dynamodb!.NewImage!.responseId.S!, (delivered.get(r.dynamodb!.NewImage!.responseId.S!) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 100)); // a handler that takes a while, as a detractor's does
      inFlight--;
    },
  });
  // Written before the poller's next read, so they arrive on one page.
  const ids = await Promise.all(Array.from({ length: 24 }, () => putPassive()));
  await eventually(async () => (ids.every((id) => delivered.has(id)) ? true : undefined));
  expect(ids.map((id) => delivered.get(id))).toEqual(ids.map(() => 1));
  expect(mostAtOnce).toBeGreaterThan(1);
  expect(mostAtOnce).toBeLessThanOrEqual(4);
  // A key is in exactly one batch (its records stay in order within it).
  const all = batchKeys.flat();
  expect(new Set(all).size).toBe(all.length);
});
