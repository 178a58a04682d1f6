import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  ZResponseRecord, counterTargets, eventRows, mayHaveRollUp, invitationTargets, openedIncrements, repeatIncrements, sentIncrements,
  type Channel, type CounterTarget, type Delivery, type Increments, type InsightDimension, type Invitation,
} from '@xinsheng/shared';
import { TABLES, conditionalTransaction, db } from '../lib/dynamo';
import { keys } from './keys';
import { staleMarkUpdate } from './insight-repo';

/**
 * The insight counters that do not come from the responses stream: invitations sent and opened,
 * a response's first repeat purchase — and the building block the task transitions use for the
 * loop counters (tasks-repo.ts). Exactly once without watermarks: every `ADD` is in the same
 * TransactWriteItems as the conditional write that makes its event happen once (the invitation's
 * sending → sent, its first `openedAt`, the repeat guard on the answered invitation, the task's
 * transition), so a retry, a duplicate or a crash can neither count twice nor lose a count.
 */

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Target = { dimension: InsightDimension; key: string };

/** One `ADD` of a row's increments (its day's row, or its week's: keys.counterRow) as a transaction item; none when it adds nothing. */
export function rowAdd(brandId: string, row: CounterTarget, day: string): TransactItem[] {
  const entries = Object.entries(row.increments).filter(([, value]) => value !== 0);
  if (!entries.length) return [];
  return [{
    Update: {
      TableName: TABLES.insight,
      Key: keys.counterRow(brandId, row, day),
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:c${i}`, value])),
    },
  }];
}

/**
 * The month roll-ups a write to `day` can make stale (insight-read-repo.ts): when the month may
 * already be rolled up (periods' `mayHaveRollUp`), a `SET stale` on each target's `M#<month>` item —
 * creating a bare marker when there is no roll-up yet, so a reader summing the days at this moment
 * cannot store a roll-up without this write (its PUT is conditional on what it saw).
 */
export function rollUpMarks(brandId: string, targets: readonly Target[], day: string, now: Date): TransactItem[] {
  if (!mayHaveRollUp(day, now)) return [];
  return targets.map((target) => ({ Update: staleMarkUpdate(keys.counterMonth(brandId, target.dimension, target.key, day.slice(0, 7))) }));
}

/**
 * One `ADD` per row an event about `day` is counted on (`eventRows`: the targets' day rows and the
 * brand's week row) as transaction items, and the marks of the month roll-ups it makes stale.
 */
export function counterAdds(brandId: string, targets: readonly Target[], day: string, increments: Increments, now = new Date()): TransactItem[] {
  const adds = eventRows(targets, increments).flatMap((row) => rowAdd(brandId, row, day));
  return adds.length ? [...adds, ...rollUpMarks(brandId, targets, day, now)] : [];
}

/** Only first surveys are counted (a recovery re-survey has its own loop counters, from the stream). */
const counted = (invitation: Invitation) => invitation.kind !== 'recovery';

/**
 * The dispatcher's sending → sent, conditional on the invitation still being "sending" (the claim
 * it made), with `i:<channel>:sent` on the invitation's rows for the store-local day it was sent —
 * all or nothing. False when the invitation was not "sending" (nothing written, nothing counted).
 */
export async function recordSent(invitation: Invitation, channel: Channel, deliveries: Delivery[], day: string): Promise<boolean> {
  const refused = await conditionalTransaction(
    [
      {
        Update: {
          TableName: TABLES.main,
          Key: keys.invitation(invitation.invitationId),
          UpdateExpression: 'SET #status = :sent, channel = :channel, deliveries = list_append(if_not_exists(deliveries, :empty), :deliveries)',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':channel': channel, ':deliveries': deliveries, ':empty': [] },
        },
      },
      ...(counted(invitation) ? counterAdds(invitation.brandId, invitationTargets(invitation), day, sentIncrements(channel)) : []),
    ],
    (failed) => (failed[0] ? 'not_sending' : undefined),
  );
  return refused === undefined;
}

/**
 * The first view of an unanswered invitation: `SET openedAt` if it has none, with `i:<channel>:opened`
 * (and, for a receipt, `:sent`) on its rows for the store-local day of the view. False when it had
 * been opened already: later views write nothing.
 */
export async function recordOpened(invitation: Invitation, at: Date, day: string): Promise<boolean> {
  const channel = invitation.channel;
  const refused = await conditionalTransaction(
    [
      {
        Update: {
          TableName: TABLES.main,
          Key: keys.invitation(invitation.invitationId),
          UpdateExpression: 'SET openedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(openedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        },
      },
      ...(counted(invitation) && channel ? counterAdds(invitation.brandId, invitationTargets(invitation), day, openedIncrements(channel)) : []),
    ],
    (failed) => (failed[0] ? 'opened_already' : undefined),
  );
  return refused === undefined;
}

export interface EarlierSurvey {
  /** The invitation a contact item of this customer was last surveyed with. */
  invitationId: string;
  /** The contact items that point at it (stamped once it is counted, so later triggers skip the read). */
  customerHashes: string[];
}

export type RepeatOutcome = 'counted' | 'counted_before' | 'not_a_repeat' | 'unanswered';

/**
 * A returning customer's purchase at `occurredAt`, against one earlier survey of theirs: when that
 * survey was answered before this purchase and at most 90 days before it, and its repeat has not
 * been counted yet, counts it once — one transaction of the guard on the answered invitation
 * (`SET repeatCountedAt` if it has none), the stamp on the customer's contact items, and the
 * `rp:<band>:90` (+ `:30`) ADDs on the response's rows and day. A retried or concurrent trigger
 * loses the guard and counts nothing.
 */
export async function countRepeatPurchase(brandId: string, earlier: EarlierSurvey, occurredAt: string): Promise<RepeatOutcome> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLES.responses, Key: keys.response(earlier.invitationId), ConsistentRead: true }));
  if (!Item) return 'unanswered';
  const response = ZResponseRecord.parse(Item);
  const increments = response.kind === 'survey' ? repeatIncrements(response.band, response.submittedAt, occurredAt) : undefined;
  if (!increments) return 'not_a_repeat';
  const guard: TransactItem = {
    Update: {
      TableName: TABLES.main,
      Key: keys.invitation(earlier.invitationId),
      UpdateExpression: 'SET repeatCountedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(repeatCountedAt)',
      ExpressionAttributeValues: { ':at': occurredAt },
    },
  };
  const stamps = earlier.customerHashes.map((hash): TransactItem => ({
    Update: {
      TableName: TABLES.main,
      Key: keys.contact(brandId, hash),
      UpdateExpression: 'SET repeatCounted = :id',
      // Never create a contact item (one may have expired meanwhile).
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':id': earlier.invitationId },
    },
  }));
  const adds = counterAdds(response.brandId, counterTargets(response), response.day, increments);
  const refused = await conditionalTransaction([guard, ...stamps, ...adds], (failed) => (failed[0] ? 'counted_before' : failed.some(Boolean) ? 'contact_gone' : undefined));
  if (refused === 'counted_before') return 'counted_before';
  if (refused === 'contact_gone') {
    // The stamps only spare later reads; count without them.
    const again = await conditionalTransaction([guard, ...adds], (failed) => (failed[0] ? 'counted_before' : undefined));
    return again ?? 'counted';
  }
  return 'counted';
}
