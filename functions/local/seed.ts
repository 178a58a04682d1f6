import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZBrand, ZStore, ZStoreKey, ZSurveyDefinition } from '@xinsheng/shared';
import { TABLES, conditionalWrite, db } from '../src/lib/dynamo';
import { decrypt, encrypt, randomToken } from '../src/lib/crypto';
import { keys } from '../src/data/keys';
import { getStoreKey, storeItem } from '../src/data/catalog-repo';
import { DEMO_BRAND, DEMO_STORES, DEMO_SURVEY } from './demo-brand';
import { seedDemoFollowUp, type DemoStaff } from './seed-followup';

/** Puts an item unless it is there already, so a persisted local database keeps what it has. */
async function putOnce(item: Record<string, unknown>): Promise<void> {
  await conditionalWrite(() => db.send(new PutCommand({ TableName: TABLES.main, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
}

/**
 * Sets attributes on an item unless it has the first of them already: what a persisted local
 * database seeded by an older version lacks (a store's list entry, the brand's touchpoints).
 */
async function addOnce(key: { pk: string; sk: string }, values: Record<string, unknown>): Promise<void> {
  const names = Object.keys(values);
  await conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: key,
        UpdateExpression: `SET ${names.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#a0)',
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
        ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, values[n]])),
      }),
    ),
  );
}

export interface DemoStoreKey {
  storeId: string;
  region: string;
  keyId: string;
  secret: string;
}

/** Seeds the demo brand and one API key per store; returns the keys with their secrets (for .xinsheng/demo.json). */
export async function seedDemoBrand(): Promise<{ storeKeys: DemoStoreKey[]; surveyIds: string[]; staff: DemoStaff[] }> {
  await putOnce({ ...keys.brand(DEMO_BRAND.brandId), ...ZBrand.parse(DEMO_BRAND) });
  await addOnce(keys.brand(DEMO_BRAND.brandId), { touchpoints: DEMO_BRAND.touchpoints });
  await putOnce({ ...keys.surveyVersion(DEMO_SURVEY.surveyId, DEMO_SURVEY.version), ...ZSurveyDefinition.parse(DEMO_SURVEY) });
  const storeKeys: DemoStoreKey[] = [];
  for (const store of DEMO_STORES) {
    await putOnce(storeItem(ZStore.parse(store)));
    await addOnce(keys.store(store.storeId), keys.storeList(store.brandId, store.storeId));
    const keyId = `key-${store.storeId}`;
    const createdAt = new Date().toISOString();
    await putOnce({
      ...keys.storeKey(keyId),
      ...keys.storeKeyList(store.storeId, createdAt, keyId),
      ...ZStoreKey.parse({ keyId, storeIds: [store.storeId], secretSealed: encrypt(randomToken(32)), createdAt }),
    });
    const stored = await getStoreKey(keyId);
    if (!stored) throw new Error(`store key ${keyId} was not stored`);
    storeKeys.push({ storeId: store.storeId, region: store.region, keyId, secret: decrypt(stored.secretSealed) });
  }
  const { staff } = await seedDemoFollowUp();
  return { storeKeys, surveyIds: [DEMO_SURVEY.surveyId], staff };
}
