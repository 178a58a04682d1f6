import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger } from './logger';
import { mapWithConcurrency } from './concurrency';

/**
 * A DynamoDB stream batch handled in order: a record that throws, and everything after it, are
 * reported back (ReportBatchItemFailures), so the batch resumes there and nothing is skipped or
 * done twice. `process` throws only for what a retry may fix.
 */
export async function processInOrder(records: DynamoDBRecord[], process: (record: DynamoDBRecord) => Promise<unknown>, what: string): Promise<DynamoDBBatchResponse> {
  for (let i = 0; i < records.length; i++) {
    try {
      await process(records[i]);
    } catch (error) {
      logger.error(`${what} failed for a record`, { sequenceNumber: records[i].dynamodb?.SequenceNumber, error: error as Error });
      return failedFrom(records, i);
    }
  }
  return { batchItemFailures: [] };
}

/** The record at `index` and every one after it, reported back: the batch resumes there. */
function failedFrom(records: readonly DynamoDBRecord[], index: number): DynamoDBBatchResponse {
  return {
    batchItemFailures: records
      .slice(index)
      .map((r) => r.dynamodb?.SequenceNumber)
      .filter((s): s is string => Boolean(s))
      .map((itemIdentifier) => ({ itemIdentifier })),
  };
}

/**
 * A batch of records independent of each other, each handled idempotently, up to `concurrency` at a
 * time: the batch takes as long as its slowest record, not their sum (a batch of 25 answers with
 * three detractors waits for one task write, not three in a row). A failure reports the earliest
 * failed record and everything after it, as processInOrder does; the retry redoes those after it
 * that had succeeded, which their idempotence makes harmless.
 */
export async function processConcurrently(records: DynamoDBRecord[], process: (record: DynamoDBRecord) => Promise<unknown>, what: string, concurrency = 8): Promise<DynamoDBBatchResponse> {
  const failed = await mapWithConcurrency(records, concurrency, async (record) => {
    try {
      await process(record);
      return false;
    } catch (error) {
      logger.error(`${what} failed for a record`, { sequenceNumber: record.dynamodb?.SequenceNumber, error: error as Error });
      return true;
    }
  });
  const first = failed.indexOf(true);
  return first < 0 ? { batchItemFailures: [] } : failedFrom(records, first);
}
