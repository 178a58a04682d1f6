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

/** A store seeded before stores were listed (a persisted local database) gets its list entry (gsi1). */
async function listStoreOnce(brandId: string, storeId: string): Promise<void> {
  const entry = keys.storeList(brandId, storeId);
  await updateOnce(keys.store(storeId), 'SET gsi1pk = :pk, gsi1sk = :sk', 'attribute_not_exists(gsi1pk)', { ':pk': entry.gsi1pk, ':sk': entry.gsi1sk });
}

/** A brand seeded before touchpoints were its data (a persisted local database) gets the demo's list. */
async function giveTouchpointsOnce(brandId: string, touchpoints: unknown[]): Promise<void> {
  await updateOnce(keys.brand(brandId), 'SET touchpoints = :t', 'attribute_not_exists(touchpoints)', { ':t': touchpoints });
}

/** Adds attributes to an item that exists, once (the condition names what must still be missing). */
async function updateOnce(key: { pk: string; sk: string }, update: string, missing: string, values: Record<string, unknown>): Promise<void> {
  await conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: key,
        UpdateExpression: update,
        ConditionExpression: `attribute_exists(pk) AND ${missing}`,
        ExpressionAttributeValues: values,
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
  await giveTouchpointsOnce(DEMO_BRAND.brandId, DEMO_BRAND.touchpoints ?? []);
  await putOnce({ ...keys.surveyVersion(DEMO_SURVEY.surveyId, DEMO_SURVEY.version), ...ZSurveyDefinition.parse(DEMO_SURVEY) });
  const storeKeys: DemoStoreKey[] = [];
  for (const store of DEMO_STORES) {
    await putOnce(storeItem(ZStore.parse(store)));
    await listStoreOnce(store.brandId, store.storeId);
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
