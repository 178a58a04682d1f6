import { DynamoDBClient, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ZDeliveryRecord, ZTask, ZWebhookEndpoint, type DeliveryAttempt, type DeliveryRecord, type Task, type WebhookEndpoint } from '@xinsheng/shared';
import { z } from 'zod';
import { TABLES, conditionalTransaction, conditionalWrite, db, epochSeconds, queryAll } from '../lib/dynamo';
import { withoutSdkLogging } from '../lib/sdk-logging';
import { auditPut, type AuditInput } from './audit-repo';
import { keys, webhookKeys } from './keys';

/**
 * Outbound webhooks (main table): a brand's endpoints and their deliveries (infra/ACCESS_PATTERNS.md,
 * "Outbound webhooks"). Every admin change is one transaction with its audit entry; a delivery is
 * queued by a conditional put on a key derived from the event and the endpoint (a duplicate stream
 * record queues nothing), claimed for an attempt by a conditional update of its due key (two senders
 * never send the same attempt), and its attempt recorded under the claim's lease id.
 */

type Audit = Omit<AuditInput, 'brandId'>;

/**
 * The client of the stream consumer's and the sender's reads and writes: the functions' own, except
 * in the local stack, whose webhook workers talk to DynamoDB Local directly (`useDirectDynamo`) —
 * as the aggregate poller does — so the sender's polling never shows in the test stack's capacity
 * meter. The admin routes' transactions always go through the functions' client.
 */
let client: Pick<DynamoDBDocumentClient, 'send'> = db;
let directEndpoint: string | undefined;

