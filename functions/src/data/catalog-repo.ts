import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ZBrand, ZStore, ZStoreKey, ZSurveyDefinition, type Brand, type Store, type StoreKey, type SurveyDefinition } from '@xinsheng/shared';
import {
  ZFollowUpPolicy, ZSurveySummary, ZSurveyVersionInfo, type TouchpointDef, type FollowUpPolicy, type SurveySummary, type SurveyVersionInfo,
} from '@xinsheng/shared';
import { z } from 'zod';
import { TABLES, conditionalTransaction, conditionalWrite, db, queryAll, queryGsi1All } from '../lib/dynamo';
import { config } from '../lib/config';
import type { TransactItem } from './audit-repo';
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
  (brandId) => queryGsi1All(keys.storeListPartition(brandId), (item) => ZStore.parse(item)),
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

// ---------- administration: survey versions and the brand's settings (functions/src/admin/surveys*, brand*) ----------
// Admin reads are strongly consistent and uncached: an admin sees what they just wrote. The request
// paths above keep their caches (≤ 30 s), which is how long a change takes to reach every instance.

/** The newest version as stored now (a consistent Query, no cache). */
export async function readLatestSurvey(surveyId: string): Promise<SurveyDefinition | undefined> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLES.main,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.surveyPartition(surveyId), ':v': keys.surveyVersionPrefix },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  return Items?.[0] && ZSurveyDefinition.parse(Items[0]);
}

/** Every version of a survey, oldest first: number, when and by whom it was published (not the definitions). */
export function listSurveyVersions(surveyId: string): Promise<SurveyVersionInfo[]> {
  return queryAll(
    {
      TableName: TABLES.main,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.surveyPartition(surveyId), ':v': keys.surveyVersionPrefix },
      ProjectionExpression: 'version, publishedAt, publishedBy',
      ConsistentRead: true,
    },
    (item) => ZSurveyVersionInfo.parse(item),
  );
}

/** The brand's surveys (title, latest version): one Query of the brand's partition. */
export function listBrandSurveys(brandId: string): Promise<SurveySummary[]> {
  return queryAll(
    {
      TableName: TABLES.main,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':pk': keys.brandPartition(brandId), ':s': keys.brandSurveyPrefix },
      ConsistentRead: true,
    },
    (item) => ZSurveySummary.parse(item),
  );
}

/** The list entry of a survey written before the list existed (the seed); kept if one is there. */
export async function putBrandSurveyOnce(brandId: string, summary: SurveySummary): Promise<void> {
  await conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        Item: { ...keys.brandSurvey(brandId, summary.surveyId), ...ZSurveySummary.parse(summary) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/**
 * Publishes `definition` as its version: the version item only if that number is free, the brand's
 * list entry only if it still names the version this one follows, and the audit entry — one
 * transaction. False when another publish took the number first (the caller numbers again).
 */
export async function putSurveyVersion(
  definition: SurveyDefinition,
  published: { at: string; by: string },
  previousVersion: number | undefined,
  audit: TransactItem,
): Promise<boolean> {
  const survey = ZSurveyDefinition.parse(definition);
  const summary = ZSurveySummary.parse({ surveyId: survey.surveyId, title: survey.title, latestVersion: survey.version });
  const refused = await conditionalTransaction(
    [
      {
        Put: {
          TableName: TABLES.main,
          Item: { ...keys.surveyVersion(survey.surveyId, survey.version), ...survey, publishedAt: published.at, publishedBy: published.by },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: TABLES.main,
          Item: { ...keys.brandSurvey(survey.brandId, survey.surveyId), ...summary },
          ...(previousVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'attribute_not_exists(pk) OR latestVersion = :previous', ExpressionAttributeValues: { ':previous': previousVersion } }),
        },
      },
      audit,
    ],
    (failed) => (failed[0] || failed[1] ? true : undefined),
  );
  return !refused;
}

/** The brand item as stored now (consistent, uncached), with the touchpoints it keeps. */
export async function readBrandSettings(brandId: string): Promise<Brand | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.brand(brandId), ConsistentRead: true }));
  return Item && ZBrand.parse(Item);
}

/**
 * Writes the brand's settings in one transaction: the given attributes of the brand item (SET only
 * those, so attributes others keep there survive), the follow-up policy item when given, and the
 * audit entry. The brand must exist (a brand is not created here).
 */
export async function updateBrandSettings(
  brandId: string,
  set: { name?: string; defaultSurveyId?: string; policy?: Brand['policy']; touchpoints?: TouchpointDef[] },
  followUp: FollowUpPolicy | undefined,
  audit: TransactItem,
): Promise<boolean> {
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  const items: TransactItem[] = [];
  if (entries.length) {
    items.push({
      Update: {
        TableName: TABLES.main,
        Key: keys.brand(brandId),
        UpdateExpression: `SET ${entries.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#a${i}`, k])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
      },
    });
  } else {
    items.push({ ConditionCheck: { TableName: TABLES.main, Key: keys.brand(brandId), ConditionExpression: 'attribute_exists(pk)' } });
  }
  if (followUp) items.push({ Put: { TableName: TABLES.main, Item: { ...keys.followUpPolicy(brandId), ...ZFollowUpPolicy.parse(followUp) } } });
  const refused = await conditionalTransaction([...items, audit], (failed) => (failed[0] ? true : undefined));
  return !refused;
}

/** The brand's follow-up policy as stored now (defaults when none) — the admin's uncached read of tasks-repo's item. */
export async function readFollowUpPolicy(brandId: string): Promise<FollowUpPolicy> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.followUpPolicy(brandId), ConsistentRead: true }));
  return ZFollowUpPolicy.parse(Item ?? { brandId });
}
