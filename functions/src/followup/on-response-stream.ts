import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { needsCallback } from '@xinsheng/shared';
import { logger, withLogContext } from '../lib/logger';
import { processConcurrently } from '../lib/stream-batch';
import { streamedResponse } from '../data/responses-stream';
import { createCallbackTask, type FollowUpDeps } from './create-callback-task';
import { defaultNotifier } from './notify';
import { recordRecovery } from './record-recovery';

export type RecordOutcome = 'task_created' | 'task_existed' | 'recovery_recorded' | 'recovery_seen' | 'skipped';

/** One stream record → at most one effect. Throws only for what a retry may fix. */
export async function processRecord(record: DynamoDBRecord, deps: FollowUpDeps): Promise<RecordOutcome> {
  const streamed = streamedResponse(record);
  if (streamed.kind === 'other') return 'skipped';
  if (streamed.kind === 'malformed') {
    // Not a response (or a malformed one): retrying cannot help, so it is logged and passed over.
    logger.error('stream record is not a response', { key: record.dynamodb?.Keys, issues: streamed.issues });
    return 'skipped';
  }
  const { response } = streamed;
  if (response.kind === 'recovery') return (await recordRecovery(response)) ? 'recovery_recorded' : 'recovery_seen';
  if (!needsCallback(response.answers)) return 'skipped';
  const { created } = await createCallbackTask(response, deps);
  return created ? 'task_created' : 'task_existed';
}

/**
 * The follow-up function: the responses table's stream (in AWS filtered to INSERTs that need a
 * callback or are recovery answers; locally fed every record by the poller, unchanged). Each record
 * is about its own response and handled idempotently (a task exists once; a recovery is recorded
 * once), so a batch's records run at once; the earliest failed one and everything after it are
 * reported back (ReportBatchItemFailures), so the batch resumes there and nothing is skipped or
 * done twice.
 */
export function createFollowUpHandler(deps: FollowUpDeps) {
  return withLogContext(
    async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => processConcurrently(event.Records ?? [], (record) => processRecord(record, deps), 'follow-up'),
  );
}

export const handler = createFollowUpHandler({ notifier: defaultNotifier(), now: () => new Date() });