/** Local stack and tests only: this process's webhook workers use DynamoDB Local at `endpoint` directly. */
export function useDirectDynamo(endpoint: string): void {
  if (directEndpoint === endpoint) return; // both local pollers ask for it
  directEndpoint = endpoint;
  client = DynamoDBDocumentClient.from(withoutSdkLogging(new DynamoDBClient({ endpoint, region: 'ap-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } })), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** Deliveries (with their attempts) are kept this long, then DynamoDB's TTL removes them. */
export const DELIVERY_RETENTION_DAYS = 30;

const endpointItem = (endpoint: WebhookEndpoint) => ({
  ...webhookKeys.endpoint(endpoint.webhookId),
  ...webhookKeys.endpointList(endpoint.brandId, endpoint.createdAt, endpoint.webhookId),
  ...ZWebhookEndpoint.parse(endpoint),
});

export async function readWebhook(webhookId: string): Promise<WebhookEndpoint | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: TABLES.main, Key: webhookKeys.endpoint(webhookId), ConsistentRead: true }));
  return Item && ZWebhookEndpoint.parse(Item);
}

/** A brand's endpoints, oldest first (Query gsi1 `WEBHOOKS#<brandId>`). */
export function listWebhooks(brandId: string): Promise<WebhookEndpoint[]> {
  return queryAll(
    { TableName: TABLES.main, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': webhookKeys.endpointListPartition(brandId) } },
    (item) => ZWebhookEndpoint.parse(item),
    client,
  );
}

/** A new endpoint and its audit entry; false when the id is taken. */
export async function putNewWebhook(endpoint: WebhookEndpoint, audit: Audit): Promise<boolean> {
  const refused = await conditionalTransaction(
    [{ Put: { TableName: TABLES.main, Item: endpointItem(endpoint), ConditionExpression: 'attribute_not_exists(pk)' } }, auditPut({ ...audit, brandId: endpoint.brandId })],
    (failed) => (failed[0] ? true : undefined),
  );
  return !refused;
}

/** The endpoint with its new secret (and the old one kept until `previousSecretUntil`); false when it is gone. */
export async function replaceWebhookSecrets(
  endpoint: WebhookEndpoint,
  secrets: { secretSealed: string; previousSecretSealed: string; previousSecretUntil: string; rotatedAt: string },
  audit: Audit,
): Promise<boolean> {
  const refused = await conditionalTransaction(
    [
      {
        Update: {
          TableName: TABLES.main,
          Key: webhookKeys.endpoint(endpoint.webhookId),
          UpdateExpression: 'SET secretSealed = :s, previousSecretSealed = :p, previousSecretUntil = :u, rotatedAt = :r',
          ConditionExpression: 'attribute_exists(pk) AND brandId = :brand AND secretSealed = :was',
          ExpressionAttributeValues: {
            ':s': secrets.secretSealed,
            ':p': secrets.previousSecretSealed,
            ':u': secrets.previousSecretUntil,
            ':r': secrets.rotatedAt,
            ':brand': endpoint.brandId,
            ':was': endpoint.secretSealed,
          },
        },
      },
      auditPut({ ...audit, brandId: endpoint.brandId }),
    ],
    (failed) => (failed[0] ? true : undefined),
  );
  return !refused;
}

/** Deletes the endpoint and records it; false when it was gone already. Its pending deliveries die at their next attempt. */
export async function deleteWebhook(endpoint: WebhookEndpoint, audit: Audit): Promise<boolean> {
  const refused = await conditionalTransaction(
    [
      {
        Delete: {
          TableName: TABLES.main,
          Key: webhookKeys.endpoint(endpoint.webhookId),
          ConditionExpression: 'attribute_exists(pk) AND brandId = :brand',
          ExpressionAttributeValues: { ':brand': endpoint.brandId },
        },
      },
      auditPut({ ...audit, brandId: endpoint.brandId }),
    ],
    (failed) => (failed[0] ? true : undefined),
  );
  return !refused;
}

// ---------- deliveries ----------

const deliveryKey = (d: Pick<DeliveryRecord, 'webhookId' | 'eventAt' | 'deliveryId'>) => webhookKeys.delivery(d.webhookId, d.eventAt, d.deliveryId);

/** A stored delivery with the attributes the sender's conditions name. */
export interface DueDelivery extends DeliveryRecord {
  /** The due key as read: the claim is conditional on it, so only one sender wins an attempt. */
  dueKey: string;
}

const ZDueDelivery = z.object({ gsi1sk: z.string() }).passthrough();

/**
 * Queues one delivery (pending, due at `nextAttemptAt`): a conditional put on its derived key, so a
 * redelivered stream record (or a retried batch) queues nothing twice. True when it was new.
 */
export function enqueueDelivery(delivery: DeliveryRecord): Promise<boolean> {
  const record = ZDeliveryRecord.parse(delivery);
  const due = record.nextAttemptAt ?? record.createdAt;
  return conditionalWrite(() =>
    client.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: {
          ...deliveryKey(record),
          ...webhookKeys.deliveryDue(due, record.deliveryId),
          ...record,
          nextAttemptAt: due,
          ttl: epochSeconds(new Date(record.createdAt)) + DELIVERY_RETENTION_DAYS * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** Pending deliveries due by `now` (and leases that ran out), oldest first: one Query of the sparse due index. */
export async function queryDueDeliveries(now: Date, limit: number): Promise<DueDelivery[]> {
  const { Items } = await client.send(
    new QueryCommand({
      TableName: TABLES.main,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pk': webhookKeys.deliveryDuePartition, ':now': `${now.toISOString()}#~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => ({ ...ZDeliveryRecord.parse(item), dueKey: ZDueDelivery.parse(item).gsi1sk }));
}

/**
 * Takes a due delivery for one attempt: moves its due key to the lease's end (a sender that dies
 * mid-attempt leaves it due again then) and tags it with `leaseId`. Conditional on the due key as
 * read, so of two senders that read the same delivery only one gets it. True when this one did.
 */
export function claimDelivery(delivery: DueDelivery, leaseId: string, leaseUntil: Date): Promise<boolean> {
  return conditionalWrite(() =>
    client.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: deliveryKey(delivery),
        UpdateExpression: 'SET gsi1sk = :lease, leaseId = :id',
        ConditionExpression: 'gsi1sk = :read AND #state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':lease': webhookKeys.deliveryDue(leaseUntil.toISOString(), delivery.deliveryId).gsi1sk,
          ':id': leaseId,
          ':read': delivery.dueKey,
          ':pending': 'pending',
        },
      }),
    ),
  );
}

/** What an attempt leads to: delivered, dead, or pending again at `nextAttemptAt`. */
export type AttemptOutcome = { state: 'delivered' } | { state: 'dead' } | { state: 'pending'; nextAttemptAt: Date };

/**
 * Records an attempt (appended to the delivery's attempts) and what follows, under the claim's lease:
 * a delivered or dead delivery leaves the due index; a failed one is due again at its retry time.
 */
export function recordAttempt(delivery: DeliveryRecord, leaseId: string, attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<boolean> {
  const values: Record<string, unknown> = { ':id': leaseId, ':state': outcome.state, ':attempt': [attempt] };
  const set = ['#state = :state', 'attempts = list_append(attempts, :attempt)'];
  const remove = ['leaseId'];
  if (outcome.state === 'pending') {
    const at = outcome.nextAttemptAt.toISOString();
    set.push('nextAttemptAt = :next', 'gsi1sk = :due');
    values[':next'] = at;
    values[':due'] = webhookKeys.deliveryDue(at, delivery.deliveryId).gsi1sk;
  } else {
    remove.push('nextAttemptAt', 'gsi1pk', 'gsi1sk');
  }
  return conditionalWrite(() =>
    client.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: deliveryKey(delivery),
        UpdateExpression: `SET ${set.join(', ')} REMOVE ${remove.join(', ')}`,
        ConditionExpression: 'leaseId = :id',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

const ZDeliveryPageKey = z.object({ pk: z.string(), sk: z.string() });

/** One page of an endpoint's deliveries, newest event first. */
export async function queryDeliveries(
  webhookId: string,
  limit: number,
  startKey?: Record<string, string>,
): Promise<{ items: DeliveryRecord[]; lastKey?: Record<string, string> }> {
  const { Items, LastEvaluatedKey } = await client.send(
    new QueryCommand({
      TableName: TABLES.main,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': webhookKeys.deliveryPartition(webhookId) },
      ScanIndexForward: false,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return {
    items: (Items ?? []).map((item) => ZDeliveryRecord.parse(item)),
    ...(LastEvaluatedKey ? { lastKey: ZDeliveryPageKey.parse(LastEvaluatedKey) } : {}),
  };
}

/** One delivery by its key (consistent), for tests and the sender's re-read. */
export async function readDelivery(key: Pick<DeliveryRecord, 'webhookId' | 'eventAt' | 'deliveryId'>): Promise<DeliveryRecord | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: TABLES.main, Key: deliveryKey(key), ConsistentRead: true }));
  return Item && ZDeliveryRecord.parse(Item);
}

/** The delivery log's partition (an admin cursor is pinned to it). */
export const deliveryPartition = webhookKeys.deliveryPartition;

// ---------- the main table's stream: task events ----------

/** What a main-table stream record means to the webhooks: a task was created, or resolved, or neither. */
export type StreamedTaskEvent =
  | { kind: 'task.created'; task: Task }
  | { kind: 'task.resolved'; task: Task & { resolvedAt: string } }
  | { kind: 'other' }
  | { kind: 'malformed'; issues: unknown[] };

/**
 * Decodes a main-table stream record (NEW_IMAGE) for the webhooks' task events: a task item's INSERT
 * is `task.created` (follow-up's conditional put: once per task); a task item whose new image is the
 * resolve's own write — status resolved and, last on its timeline, the resolve entry of `resolvedAt`
 * (the resolve appends it in the same update) — is `task.resolved`. Later changes of a resolved task
 * (its recovery survey noted, the callback notice, an erasure) are not a resolution and pass, as does
 * every other item of the table, without a whole-item unmarshall.
 */
export function streamedTaskEvent(record: DynamoDBRecord): StreamedTaskEvent {
  const image = record.dynamodb?.NewImage;
  if (!image || record.eventName === 'REMOVE') return { kind: 'other' };
  const pk = image.pk?.S ?? '';
  if (image.sk?.S !== keys.taskSortKey || !pk.startsWith('TASK#') || pk !== keys.task(pk.slice('TASK#'.length)).pk) return { kind: 'other' };
  const created = record.eventName === 'INSERT';
  if (!created && image.status?.S !== 'resolved') return { kind: 'other' };
  // The stream's image is DynamoDB's attribute-value JSON; the lambda types describe the same shape.
  const parsed = ZTask.safeParse(unmarshall(image as Record<string, AttributeValue>));
  if (!parsed.success) return { kind: 'malformed', issues: parsed.error.issues.slice(0, 5) };
  const task = parsed.data;
  if (created) return { kind: 'task.created', task };
  const last = task.timeline.at(-1);
  const { resolvedAt } = task;
  return resolvedAt && last?.type === 'resolved' && last.at === resolvedAt ? { kind: 'task.resolved', task: { ...task, resolvedAt } } : { kind: 'other' };
}
