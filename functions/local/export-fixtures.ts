import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ZResponseRecord, ZStore, npsBand, type Answers, type ResponseRecord, type Store, type Touchpoint } from '@xinsheng/shared';
import { ulid } from 'ulidx';
import { TABLES, db } from '../src/lib/dynamo';
import { encrypt } from '../src/lib/crypto';
import { keys } from '../src/data/keys';
import { putStore } from '../src/data/catalog-repo';

/**
 * Responses put straight into the responses table with their export-index keys (gsi1), the way the
 * submit stores them, for the export's tests and its memory bench — fast (BatchWrite, 25 a request,
 * several requests at once), and without the invitations and sessions a real submit needs.
 */

export interface FixtureResponse {
  storeId: string;
  region: string;
  day: string;
  answers: Answers;
  staffId?: string;
  touchpoint?: Touchpoint;
  phone?: string;
  /** Set to know the id in advance; a ULID otherwise. */
  responseId?: string;
}

export function fixtureRecord(brandId: string, r: FixtureResponse): ResponseRecord {
  const responseId = r.responseId ?? ulid();
  return ZResponseRecord.parse({
    responseId, invitationId: `inv-${responseId}`, clientResponseId: `c-${responseId}`, brandId, storeId: r.storeId, region: r.region,
    ...(r.staffId ? { staffId: r.staffId } : {}), orderId: `o-${responseId}`, touchpoint: r.touchpoint ?? 'in_store',
    surveyId: 'retail-nps', surveyVersion: 1, answers: r.answers, band: npsBand(r.answers.nps),
    submittedAt: `${r.day}T04:00:00.000Z`, day: r.day, timeZone: 'Asia/Shanghai',
    // What a real response carries that the export must never show.
    openidHash: `openid-hash-${responseId}`,
    ...(r.phone ? { phoneSealed: encrypt(r.phone) } : {}),
    followUp: { callback: false },
  });
}

/** The item as the table holds it: its key, its export-index entry, the record. */
export const responseItem = (record: ResponseRecord) => ({
  ...keys.response(record.invitationId),
  ...keys.responseExport(record.brandId, record.storeId, record.day, record.responseId),
  ...record,
});

/** Writes items to the responses table, 25 per BatchWrite, `parallel` at once, retrying what comes back unprocessed. */
export async function batchPutResponses(items: Record<string, unknown>[], parallel = 8): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++].map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        if (attempt > 10) throw new Error('BatchWrite: items still unprocessed after 10 retries');
        const out = await db.send(new BatchWriteCommand({ RequestItems: { [TABLES.responses]: requests } }));
        requests = (out.UnprocessedItems?.[TABLES.responses] ?? []).flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
        if (requests.length) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

export async function putResponses(brandId: string, responses: FixtureResponse[]): Promise<ResponseRecord[]> {
  const records = responses.map((r) => fixtureRecord(brandId, r));
  await batchPutResponses(records.map(responseItem));
  return records;
}

/** A brand's stores, listed as the store list index expects. */
export async function putStores(stores: Omit<Store, 'policy'>[]): Promise<Store[]> {
  const parsed = stores.map((s) => ZStore.parse(s));
  for (const store of parsed) await putStore(store);
  return parsed;
}
