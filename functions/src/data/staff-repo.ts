import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZStaffRecord, type StaffRecord } from '@xinsheng/shared';
import { TABLES, conditionalWrite, db } from '../lib/dynamo';
import { keys } from './keys';

/** Staff accounts (main table): one item per account, listed per brand through gsi1. */

export async function getStaff(staffId: string): Promise<StaffRecord | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.staff(staffId) }));
  return Item && ZStaffRecord.parse(Item);
}

/** A new account; false when the id is taken. */
export async function putNewStaff(staff: StaffRecord): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.staff(staff.staffId), ...keys.staffList(staff.brandId, staff.staffId), ...ZStaffRecord.parse(staff) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** Replaces an account's password hash, role and scope (the seed keeps demo accounts as printed). */
export async function putStaff(staff: StaffRecord): Promise<void> {
  await db.send(
    new PutCommand({ TableName: TABLES.main, Item: { ...keys.staff(staff.staffId), ...keys.staffList(staff.brandId, staff.staffId), ...ZStaffRecord.parse(staff) } }),
  );
}

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
export async function listStaff(brandId: string): Promise<StaffRecord[]> {
  const out: StaffRecord[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: TABLES.main,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.staffListPartition(brandId) },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    out.push(...(page.Items ?? []).map((i) => ZStaffRecord.parse(i)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out;
}
