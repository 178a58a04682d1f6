import { attr, firstContactBucket, type InsightDimension, type Increments } from './counters';
import type { ScoreBand } from '../schemas/survey';
import type { Channel } from '../schemas/common';

/**
 * What the events outside the responses stream add to the insight counters: a callback task's
 * first contact and resolve, an invitation sent or opened, a customer who bought again. Pure: the
 * repositories write these increments in the same transaction as the conditional write that makes
 * each event happen once.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The first contact of a task: one contact, its minutes since the task was created, and whether it met the SLA. */
export function firstContactIncrements(task: { createdAt: string; dueAt: string }, firstContactAt: string): Increments {
  const at = Date.parse(firstContactAt);
  const minutes = Math.max(0, (at - Date.parse(task.createdAt)) / MINUTE);
  const inc: Increments = { [attr.contacted]: 1, [attr.firstContact(firstContactBucket(minutes))]: 1 };
  if (at <= Date.parse(task.dueAt)) inc[attr.slaMet] = 1;
  return inc;
}

export function resolveIncrements(): Increments {
  return { [attr.resolved]: 1 };
}

/** The rows a task's loop counters go to: its response's brand, region and store. */
export function loopTargets(task: { brandId: string; region: string; storeId: string }): { dimension: InsightDimension; key: string }[] {
  return [
    { dimension: 'brand', key: task.brandId },
    { dimension: 'region', key: task.region },
    { dimension: 'store', key: task.storeId },
  ];
}

/** The rows an invitation's sent / opened counts go to: brand, region, store, touchpoint, store × touchpoint. */
export function invitationTargets(invitation: { brandId: string; region: string; storeId: string; touchpoint: string }): { dimension: InsightDimension; key: string }[] {
  return [
    { dimension: 'brand', key: invitation.brandId },
    { dimension: 'region', key: invitation.region },
    { dimension: 'store', key: invitation.storeId },
    { dimension: 'touchpoint', key: invitation.touchpoint },
    { dimension: 'store_touchpoint', key: `${invitation.storeId}|${invitation.touchpoint}` },
  ];
}

/**
 * What the first view of an unanswered invitation adds. A receipt is never dispatched (it is
 * printed), so it counts as sent when it is first opened too: the trigger path stays at its
 * write units, and a receipt's "sent" means "scanned".
 */
export function openedIncrements(channel: Channel): Increments {
  const inc: Increments = { [attr.invitations(channel, 'opened')]: 1 };
  if (channel === 'receipt') inc[attr.invitations(channel, 'sent')] = 1;
  return inc;
}

export function sentIncrements(channel: Channel): Increments {
  return { [attr.invitations(channel, 'sent')]: 1 };
}

export const REPEAT_WINDOW_DAYS = 90;

/**
 * Whether a purchase at `occurredAt` is a repeat of a customer who answered at `submittedAt`:
 * strictly later and within 90 days. The counters of that response's first repeat: within 90,
 * and within 30 too when it came that soon. Only the first later purchase is counted (the caller
 * guards it), so a first repeat on day 40 counts for 90 only — "bought again within 30 days" is
 * then false, which is exactly right.
 */
export function repeatIncrements(band: ScoreBand, submittedAt: string, occurredAt: string): Increments | undefined {
  const gap = Date.parse(occurredAt) - Date.parse(submittedAt);
  if (!(gap > 0) || gap > REPEAT_WINDOW_DAYS * DAY) return undefined;
  const inc: Increments = { [attr.repeatWithin(band, 90)]: 1 };
  if (gap <= 30 * DAY) inc[attr.repeatWithin(band, 30)] = 1;
  return inc;
}
