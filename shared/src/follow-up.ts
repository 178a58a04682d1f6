import type { Answers } from './schemas/answers';
import type { FollowUp } from './schemas/api';
import type { FollowUpPolicy } from './schemas/tasks';
import { npsBand } from './scoring';

export type CallbackPriority = 'urgent' | 'normal';

/** Words in a comment that make a callback urgent whatever the score (complaint, refund, the consumer hotline). */
export const DEFAULT_URGENT_KEYWORDS = ['投诉', '退款', '12315', '曝光', '报警', 'complaint', 'refund'];

/** Business hours within which the store promises a first contact, by priority. */
export const DEFAULT_SLA_HOURS: Record<CallbackPriority, number> = { urgent: 4, normal: 24 };

/** A detractor (NPS 0–6), or a very dissatisfied customer (CSAT ≤ 2), gets a callback. */
export function needsCallback(answers: Pick<Answers, 'nps' | 'csat'>): boolean {
  return npsBand(answers.nps) === 'detractor' || (answers.csat !== undefined && answers.csat <= 2);
}

export function callbackPriority(answers: Pick<Answers, 'nps' | 'comment'>, urgentKeywords: readonly string[] = DEFAULT_URGENT_KEYWORDS): CallbackPriority {
  if (answers.nps <= 3) return 'urgent';
  const comment = (answers.comment ?? '').toLowerCase();
  return urgentKeywords.some((word) => comment.includes(word.toLowerCase())) ? 'urgent' : 'normal';
}

/**
 * What the consumer is told after answering: whether the store calls back (needsCallback) and, if
 * so, within how many business hours: the brand's own SLA for the answer's priority, the same
 * hours that set the callback task's due time. Without a policy, the defaults.
 */
export function consumerFollowUp(
  answers: Pick<Answers, 'nps' | 'csat' | 'comment'>,
  policy: Pick<FollowUpPolicy, 'slaHours'> & { urgentKeywords?: readonly string[] } = { slaHours: DEFAULT_SLA_HOURS },
): FollowUp {
  if (!needsCallback(answers)) return { callback: false };
  return { callback: true, slaHours: policy.slaHours[callbackPriority(answers, policy.urgentKeywords)] };
}
