import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ZResponseRecord, type Touchpoint } from '@xinsheng/shared';
import { z } from 'zod';
import { TABLES, db } from '../lib/dynamo';
import { keys } from './keys';

/**
 * The responses export's reads: the responses table's gsi1 (`RESPX#<brand>#<store>`, sorted by
 * `<store-local day>#<responseId>`), one paginated Query per store over the period. Only the
 * attributes the CSV shows are read (a projection): the openid hash and the rest of the record never
 * leave DynamoDB, and a page stays small.
 */

/** What the CSV needs of a response, and nothing more. */
export const ZExportedResponse = ZResponseRecord.pick({
  responseId: true,
  submittedAt: true,
  storeId: true,
  region: true,
  staffId: true,
  touchpoint: true,
  answers: true,
  band: true,
  phoneSealed: true,
});
export type ExportedResponse = z.infer<typeof ZExportedResponse>;

const PROJECTED = Object.keys(ZExportedResponse.shape);
const PROJECTION_NAMES = Object.fromEntries(PROJECTED.map((name, i) => [`#p${i}`, name]));

/** Items per Query page: bounds what one page holds in memory (≈ 250 KB), whatever the store's volume. */
export const EXPORT_PAGE_SIZE = 500;

export interface ExportRowFilter {
  staffId?: string;
  touchpoint?: Touchpoint;
}

/**
 * A store's responses of the days `from`…`to` (inclusive), page by page in index order (day, then
 * response id). Staff and touchpoint are filter expressions: they cut what is sent back, not what is
 * read (a store's day holds few enough responses for that to be cheap).
 */
export async function* storeResponsePages(
  brandId: string,
  storeId: string,
  from: string,
  to: string,
  filter: ExportRowFilter = {},
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportedResponse[]> {
  const conditions: string[] = [];
  const names: Record<string, string> = { ...PROJECTION_NAMES };
  const values: Record<string, unknown> = {
    ':pk': keys.responseExportPartition(brandId, storeId),
    // Sort keys are `<day>#<responseId>`: from the first id of `from` to past the last id of `to`.
    ':from': `${from}#`,
    ':to': `${to}#~`,
  };
  if (filter.staffId !== undefined) {
    conditions.push('#staff = :staff');
    names['#staff'] = 'staffId';
    values[':staff'] = filter.staffId;
  }
  if (filter.touchpoint !== undefined) {
    conditions.push('#touchpoint = :touchpoint');
    names['#touchpoint'] = 'touchpoint';
    values[':touchpoint'] = filter.touchpoint;
  }
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: TABLES.responses,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
        ProjectionExpression: Object.keys(PROJECTION_NAMES).join(', '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        Limit: pageSize,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const items = (page.Items ?? []).map((item) => ZExportedResponse.parse(item));
    if (items.length) yield items;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}
