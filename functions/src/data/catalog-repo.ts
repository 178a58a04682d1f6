import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ZBrand, ZStore, ZStoreKey, ZSurveyDefinition, type Brand, type Store, type StoreKey, type SurveyDefinition } from '@xinsheng/shared';
import { TABLES, db } from '../lib/dynamo';
import { keys } from './keys';

/**
 * Brands, stores, store keys and survey versions: read on every request, changed rarely,
 * so each process keeps what it read for a short while (a survey version never changes).
 */
const CACHE_MS = 30_000;
const cache = new Map<string, { at: number; value: unknown }>();

async function cached<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttlMs) return hit.value as T;
  const value = await load();
  if (value !== undefined) cache.set(key, { at: Date.now(), value });
  return value;
}

export function clearCatalogCache(): void {
  cache.clear();
}

async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: key }));
  return Item;
}

export const getStore = (storeId: string): Promise<Store | undefined> =>
  cached(`store:${storeId}`, CACHE_MS, async () => {
    const item = await getItem(keys.store(storeId));
    return item && ZStore.parse(item);
  });

export const getBrand = (brandId: string): Promise<Brand | undefined> =>
  cached(`brand:${brandId}`, CACHE_MS, async () => {
    const item = await getItem(keys.brand(brandId));
    return item && ZBrand.parse(item);
  });

export const getStoreKey = (keyId: string): Promise<StoreKey | undefined> =>
  cached(`storekey:${keyId}`, CACHE_MS, async () => {
    const item = await getItem(keys.storeKey(keyId));
    return item && ZStoreKey.parse(item);
  });

export const getSurveyVersion = (surveyId: string, version: number): Promise<SurveyDefinition | undefined> =>
  cached(`survey:${surveyId}:${version}`, Infinity, async () => {
    const item = await getItem(keys.surveyVersion(surveyId, version));
    return item && ZSurveyDefinition.parse(item);
  });

export const getLatestSurvey = (surveyId: string): Promise<SurveyDefinition | undefined> =>
  cached(`survey:${surveyId}:latest`, CACHE_MS, async () => {
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
  });
