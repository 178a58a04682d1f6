import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, withLogContext } from '../lib/logger';
import { processInOrder } from '../lib/stream-batch';
import { streamedTaskEvent } from '../data/webhooks-repo';
import { endpointsPerBatch, enqueueEvent, taskCreated, taskResolved } from './events';

/**
 * The webhooks' own consumer of the main table's stream (its own event-source mapping `webhookTaskEvents`,
 * in AWS filtered to task INSERTs and task images with status resolved; locally its own poller, fed every
 * record): `task.created` when follow-up puts a task, `task.resolved` when a resolve's write lands. It only
 * QUEUES deliveries (conditional puts on ids derived from the event and the endpoint); the sender sends.
 *
 * At least once by construction: the event is the committed write itself, read from the stream (kept 24 h,
 * retried, then dead-lettered) — there is no moment between a task's write and its event's queueing at which
 * a crash loses the event, as there was when the resolve queued it on its request path. A redelivered record
 * queues nothing twice. The callback-notice consumer reads the same stream on its own mapping, untouched.
 */
export function createWebhookTaskStreamHandler(now: () => Date = () => new Date()) {
  return withLogContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const endpoints = endpointsPerBatch();
    return processInOrder(
      event.Records ?? [],
      async (record) => {
        const change = streamedTaskEvent(record);
        if (change.kind === 'other') return;
        if (change.kind === 'malformed') {
          // A retry cannot fix it: logged (no identifier in zod's issue paths), passed over.
          logger.error('a task item on the main stream does not parse; no webhook event', { sequenceNumber: record.dynamodb?.SequenceNumber, issues: change.issues });
          return;
        }
        const brandEndpoints = await endpoints(change.task.brandId);
        if (!brandEndpoints.length) return;
        await enqueueEvent(change.kind === 'task.created' ? taskCreated(change.task) : taskResolved(change.task), now(), brandEndpoints);
      },
      'webhook enqueue (tasks)',
    );
  });
}

export const handler = createWebhookTaskStreamHandler();
