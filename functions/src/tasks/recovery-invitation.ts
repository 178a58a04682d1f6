import { newId } from '../lib/ids';
import { effectivePolicy, invitationExpiry, nextSendableInstant, type Invitation, type Task, type TimelineEntry } from '@xinsheng/shared';
import { invitationToken, sha256Hex } from '../lib/crypto';
import { logger } from '../lib/logger';
import { getBrand, getLatestSurvey, getStore } from '../data/catalog-repo';
import { getInvitation, getInvitationForOrder, putNewInvitation } from '../data/invitations-repo';
import { getFollowUpPolicy } from '../data/tasks-repo';

const MINUTE = 60_000;

/**
 * After a task is resolved, the customer may get a one-question follow-up survey ("did we resolve
 * it?" + NPS) through the same invitation path as any survey: a scheduled invitation the
 * dispatcher sends. It keeps to the quiet hours but not to the fatigue window (this is a reply
 * to the customer's own complaint, not another marketing ask). Its order id names the task and
 * the resolution, so a retried resolve makes one invitation, never two.
 */
export async function inviteRecovery(task: Task, now: Date): Promise<TimelineEntry | undefined> {
  const policy = await getFollowUpPolicy(task.brandId);
  if (!policy.recoverySurveyId) return undefined;
  const orderId = `recovery-${task.taskId}-${task.resolutions}`;
  const existing = await getInvitationForOrder(task.storeId, orderId);
  if (existing) return recoveryEntry(existing, now);

  const [survey, store, brand, original] = await Promise.all([
    getLatestSurvey(policy.recoverySurveyId),
    getStore(task.storeId),
    getBrand(task.brandId),
    getInvitation(task.invitationId),
  ]);
  if (!survey || !store || !brand) {
    logger.warn('recovery survey not configured', { brandId: task.brandId, surveyId: policy.recoverySurveyId });
    return undefined;
  }
  const phoneSealed = task.phoneSealed ?? original?.phoneSealed;
  const channel = original?.openidSealed ? 'subscribe_message' : phoneSealed ? 'sms' : undefined;
  if (!channel) return { type: 'recovery_invited', at: now.toISOString(), status: 'suppressed', reason: 'no_channel' };

  const contact = effectivePolicy(brand.policy, store.policy);
  const sendAt = nextSendableInstant(new Date(now.getTime() + policy.recoveryDelayMinutes * MINUTE), store.timeZone, contact.quietHours);
  const invitationId = newId(now.getTime());
  const invitation: Invitation = {
    invitationId,
    brandId: task.brandId,
    storeId: task.storeId,
    orderId,
    region: task.region,
    touchpoint: task.touchpoint,
    occurredAt: now.toISOString(),
    staffId: task.staffId,
    surveyId: survey.surveyId,
    surveyVersion: survey.version,
    status: 'scheduled',
    channel,
    sendAt: sendAt.toISOString(),
    createdAt: now.toISOString(),
    expiresAt: invitationExpiry(now, contact).toISOString(),
    tokenHash: sha256Hex(invitationToken(invitationId)),
    openidHash: original?.openidHash,
    openidSealed: original?.openidSealed,
    phoneSealed,
    customerHashes: [],
    deliveries: [],
    kind: 'recovery',
    taskId: task.taskId,
  };
  // Fatigue 0: the contact window is neither checked nor moved by a recovery survey.
  const outcome = await putNewInvitation(invitation, 0, now);
  if (outcome.created) return recoveryEntry(invitation, now);
  const winner = await getInvitationForOrder(task.storeId, orderId);
  return winner && recoveryEntry(winner, now);
}

function recoveryEntry(invitation: Invitation, now: Date): TimelineEntry {
  return { type: 'recovery_invited', at: now.toISOString(), invitationId: invitation.invitationId, status: invitation.status, ...(invitation.sendAt ? { sendAt: invitation.sendAt } : {}) };
}
