import type { ErasureCounts } from '@xinsheng/shared';
import { keys } from '../data/keys';
import {
  deleteMainItems, eraseInvitation, eraseResponse, eraseTask, failPrivacyRequest, finishPrivacyRequest, openidSessionKeys,
  pendingPrivacyRequests, putOptOuts, startPrivacyRequest, type PrivacyRequest,
} from '../data/privacy-repo';
import { logger, withLogContext } from '../lib/logger';
import { collectPersonRecords } from './person-records';

/**
 * One erasure, start to end. Every step is idempotent, so a run that crashed is simply run again
 * (the request stays in the pending index until it is done):
 * 1. the opt-out marker of every hash of the person first — whatever happens next, they are not
 *    surveyed again (a hash-only item: it identifies nobody without the deployment's data key);
 * 2. tasks, then responses, then invitations: comments and agents' notes → "[已删除]", sealed values
 *    and hashes removed;
 * 3. the items that only exist for the person: the person index (what found the rest, so after
 *    it) — its PINV items and the contact (fatigue) items, deleted whole with their `invs` set of
 *    invitation ids —, consumer sessions (revoked), and last the person links (a re-run still finds
 *    the person through them);
 * 4. the request: done, its counts, its hashes removed — audited in the same transaction.
 * Counters, scores and theme counts are untouched: the aggregates come from the responses stream's
 * INSERTs, and an erasure only MODIFYs (data/responses-stream.ts ignores those).
 */
export async function runErasure(request: PrivacyRequest, now: Date): Promise<ErasureCounts> {
  await startPrivacyRequest(request, now);
  const records = await collectPersonRecords(request.brandId, request.customerHashes);
  const { hashes } = records;
  await putOptOuts(request.brandId, hashes, now);
  for (const task of records.tasks) await eraseTask(task.taskId);
  await Promise.all(records.responses.map((r) => eraseResponse(r)));
  await Promise.all(records.invitations.map((i) => eraseInvitation(i.invitationId)));
  const sessions = (await Promise.all(hashes.map((h) => openidSessionKeys(h)))).flat();
  await deleteMainItems([...sessions, ...records.entryKeys, ...hashes.map((h) => keys.contact(request.brandId, h))]);
  await deleteMainItems(hashes.map((h) => keys.personLink(request.brandId, h)));
  const counts: ErasureCounts = {
    invitations: records.invitations.length,
    responses: records.responses.length,
    tasks: records.tasks.length,
    sessions: sessions.length,
    identifiers: hashes.length,
  };
  await finishPrivacyRequest(request, counts, new Date(), {
    brandId: request.brandId, actor: request.requestedBy, action: 'privacy.erased', target: `privacy:${request.requestId}`, after: counts,
  });
  return counts;
}

/**
 * The erasure worker (serverless.yml `privacyErasure`, every minute; locally functions/local/schedules.ts):
 * every request not done yet, one after the other. A failure marks the request `failed` and leaves it
 * pending, so the next run takes it up again.
 */
export async function runPendingErasures(now = new Date()): Promise<{ done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  for (const request of await pendingPrivacyRequests()) {
    try {
      await runErasure(request, now);
      done++;
    } catch (error) {
      failed++;
      logger.error('erasure failed; it will be run again', { requestId: request.requestId, error: error as Error });
      await failPrivacyRequest(request);
    }
  }
  return { done, failed };
}

export const handler = withLogContext(async () => runPendingErasures());
