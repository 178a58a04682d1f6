/**
 * An erasure MODIFYs responses (comment → marker, sealed phone and hashes removed); the responses
 * stream carries those MODIFYs to both consumers, and neither may count or act on them again.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ERASED_TEXT, ZResponseRecord } from '@xinsheng/shared';
import { stack } from './helpers';
import { dynamoClient } from '../functions/src/lib/dynamo';
import { aggregateRecords } from '../functions/src/insight/aggregate-stream';
import { processRecord } from '../functions/src/followup/on-response-stream';

void stack;
afterAll(() => dynamoClient.destroy());

const response = ZResponseRecord.parse({
  responseId: '01JPRIVACYSTREAM000000000A', invitationId: 'PRIVACYSTREAMINVITATION01', clientResponseId: 'client-privacy-1', brandId: 'privacy-stream-brand',
  storeId: 'ps-store', region: 'ps', orderId: 'o-1', touchpoint: 'in_store', surveyId: 's', surveyVersion: 1,
  answers: { nps: 2, comment: ERASED_TEXT }, band: 'detractor', submittedAt: '2026-12-01T10:00:00.000Z', day: '2026-12-01',
  timeZone: 'Asia/Shanghai', followUp: { callback: true }, kind: 'survey',
});
const keys = { pk: `RESP#${response.invitationId}`, sk: 'RESPONSE' };
const record = (eventName: 'INSERT' | 'MODIFY', seq: string): DynamoDBRecord => ({
  eventName,
  dynamodb: { Keys: marshall(keys) as never, NewImage: marshall({ ...keys, ...response }, { removeUndefinedValues: true }) as never, SequenceNumber: seq },
});

test('the aggregate consumer counts an INSERT and never a MODIFY (an erasure)', async () => {
  const counted = await aggregateRecords([record('MODIFY', '100')], { themes: () => [], originalOf: async () => undefined });
  expect(counted).toMatchObject({ responses: 0, recoveries: 0, rows: 0 });
  // The same image as an INSERT would count: the test can fail.
  const inserted = await aggregateRecords([record('INSERT', '101')], { themes: () => [], originalOf: async () => undefined, send: async () => ({ $metadata: {} }) });
  expect(inserted.responses).toBe(1);
});

test('the follow-up consumer makes no task from a MODIFY', async () => {
  expect(await processRecord(record('MODIFY', '102'), { notifier: undefined, now: () => new Date() })).toBe('skipped');
});
