import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZStore, ZStoreKey, type Store, type StoreKey } from '@xinsheng/shared';
import { z } from 'zod';
import { TABLES, batchGetAll, conditionalTransaction, conditionalWrite, db, queryGsi1All } from '../lib/dynamo';
import { auditPut, type AuditInput, type TransactItem } from './audit-repo';
import { keys } from './keys';
import { storeItem } from './catalog-repo';

/**
 * The brand admin's writes to stores and store keys (main table). Each change is one transaction
 * of the item and its audit entry, so a change is never unaudited and never half-applied. Reads
 * here are consistent GetItems (the admin sees what it just wrote); the request paths read the
 * same items through catalog-repo's per-process cache, which is what bounds how soon a change
 * counts everywhere (≤ its TTL: 30 s for stores and brands, XS_STORE_KEY_CACHE_SECONDS ≤ 60 for keys).
 */

type Audit = Omit<AuditInput, 'brandId'>;

export async function readStore(storeId: string): Promise<Store | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.store(storeId), ConsistentRead: true }));
  return Item && ZStore.parse(Item);
}

/** Stores by id (any number, 100 per BatchGetItem), for the import. */
export async function readStores(storeIds: string[]): Promise<Map<string, Store>> {
  const found = new Map<string, Store>();
  for (let i = 0; i < storeIds.length; i += 100) {
    const items = await batchGetAll(TABLES.main, storeIds.slice(i, i + 100).map((id) => keys.store(id)));
    for (const item of items) {
      const store = ZStore.parse(item);
      found.set(store.storeId, store);
    }
  }
  return found;
}

/** A store write: a new store (its id must be free) or a replacement of one of the same brand. */
export interface StoreWrite {
  store: Store;
  create: boolean;
  audit: Audit;
}

function storeWriteItems({ store, create, audit }: StoreWrite): TransactItem[] {
  const put = create
    ? { TableName: TABLES.main, Item: storeItem(store), ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        TableName: TABLES.main,
        Item: storeItem(store),
        ConditionExpression: 'attribute_exists(pk) AND brandId = :brand',
        ExpressionAttributeValues: { ':brand': store.brandId },
      };
  return [{ Put: put }, auditPut({ ...audit, brandId: store.brandId })];
}

/**
 * Several store writes, each with its audit entry, in ONE transaction (≤ 25 writes = 50 items):
 * true when all applied; false when a condition refused one (then none applied: the caller
 * retries them one by one, so each is still whole or nothing).
 */
export async function writeStores(writes: StoreWrite[]): Promise<boolean> {
  if (writes.length > MAX_STORE_WRITES) throw new Error(`at most ${MAX_STORE_WRITES} store writes per transaction`);
  const refused = await conditionalTransaction(writes.flatMap(storeWriteItems), (failed) => (failed.some(Boolean) ? true : undefined));
  return !refused;
}
export const MAX_STORE_WRITES = 25;

/** A new store and its audit entry; false when the id is taken (by this brand or another). */
export const createStore = (store: Store, audit: Audit) => writeStores([{ store, create: true, audit }]);

/** Replaces a store of the same brand and records it; false when it is no longer that brand's store. */
export const replaceStore = (store: Store, audit: Audit) => writeStores([{ store, create: false, audit }]);

const ZPageKey = z.object({ pk: z.string(), sk: z.string(), gsi1pk: z.string(), gsi1sk: z.string() });

/**
 * One page of a brand's stores by id (Query gsi1 `STORES#<brandId>`); `search` keeps those whose id or
 * name contains it (a filter on the Query, so a page may hold fewer than `limit` with a cursor following).
 */
export async function queryStores(
  brandId: string,
  limit: number,
  search?: string,
  startKey?: Record<string, string>,
): Promise<{ items: Store[]; lastKey?: Record<string, string> }> {
  const { Items, LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: TABLES.main,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.storeListPartition(brandId), ...(search ? { ':q': search.toLowerCase(), ':raw': search } : {}) },
      // searchText (lower case) is written by storeItem; the raw fields cover stores written without it,
      // and the region (an id, as typed) lets the console find a region's stores.
      ...(search ? { FilterExpression: 'contains(searchText, :q) OR contains(storeId, :raw) OR contains(#name, :raw) OR contains(#region, :raw)', ExpressionAttributeNames: { '#name': 'name', '#region': 'region' } } : {}),
      Limit: limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  return {
    items: (Items ?? []).map((item) => ZStore.parse(item)),
    ...(LastEvaluatedKey ? { lastKey: ZPageKey.parse(LastEvaluatedKey) } : {}),
  };
}

// ---------- store API keys ----------

export async function readStoreKey(keyId: string): Promise<StoreKey | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.storeKey(keyId), ConsistentRead: true }));
  return Item && ZStoreKey.parse(Item);
}

/** A store's keys issued through the admin API (sparse gsi1 `STOREKEYS#<storeId>`), oldest first. */
export function listStoreKeys(storeId: string): Promise<StoreKey[]> {
  return queryGsi1All(keys.storeKeyListPartition(storeId), (item) => ZStoreKey.parse(item));
}

/** A new key of one store (its secret already sealed) and its audit entry. */
export async function putNewStoreKey(key: StoreKey & { brandId: string }, audit: Audit): Promise<boolean> {
  const refused = await conditionalTransaction(
    [
      {
        Put: {
          TableName: TABLES.main,
          Item: { ...keys.storeKey(key.keyId), ...keys.storeKeyList(key.storeIds[0], key.createdAt, key.keyId), ...ZStoreKey.parse(key) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut({ ...audit, brandId: key.brandId }),
    ],
    (failed) => (failed[0] ? true : undefined),
  );
  return !refused;
}

/** Revokes a live key and records it; false when it was already revoked (nothing written). */
export async function revokeStoreKey(keyId: string, brandId: string, at: Date, audit: Audit): Promise<boolean> {
  const refused = await conditionalTransaction(
    [
      {
        Update: {
          TableName: TABLES.main,
          Key: keys.storeKey(keyId),
          UpdateExpression: 'SET disabled = :true, revokedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':true': true, ':at': at.toISOString() },
        },
      },
      auditPut({ ...audit, brandId, at }),
    ],
    (failed) => (failed[0] ? true : undefined),
  );
  return !refused;
}

/**
 * Stamps a key's last use unless it was stamped after `staleBefore`: one conditional update, which
 * the caller makes at most about once an hour per key (the condition stops other instances' copies).
 */
export async function stampKeyUse(keyId: string, at: Date, staleBefore: Date): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.storeKey(keyId),
        UpdateExpression: 'SET lastUsedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :stale)',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':stale': staleBefore.toISOString() },
      }),
    ),
  );
}
