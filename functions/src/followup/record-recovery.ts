import { RECOVERY_RESOLVED_REASON, type ResponseRecord } from '@xinsheng/shared';
import { logger } from '../lib/logger';
import { recordRecoveryAnswer } from '../data/tasks-repo';

/**
 * The answer to a recovery survey ("did we resolve it?" + NPS) is kept with its task, once:
 * the condition makes a redelivered record a no-op. It never creates a task of its own.
 */
export async function recordRecovery(response: ResponseRecord): Promise<boolean> {
  if (!response.taskId) {
    logger.warn('recovery response without a task', { responseId: response.responseId });
    return false;
  }
  const resolved = response.answers.reasons?.includes(RECOVERY_RESOLVED_REASON) ?? undefined;
  const changed = await recordRecoveryAnswer(
    response.taskId,
    {
      invitationId: response.invitationId,
      responseId: response.responseId,
      nps: response.answers.nps,
      ...(resolved !== undefined ? { resolved } : {}),
      answeredAt: response.submittedAt,
    },
    { type: 'recovered', at: response.submittedAt, responseId: response.responseId, nps: response.answers.nps, ...(resolved !== undefined ? { resolved } : {}) },
  );
  return changed !== undefined;
}
