import type { DynamoDBRecord } from 'aws-lambda';
import { processConcurrently, processInOrder } from './stream-batch';

const records = (n: number): DynamoDBRecord[] => Array.from({ length: n }, (_, i) => ({ dynamodb: { SequenceNumber: String(100 + i) } }));
const seq = (r: DynamoDBRecord) => String(r.dynamodb?.SequenceNumber);
const reported = (response: { batchItemFailures: { itemIdentifier: string }[] }) => response.batchItemFailures.map((f) => f.itemIdentifier);

describe('a stream batch', () => {
  test('in order: stops at the first failure and reports it and everything after it', async () => {
    const seen: string[] = [];
    const out = await processInOrder(records(5), async (r) => {
      seen.push(seq(r));
      if (seq(r) === '102') throw new Error('boom');
    }, 'test');
    expect(seen).toEqual(['100', '101', '102']);
    expect(reported(out)).toEqual(['102', '103', '104']);
  });

  test('concurrently: every record runs, `concurrency` of them at once', async () => {
    let inFlight = 0;
    let most = 0;
    let done = 0;
    const out = await processConcurrently(records(12), async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 50));
      inFlight--;
      done++;
    }, 'test', 6);
    expect(reported(out)).toEqual([]);
    expect(done).toBe(12);
    expect(most).toBe(6);
  });

  test('concurrently: reports from the earliest failure on, whatever order the failures happen in', async () => {
    const seen = new Set<string>();
    const out = await processConcurrently(records(8), async (r) => {
      // The later record fails first.
      if (seq(r) === '106') throw new Error('first to fail');
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen.add(seq(r));
      if (seq(r) === '103') throw new Error('earlier record');
    }, 'test', 8);
    expect(reported(out)).toEqual(['103', '104', '105', '106', '107']);
    // The others ran (and will run again on the retry from 103: each is idempotent).
    expect([...seen].sort()).toEqual(['100', '101', '102', '103', '104', '105', '107']);
  });
});
