import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZStaffRecord, type StaffRecord } from '@xinsheng/shared';
import { z } from 'zod';
import { TABLES, conditionalTransaction, conditionalWrite, db, queryGsi1All } from '../lib/dynamo';
import type { TransactItem } from './audit-repo';
import { keys } from './keys';

/** Staff accounts (main table): one item per account, listed per brand through gsi1. */

/**
 * A strongly consistent read: every staff request authenticates through it, so an account disabled
 * (or demoted) a moment ago is refused on its very next request.
 */
export async function getStaff(staffId: string): Promise<StaffRecord | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.staff(staffId), ConsistentRead: true }));
  return Item && ZStaffRecord.parse(Item);
}

/** Replaces an account's password hash, role and scope (the seed keeps demo accounts as printed). */
export async function putStaff(staff: StaffRecord): Promise<void> {
  await db.send(
    new PutCommand({ TableName: TABLES.main, Item: { ...keys.staff(staff.staffId), ...keys.staffList(staff.brandId, staff.staffId), ...ZStaffRecord.parse(staff) } }),
  );
}

/** A bare flag flip (tests, fixtures): bypasses the audit log and the active-admin count — admin changes go through admin/staff-service. */
export async function setStaffDisabled(staffId: string, disabled: boolean, now: Date): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.staff(staffId),
        UpdateExpression: 'SET disabled = :disabled, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':disabled': disabled, ':now': now.toISOString() },
      }),
    ),
  );
}

/** A brand's accounts by id (Query on gsi1). */
export function listStaff(brandId: string): Promise<StaffRecord[]> {
  return queryGsi1All(keys.staffListPartition(brandId), (item) => ZStaffRecord.parse(item));
}

// ---------- administration: paged list, and changes that keep at least one active admin ----------

/** One page of a brand's accounts by id (gsi1); `startKey` is where the previous page stopped. */
export async function queryStaffPage(
  brandId: string,
  limit: number,
  startKey?: Record<string, string>,
): Promise<{ items: StaffRecord[]; lastKey?: Record<string, string> }> {
  const page = await db.send(
    new QueryCommand({
      TableName: TABLES.main,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.staffListPartition(brandId) },
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return {
    items: (page.Items ?? []).map((i) => ZStaffRecord.parse(i)),
    ...(page.LastEvaluatedKey ? { lastKey: z.record(z.string(), z.string()).parse(page.LastEvaluatedKey) } : {}),
  };
}

export const staffListPartition = keys.staffListPartition;

/** An account that can administer the brand right now. */
export const isActiveAdmin = (staff: Pick<StaffRecord, 'role' | 'disabled'> | undefined) => Boolean(staff && staff.role === 'admin' && !staff.disabled);

const ZAdminCount = z.object({ active: z.number().int() });

/**
 * Makes sure the brand's active-admin count exists before a change moves it. A brand whose admins
 * predate the count (the seed, the old CLI) gets it from its accounts, once: the put is conditional,
 * and every change that moves the count requires it to exist, so no change slips in between.
 */
async function ensureAdminCount(brandId: string): Promise<void> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.brandAdmins(brandId), ConsistentRead: true }));
  if (Item) return;
  const active = (await listStaff(brandId)).filter(isActiveAdmin).length;
  await conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.brandAdmins(brandId), ...ZAdminCount.parse({ active }) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** The brand's active admins as counted (undefined before the first change that counts them). */
export async function getActiveAdminCount(brandId: string): Promise<number | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.brandAdmins(brandId), ConsistentRead: true }));
  return Item ? ZAdminCount.parse(Item).active : undefined;
}

/** written; `taken` (a new account's id exists); `changed` (the account moved since it was read); `last_admin`. */
export type StaffWriteOutcome = 'written' | 'taken' | 'changed' | 'last_admin';

/**
 * One all-or-nothing write of an account change: the account (new: only if its id is free; changed:
 * only if its role and disabled flag are still what the change was computed from), the brand's
 * active-admin count when the change adds or removes an active admin (a removal only while another
 * remains: `active > 1`), and the audit entry. Two admins disabling each other at once both go
 * through the count item: one of them gets `last_admin`.
 */
export async function writeStaffChange(before: StaffRecord | undefined, after: StaffRecord, audit: TransactItem): Promise<StaffWriteOutcome> {
  const record = ZStaffRecord.parse(after);
  const delta = Number(isActiveAdmin(record)) - Number(isActiveAdmin(before));
  if (delta !== 0) await ensureAdminCount(record.brandId);
  const account: TransactItem = before
    ? {
        Put: {
          TableName: TABLES.main,
          Item: { ...keys.staff(record.staffId), ...keys.staffList(record.brandId, record.staffId), ...record },
          ConditionExpression: `attribute_exists(pk) AND brandId = :brand AND #role = :role AND ${before.disabled ? 'disabled = :true' : '(attribute_not_exists(disabled) OR disabled = :false)'}`,
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':brand': before.brandId, ':role': before.role, ...(before.disabled ? { ':true': true } : { ':false': false }) },
        },
      }
    : {
        Put: {
          TableName: TABLES.main,
          Item: { ...keys.staff(record.staffId), ...keys.staffList(record.brandId, record.staffId), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
  const count: TransactItem[] =
    delta < 0
      ? [{ Update: { TableName: TABLES.main, Key: keys.brandAdmins(record.brandId), UpdateExpression: 'SET active = active - :one', ConditionExpression: 'active > :one', ExpressionAttributeValues: { ':one': 1 } } }]
      : delta > 0
        ? [{ Update: { TableName: TABLES.main, Key: keys.brandAdmins(record.brandId), UpdateExpression: 'ADD active :one', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':one': 1 } } }]
        : [];
  const refused = await conditionalTransaction([account, ...count, audit], (failed): StaffWriteOutcome | undefined => {
    if (failed[0]) return before ? 'changed' : 'taken';
    if (failed[1] && delta < 0) return 'last_admin';
    if (failed[1]) return 'changed';
    return undefined;
  });
  return refused ?? 'written';
}
