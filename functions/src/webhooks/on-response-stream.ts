import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { needsCallback, type WebhookEndpoint } from '@xinsheng/shared';
import { logger, withLogContext } from '../lib/logger';
import { streamedResponse } from '../data/responses-stream';
import { getFollowUpPolicy } from '../data/tasks-repo';
import { listWebhooks } from '../data/webhooks-repo';
import { taskFromResponse } from '../followup/create-callback-task';
import { planTask } from '../followup/routing';
import { enqueueEvent, responseCreated, taskCreated } from './events';

/**
 * The webhook consumer of the responses stream — its own event-source mapping (and its own local
 * poller), beside follow-up and aggregate, so a slow receiver can never delay a task: it only QUEUES
 * deliveries (conditional puts); the sender (send-due.ts) makes the HTTP calls.
 *
 * A new response → `response.created`; a first-survey response that gets a callback (the same shared
 * rule follow-up uses) → `task.created`, with the task follow-up writes — every field of it derives
 * from the response and the brand's policy (followup/create-callback-task.ts `taskFromResponse`).
 * The sender holds a task.created back until that task exists.
 */
export function createWebhookStreamHandler(now: () => Date = () => new Date()) {
  return withLogContext(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const records = event.Records ?? [];
    // A brand's endpoints are read once per batch (and only for brands with responses in it).
    const endpointsOf = new Map<string, Promise<WebhookEndpoint[]>>();
    const endpoints = (brandId: string) => {
      if (!endpointsOf.has(brandId)) endpointsOf.set(brandId, listWebhooks(brandId));
      return endpointsOf.get(brandId) as Promise<WebhookEndpoint[]>;
    };
    for (let i = 0; i < records.length; i++) {
      try {
        const streamed = streamedResponse(records[i]);
        if (streamed.kind !== 'response') continue;
        const { response } = streamed;
        const brandEndpoints = await endpoints(response.brandId);
        if (brandEndpoints.length === 0) continue;
        await enqueueEvent(responseCreated(response), now(), brandEndpoints);
        if (response.kind !== 'recovery' && needsCallback(response.answers) && brandEndpoints.some((e) => e.events.includes('task.created'))) {
          const task = taskFromResponse(response, planTask(response, await getFollowUpPolicy(response.brandId)));
          await enqueueEvent(taskCreated(task), now(), brandEndpoints);
        }
      } catch (error) {
        logger.error('webhook enqueue failed for a record', { sequenceNumber: records[i].dynamodb?.SequenceNumber, error: error as Error });
        // This record and every later one come again (ReportBatchItemFailures); those already queued queue nothing twice.
        const again = records.slice(i).flatMap((r) => (r.dynamodb?.SequenceNumber ? [{ itemIdentifier: r.dynamodb.SequenceNumber }] : []));
        return { batchItemFailures: again };
      }
    }
    return { batchItemFailures: [] };
  });
}

export const handler = createWebhookStreamHandler();
