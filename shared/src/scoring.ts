import type { ScoreBand } from './schemas/survey';

/**
 * 9–10 promoter, 7–8 passive, 0–6 detractor. The figures built from many answers (NPS with its
 * margin, CSAT/CES means, significance) live in insight/stats.ts, the one place for those formulas.
 */
export function npsBand(score: number): ScoreBand {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`NPS score out of range: ${score}`);
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}
