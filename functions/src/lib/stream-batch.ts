import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { logger } from './logger';

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
      return {
        batchItemFailures: records
          .slice(i)
          .map((r) => r.dynamodb?.SequenceNumber)
          .filter((s): s is string => Boolean(s))
          .map((itemIdentifier) => ({ itemIdentifier })),
      };
    }
  }
  return { batchItemFailures: [] };
}
