import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  counterAttributes, eventRows, mergeIncrements, ZIsoDateTime, type CounterTarget, type Increments, type InsightDimension, type Invitation, type Task,
} from '@xinsheng/shared';
import { TABLES, conditionalTransaction, conditionalWrite, db } from '../lib/dynamo';
import { rowAdd, type TransactItem } from './insight-events-repo';
import { invitationItem } from './invitations-repo';
import { taskItem } from './tasks-repo';
import { keys } from './keys';

/**
 * Writes of the demo history (functions/local/seed-history.ts): past invitations and callback tasks
 * in their final state, each group in ONE transaction with the insight counters its events add —
 * the same row ADDs the dispatcher, the open and the task transitions write (without marking
 * month roll-ups stale: the history is written before the brand's first read) — under
 * `attribute_not_exists` on every item put. All or nothing: a group is either fully written and
 * counted, or not at all, so a rerun after a crash finds it (its puts refused) and adds nothing.
 */

/** A counter row's ADD: the row (dimension, key, store-local day) and what it gains. */
export interface RowAdd {
  dimension: InsightDimension;
  key: string;
  day: string;
  increments: Increments;
}

/**
 * The ADDs of many events on the rows they are counted on (`eventRows`: their day rows and the
 * brand's week rows), merged per row, so a transaction touches each row once (DynamoDB requires it).
 */
function mergeRowAdds(brandId: string, adds: readonly RowAdd[]): TransactItem[] {
  const rows = new Map<string, { row: CounterTarget; day: string }>();
  for (const add of adds) {
    for (const row of eventRows([add], add.increments)) {
      const key = keys.counterRow(brandId, row, add.day);
      const id = `${key.pk}\u0000${key.sk}`;
      const merged = rows.get(id);
      if (merged) mergeIncrements(merged.row.increments, row.increments);
      else rows.set(id, { row: { ...row, increments: { ...row.increments } }, day: add.day });
    }
  }
  return [...rows.values()].flatMap(({ row, day }) => rowAdd(brandId, row, day));
}

const putOnce = (item: Record<string, unknown>, table = TABLES.main): TransactItem => ({
  Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** DynamoDB's limit of items per transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export type GroupOutcome = 'written' | 'existed';

/**
 * Puts the items (none may exist) with the merged counter ADDs, in one transaction. 'existed' when
 * a put was refused: the group was written before (a transaction is all or nothing), so nothing is
 * written or counted again.
 */
async function putCountedGroup(brandId: string, items: Record<string, unknown>[], adds: readonly RowAdd[]): Promise<GroupOutcome> {
  const rows = mergeRowAdds(brandId, adds);
  const transaction = [...items.map((item) => putOnce(item)), ...rows];
  if (transaction.length > MAX_TRANSACTION_ITEMS) throw new Error(`a history group of ${transaction.length} items exceeds a transaction`);
  const refused = await conditionalTransaction(transaction, (failed) => (failed.slice(0, items.length).some(Boolean) ? 'existed' : undefined));
  return refused ?? 'written';
}

/** Past invitations (final state: sent, opened…) with their sent / opened counts. */
export function putCountedInvitations(brandId: string, invitations: readonly Invitation[], adds: readonly RowAdd[]): Promise<GroupOutcome> {
  return putCountedGroup(brandId, invitations.map((invitation) => invitationItem(invitation)), adds);
}

/**
 * Callback tasks in their final state (and the recovery invitations of those re-surveyed) with
 * their loop counts (first contact, SLA met, resolved). `now` sets the tasks' retention.
 */
export function putCountedTasks(brandId: string, tasks: readonly { task: Task; now: Date }[], recoveryInvitations: readonly Invitation[], adds: readonly RowAdd[]): Promise<GroupOutcome> {
  return putCountedGroup(brandId, [...tasks.map(({ task, now }) => taskItem(task, now)), ...recoveryInvitations.map((invitation) => invitationItem(invitation))], adds);
}

/** A brand's demo-history marker: written first with the anchor (the history's "now"), completed last. */
export const ZHistoryMarker = z.object({
  brandId: z.string(),
  anchor: ZIsoDateTime,
  seed: z.number().int(),
  days: z.number().int(),
  /** Answers the brand's rows of the history's days held before it was written (live ones of an older database). */
  baseline: z.number().int().default(0),
  startedAt: ZIsoDateTime,
  completedAt: z.optional(ZIsoDateTime),
  counts: z.record(z.string(), z.number()).optional(),
  seconds: z.number().optional(),
});
export type HistoryMarker = z.infer<typeof ZHistoryMarker>;
export type NewHistoryMarker = z.input<typeof ZHistoryMarker>;

export async function getHistoryMarker(brandId: string): Promise<HistoryMarker | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.demoHistory(brandId), ConsistentRead: true }));
  return Item && ZHistoryMarker.parse(Item);
}

/** The marker of a history about to be written; false when one is there (read it: its anchor wins). */
export function startHistoryMarker(marker: NewHistoryMarker): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(new PutCommand({ TableName: TABLES.main, Item: { ...keys.demoHistory(marker.brandId), ...marker }, ConditionExpression: 'attribute_not_exists(pk)' })),
  );
}

export async function completeHistoryMarker(brandId: string, completedAt: string, counts: Record<string, number>, seconds: number): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: TABLES.main,
      Key: keys.demoHistory(brandId),
      UpdateExpression: 'SET completedAt = :at, #counts = :counts, seconds = :seconds',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#counts': 'counts' },
      ExpressionAttributeValues: { ':at': completedAt, ':counts': counts, ':seconds': seconds },
    }),
  );
}

/**
 * The counters of one group's day rows from `from` to `to`, summed (strongly consistent Queries of
 * its partition; never the month roll-ups, which reading through the metrics path would write).
 */
export async function sumDayRows(brandId: string, dimension: InsightDimension, key: string, from: string, to: string): Promise<Increments> {
  const sum: Increments = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: TABLES.insight,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.counterPartition(brandId, dimension, key), ':from': `D#${from}`, ':to': `D#${to}` },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const row of page.Items ?? []) mergeIncrements(sum, counterAttributes(row));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return sum;
}
