import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ZResponseRecord, type ResponseRecord } from '@xinsheng/shared';
import { keys } from './keys';

/** What a responses-table stream record carries, as far as follow-up is concerned. */
export type StreamedResponse =
  | { kind: 'response'; response: ResponseRecord }
  | { kind: 'other' }
  | { kind: 'malformed'; issues: unknown[] };

/**
 * Decodes a new item of the responses table's stream. Only INSERTs of response items are responses;
 * anything else under another key is none of follow-up's business, and a response item that does not
 * parse is reported as malformed (a retry cannot fix it).
 */
export function streamedResponse(record: DynamoDBRecord): StreamedResponse {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return { kind: 'other' };
  // The stream's image is DynamoDB's attribute-value JSON; the lambda types describe the same shape.
  const image = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  if (image.pk !== keys.response(String(image.invitationId)).pk) return { kind: 'other' };
  const parsed = ZResponseRecord.safeParse(image);
  return parsed.success ? { kind: 'response', response: parsed.data } : { kind: 'malformed', issues: parsed.error.issues.slice(0, 5) };
}
