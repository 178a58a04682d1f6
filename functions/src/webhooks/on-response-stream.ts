import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { withLogContext } from '../lib/logger';
import { processInOrder } from '../lib/stream-batch';
import { streamedResponse } from '../data/responses-stream';
import { endpointsPerBatch, enqueueEvent, responseCreated } from './events';

/**
 * The webhook consumer of the responses stream — its own event-source mapping (and its own local
 * poller), beside follow-up and aggregate, so a slow receiver can never delay a task: it only QUEUES
 * deliveries (conditional puts); the sender (send-due.ts) makes the HTTP calls.
 *
 * A new response → `response.created`. (`task.created` and `task.resolved` come from the main
 * table's stream, when the task is written: on-main-stream.ts.)
 */
export function createWebhookStreamHandler(now: () => Date = () => new Date()) {
  return withLogContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const endpoints = endpointsPerBatch();
    // A record that fails, and every later one, come again (ReportBatchItemFailures); those already queued queue nothing twice.
    return processInOrder(
      event.Records ?? [],
      async (record) => {
        const streamed = streamedResponse(record);
        if (streamed.kind !== 'response') return;
        const brandEndpoints = await endpoints(streamed.response.brandId);
        if (brandEndpoints.length) await enqueueEvent(responseCreated(streamed.response), now(), brandEndpoints);
      },
      'webhook enqueue (responses)',
    );
  });
}

export const handler = createWebhookStreamHandler();
