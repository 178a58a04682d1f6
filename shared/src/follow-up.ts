import type { Answers } from './schemas/answers';
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
