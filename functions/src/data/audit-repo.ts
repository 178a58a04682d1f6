import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ZAuditEntry, redactSecrets, type AuditEntry } from '@xinsheng/shared';
import { z } from 'zod';
import { TABLES, db } from '../lib/dynamo';
import { keys } from './keys';

/**
 * The audit log (main table): one item per admin change or refused admin attempt, in a partition
 * per brand sorted by time, read newest first. An admin change puts its entry in the SAME
 * transaction as the change (`auditPut`), so no change is ever unaudited and no entry describes a
 * change that did not happen. Secrets never enter it: before/after go through `redactSecrets`.
 */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface AuditInput {
  brandId: string;
  /** The staff id of who did it. */
  actor: string;
  /** What: `<object>.<verb>`, e.g. `store.create`, `key.revoke`, `admin.denied`. */
  action: string;
  /** On what: `<kind>:<id>` (e.g. `store:sh-001`), or the route for a refused attempt. */
  target: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
}

function auditItem(entry: AuditInput): Record<string, unknown> {
  const at = (entry.at ?? new Date()).toISOString();
  const stored: AuditEntry = {
    at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    before: redactSecrets(entry.before ?? null),
    after: redactSecrets(entry.after ?? null),
  };
  return { ...keys.audit(entry.brandId, at, randomUUID().slice(0, 8)), brandId: entry.brandId, ...stored };
}

/** The entry as one item of a transaction: put it beside the change it records. */
export function auditPut(entry: AuditInput): TransactItem {
  return { Put: { TableName: TABLES.main, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** An entry on its own (a refused attempt, or a change that is not a DynamoDB write of ours). */
export async function recordAudit(entry: AuditInput): Promise<void> {
  await db.send(new PutCommand({ TableName: TABLES.main, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(pk)' }));
}

const ZAuditStartKey = z.object({ pk: z.string(), sk: z.string() });


/** One page of a brand's entries, newest first; `startKey` is where the previous page stopped. */
export async function queryAudit(
  brandId: string,
  limit: number,
  startKey?: Record<string, string>,
): Promise<{ items: AuditEntry[]; lastKey?: Record<string, string> }> {
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: TABLES.main,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.auditPartition(brandId) },
      ScanIndexForward: false,
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return {
    items: (Items ?? []).map((item) => ZAuditEntry.parse(item)),
    ...(LastEvaluatedKey ? { lastKey: ZAuditStartKey.parse(LastEvaluatedKey) } : {}),
  };
}

export const auditPartition = keys.auditPartition;
