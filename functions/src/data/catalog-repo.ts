import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ZBrand, ZStore, ZStoreKey, ZSurveyDefinition, type Brand, type Store, type StoreKey, type SurveyDefinition } from '@xinsheng/shared';
import { z } from 'zod';
import { TABLES, db } from '../lib/dynamo';
import { config } from '../lib/config';
import { keys } from './keys';

/**
 * Brands, stores, store keys and survey versions: read on every request, changed rarely,
 * so each process keeps what it read for a short while (a survey version never changes).
 * That while is the bound on how soon an admin change counts on every instance (there is no
 * cross-instance invalidation): a brand or store change within CACHE_MS (30 s), a revoked store key
 * within XS_STORE_KEY_CACHE_SECONDS (≤ 60, config schema). A miss is never kept: a new store or
 * key works at once.
 */
const CACHE_MS = 30_000;
const STORE_KEY_CACHE_MS = config.XS_STORE_KEY_CACHE_SECONDS * 1000;

/** `load` behind a per-process cache of what it found (a miss is not kept), for `ttlMs`. */
function cachedLoader<A extends unknown[], T>(ttlMs: number, cacheKey: (...args: A) => string, load: (...args: A) => Promise<T | undefined>) {
  const cache = new Map<string, { at: number; value: T }>();
  return async (...args: A): Promise<T | undefined> => {
    const key = cacheKey(...args);
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < ttlMs) return hit.value;
    const value = await load(...args);
    if (value !== undefined) cache.set(key, { at: Date.now(), value });
    return value;
  };
}

/** One item by its key, parsed through its schema; undefined when there is none. */
async function getParsed<T>(key: { pk: string; sk: string }, schema: z.core.$ZodType<T>): Promise<T | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: key }));
  return Item && z.parse(schema, Item);
}

export const getStore: (storeId: string) => Promise<Store | undefined> = cachedLoader(
  CACHE_MS,
  (storeId) => storeId,
  (storeId) => getParsed(keys.store(storeId), ZStore),
);

/**
 * A store as stored: its own key, its entry in the brand's store list (gsi1 `STORES#<brandId>`), and
 * a lower-case `searchText` (id and name) the admin's store search filters on.
 */
export function storeItem(store: Store): Record<string, unknown> {
  const parsed = ZStore.parse(store);
  return { ...keys.store(store.storeId), ...keys.storeList(store.brandId, store.storeId), ...parsed, searchText: `${parsed.storeId} ${parsed.name}`.toLowerCase() };
}

/** Creates or replaces a store (and so its list entry). */
export async function putStore(store: Store): Promise<void> {
  await db.send(new PutCommand({ TableName: TABLES.main, Item: storeItem(store) }));
}

/** Every store of a brand, by id: Query gsi1 `STORES#<brandId>`, paginated; kept per process like the rest of the catalog. */
export const listStores: (brandId: string) => Promise<Store[] | undefined> = cachedLoader(
  CACHE_MS,
  (brandId) => brandId,
  async (brandId) => {
    const stores: Store[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: TABLES.main,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.storeListPartition(brandId) },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      stores.push(...(page.Items ?? []).map((item) => ZStore.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return stores;
  },
);

export const getBrand: (brandId: string) => Promise<Brand | undefined> = cachedLoader(
  CACHE_MS,
  (brandId) => brandId,
  (brandId) => getParsed(keys.brand(brandId), ZBrand),
);

export const getStoreKey: (keyId: string) => Promise<StoreKey | undefined> = cachedLoader(
  STORE_KEY_CACHE_MS,
  (keyId) => keyId,
  (keyId) => getParsed(keys.storeKey(keyId), ZStoreKey),
);

export const getSurveyVersion: (surveyId: string, version: number) => Promise<SurveyDefinition | undefined> = cachedLoader(
  Infinity,
  (surveyId, version) => `${surveyId}:${version}`,
  (surveyId, version) => getParsed(keys.surveyVersion(surveyId, version), ZSurveyDefinition),
);

export const getLatestSurvey: (surveyId: string) => Promise<SurveyDefinition | undefined> = cachedLoader(
  CACHE_MS,
  (surveyId) => surveyId,
  async (surveyId) => {
    const { Items } = await db.send(
      new QueryCommand({
        TableName: TABLES.main,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': keys.surveyPartition(surveyId), ':v': 'V#' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    return Items?.[0] && ZSurveyDefinition.parse(Items[0]);
  },
);
