import type { DynamoDBRecord } from 'aws-lambda';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ZCallbackGrant, type CallbackGrant, type CallbackNoticeState, type TimelineEntry } from '@xinsheng/shared';
import { TABLES, conditionalWrite, db, epochSeconds } from '../lib/dynamo';
import { config } from '../lib/config';
import { keys } from './keys';

/**
 * The callback-notice grant (main table, in its task's partition: `TASK#<responseId>` /
 * `CALLBACK_GRANT`). One per answer: the grant is put once, then moves granted → sending (spent,
 * conditionally, before anything is sent) → sent | refused | failed; a transient failure moves it
 * back to granted for another round. Every move is one conditional UpdateItem on the state it
 * expects, so two consumers of the same stream record cannot both spend it.
 */

const parseGrant = (item: Record<string, unknown>): CallbackGrant => ZCallbackGrant.parse(item);

/** Stores a new grant unless the answer has one; false when it had (the caller reads what is there). */
export function putGrant(grant: CallbackGrant, now: Date): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new PutCommand({
        TableName: TABLES.main,
        // Kept as long as the answer it belongs to; the sealed openid goes with it.
        Item: { ...keys.callbackGrant(grant.responseId), ...grant, ttl: epochSeconds(now) + config.XS_RETENTION_DAYS * 86_400 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function getGrant(responseId: string): Promise<CallbackGrant | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.main, Key: keys.callbackGrant(responseId), ConsistentRead: true }));
  return Item && parseGrant(Item);
}

/** One conditional move of a grant's state; the grant after it, or undefined when it was not in `from`. */
async function moveGrant(responseId: string, from: CallbackNoticeState, set: Record<string, unknown>, remove: string[] = []): Promise<CallbackGrant | undefined> {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = { ':from': from };
  const sets = Object.entries(set).map(([attr, value], i) => {
    names[`#a${i}`] = attr;
    values[`:v${i}`] = value;
    return `#a${i} = :v${i}`;
  });
  const removes = remove.map((attr, i) => {
    names[`#r${i}`] = attr;
    return `#r${i}`;
  });
  let after: Record<string, unknown> | undefined;
  const moved = await conditionalWrite(async () => {
    ({ Attributes: after } = await db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.callbackGrant(responseId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND #state = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    ));
  });
  return moved && after ? parseGrant(after) : undefined;
}

/** Spends the grant (granted → sending, one more round) before the message goes out; undefined when it was not there to spend. */
export function spendGrant(grant: CallbackGrant, trigger: 'reached' | 'resolved', now: Date): Promise<CallbackGrant | undefined> {
  return moveGrant(grant.responseId, 'granted', { state: 'sending', trigger, attempts: grant.attempts + 1, updatedAt: now.toISOString() });
}

export interface GrantOutcome {
  state: Extract<CallbackNoticeState, 'sent' | 'refused' | 'failed' | 'granted'>;
  msgid?: string;
  errcode?: number;
  error?: string;
}

/** What became of a spent grant (sending → sent/refused/failed), or back to granted for another round after a transient failure. */
export function settleGrant(responseId: string, outcome: GrantOutcome, now: Date): Promise<CallbackGrant | undefined> {
  const { state, ...details } = outcome;
  const set: Record<string, unknown> = { state, updatedAt: now.toISOString() };
  for (const [key, value] of Object.entries(details)) if (value !== undefined) set[key] = value;
  return moveGrant(responseId, 'sending', set);
}

/** The notice's line on its task's timeline (the task may be gone: then there is nothing to note it on). */
export async function noteOnTask(taskId: string, entry: TimelineEntry): Promise<boolean> {
  return conditionalWrite(() =>
    db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.task(taskId),
        UpdateExpression: 'SET #timeline = list_append(if_not_exists(#timeline, :empty), :entry), #version = #version + :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#timeline': 'timeline', '#version': 'version' },
        ExpressionAttributeValues: { ':entry': [entry], ':empty': [], ':one': 1 },
      }),
    ),
  );
}

/** What a main-table stream record means to the callback notice: a task or a grant of the answer `responseId` changed. */
export type StreamedNoticeChange =
  | { kind: 'task'; responseId: string; reached: boolean; resolved: boolean }
  | { kind: 'grant'; responseId: string; state: unknown }
  | { kind: 'other' };

/**
 * Decodes a main-table stream record's new image, as far as the callback notice cares: the item's
 * keys say whether it is a task or a grant (every other item of the table is none of its business).
 */
export function streamedNoticeChange(record: DynamoDBRecord): StreamedNoticeChange {
  const image = record.dynamodb?.NewImage;
  if (!image || record.eventName === 'REMOVE') return { kind: 'other' };
  // Only the few string attributes it needs are read off the image: every item of the main table
  // passes here, and a whole-item unmarshall would be wasted on (and could trip over) the others.
  const text = (name: string) => image[name]?.S;
  const pk = text('pk') ?? '';
  const responseId = pk.startsWith('TASK#') ? pk.slice('TASK#'.length) : '';
  if (!responseId) return { kind: 'other' };
  const sk = text('sk');
  if (sk === keys.taskSortKey && pk === keys.task(responseId).pk) {
    return { kind: 'task', responseId, reached: text('firstContactAt') !== undefined, resolved: text('status') === 'resolved' };
  }
  if (sk === keys.callbackGrantSortKey && pk === keys.callbackGrant(responseId).pk) return { kind: 'grant', responseId, state: text('state') };
  return { kind: 'other' };
}
