import type { ScoreBand } from './schemas/survey';

/** 9–10 promoter, 7–8 passive, 0–6 detractor. */
export function npsBand(score: number): ScoreBand {
  if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`NPS score out of range: ${score}`);
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsSummary {
  n: number;
  /** %promoters − %detractors, −100…100; null with no answers. */
  nps: number | null;
  /** Half-width of the 95% confidence interval, in NPS points; null with no answers. */
  marginOfError: number | null;
}

const Z_95 = 1.959963984540054;

/**
 * NPS and its 95% margin of error from counts. With shares p (promoters) and d (detractors),
 * Var(NPS) = [p(1−p) + d(1−d) + 2pd] / n on the 0–1 scale; ×100 for points.
 */
export function npsSummary({ promoters, passives, detractors }: NpsCounts): NpsSummary {
  const n = promoters + passives + detractors;
  if (n === 0) return { n, nps: null, marginOfError: null };
  const p = promoters / n;
  const d = detractors / n;
  const variance = (p * (1 - p) + d * (1 - d) + 2 * p * d) / n;
  return { n, nps: (p - d) * 100, marginOfError: Z_95 * Math.sqrt(variance) * 100 };
}

export interface MeanSummary {
  n: number;
  mean: number | null;
  /** Half-width of the 95% confidence interval of the mean (normal approximation). */
  marginOfError: number | null;
}

/** Mean of a 1–5 (CSAT) or 1–7 (CES) scale from a sum, a sum of squares and a count. */
export function meanSummary(sum: number, sumOfSquares: number, n: number): MeanSummary {
  if (n === 0) return { n, mean: null, marginOfError: null };
  const mean = sum / n;
  if (n === 1) return { n, mean, marginOfError: null };
  const sampleVariance = Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1));
  return { n, mean, marginOfError: Z_95 * Math.sqrt(sampleVariance / n) };
}

/** Share (0–100) of CSAT answers that are 4 or 5: the "top-two-box" satisfaction rate. */
export function topTwoBoxShare(satisfied: number, n: number): number | null {
  return n === 0 ? null : (satisfied / n) * 100;
}
