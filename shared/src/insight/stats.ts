import { FIRST_CONTACT_BUCKETS, type BandCounts } from './counters';
import type { Change, CesStats, CsatStats, NpsStats, VsRest } from '../schemas/insight';

/**
 * The honest statistics of the insight figures: every score with its 95 % margin, a small-base flag,
 * and significance by a two-sided z-test at 95 % that is never claimed for a small base. This is the
 * one place for these formulas; the API and the dashboard only read and format what these return.
 *
 * Rounding: NPS scores, NPS margins and deltas in points to one decimal; CSAT/CES means, their margins
 * and deltas to two decimals; shares (%) to one decimal. Significance is always decided on the exact
 * (unrounded) values; a reported delta is the difference of the two *reported* scores, so what the
 * screen shows adds up (30.1 − 20.0 is shown as 10.1, not as the exact 10.0x).
 */

/** Two-sided 95 %: the standard normal's 97.5 % quantile. */
export const Z_95 = 1.959963984540054;

/** Below this many answers a cell is a small base: shown greyed, never called significant. */
export const SMALL_BASE = 30;

/** CSAT answers that count as satisfied (top two boxes of 1–5). */
export const CSAT_TOP_TWO_BOX = [4, 5] as const;

/**
 * CES answers that count as low effort. The CES question is CES 2.0's agreement scale, 1–7 with
 * 7 = "strongly agree that it was easy" (higher is better, as for NPS and CSAT: the survey shows
 * the scale like the others, and a rising mean means less effort). Low effort = 5, 6, 7 (somewhat
 * agree or more). A survey that asks CES must word its question that way round.
 */
export const CES_LOW_EFFORT = [5, 6, 7] as const;

export type MeanScale = 'csat' | 'ces';
/** The lowest score of each scale; a histogram's index 0 holds it. */
const SCALE_MIN: Record<MeanScale, number> = { csat: 1, ces: 1 };
const SCALE_SIZE: Record<MeanScale, number> = { csat: 5, ces: 7 };

/** Round half away from zero, so rounding −x gives exactly −(rounding x); never returns −0. */
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.sign(x) * Math.round(Math.abs(x) * f) / f + 0;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------- NPS

interface NpsExact {
  n: number;
  /** p − d on the 0–1 scale. */
  nps: number;
  /** Var of one answer's score (+1 / 0 / −1): p + d − (p − d)². */
  variance: number;
}

function npsExact({ promoters, passives, detractors }: BandCounts): NpsExact | null {
  const n = promoters + passives + detractors;
  if (n <= 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  // Never below 0 for valid counts; max() only absorbs the last bit of rounding error.
  return { n, nps: p - d, variance: Math.max(0, p + d - (p - d) ** 2) };
}

/**
 * NPS of band counts: score = %promoters − %detractors (−100…100, one decimal); margin = the 95 %
 * half-width in points, 1.96 · √(Var / n) · 100 with Var = p + d − (p − d)² (the variance of a single
 * answer scored +1 / 0 / −1). Null score and margin with no answers. A unanimous sample (all promoters,
 * n = 1 …) has Var = 0 and so margin 0: the normal approximation says nothing there, which is what the
 * small-base flag is for.
 */
export function npsCell(counts: BandCounts): NpsStats {
  const { promoters, passives, detractors } = counts;
  const exact = npsExact(counts);
  const n = promoters + passives + detractors;
  return {
    n,
    score: exact ? round(exact.nps * 100, 1) : null,
    margin: exact ? round(Z_95 * Math.sqrt(exact.variance / exact.n) * 100, 1) : null,
    promoters,
    passives,
    detractors,
    smallBase: n < SMALL_BASE,
  };
}

/**
 * The two-sided z-test at 95 % for the difference of two independent estimates, with the small-base
 * rule. A zero standard error (both samples unanimous, e.g. all promoters) is significant exactly when
 * the estimates differ: with at least 30 answers on each side, 30 of 30 promoters against 30 of 30
 * detractors is as clear as data gets (Fisher's exact test: p ≈ 10⁻¹⁷), while the z statistic is
 * undefined; equal unanimous samples (delta 0) are never significant.
 */
function isSignificant(a: { n: number; estimate: number; variance: number }, b: { n: number; estimate: number; variance: number }): boolean {
  if (a.n < SMALL_BASE || b.n < SMALL_BASE) return false;
  const diff = a.estimate - b.estimate;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (se === 0) return diff !== 0;
  return Math.abs(diff) / se > Z_95;
}

function npsSide(counts: BandCounts) {
  const exact = npsExact(counts);
  return exact && { n: exact.n, estimate: exact.nps, variance: exact.variance };
}

/**
 * A period's NPS against the equally long period before it. `previousScore` and `delta` (points, the
 * difference of the reported scores) are null when either period has no answers; `significant` by the
 * two-sided z-test at 95 %, SE = √(Var₁/n₁ + Var₂/n₂), never with a small base on either side.
 */
export function changeVs(current: BandCounts, previous: BandCounts): Change {
  const a = npsSide(current);
  const b = npsSide(previous);
  const points = (side: { estimate: number }) => round(side.estimate * 100, 1);
  if (!b) return { previousScore: null, delta: null, significant: false };
  if (!a) return { previousScore: points(b), delta: null, significant: false };
  return { previousScore: points(b), delta: round(points(a) - points(b), 1), significant: isSignificant(a, b) };
}

/** Parent minus group, for the rest of a parent; a group larger than its parent is a caller's bug. */
function minus(parent: readonly number[], group: readonly number[], what: string): number[] {
  if (parent.length !== group.length) throw new RangeError(`${what}: histograms of different lengths`);
  return parent.map((count, i) => {
    const rest = count - group[i];
    if (rest < 0) throw new RangeError(`${what}: the group has more answers than its parent`);
    return rest;
  });
}

/**
 * A group (a store, a staff member …) against the rest of its parent, rest = parent − group, taken as
 * independent samples. `delta` = group score − rest score (points); null, and not significant, when
 * either is empty (a group that is its whole parent has no rest).
 */
export function vsRest(group: BandCounts, parent: BandCounts): VsRest {
  const [promoters, passives, detractors] = minus(
    [parent.promoters, parent.passives, parent.detractors],
    [group.promoters, group.passives, group.detractors],
    'vsRest',
  );
  const { delta, significant } = changeVs(group, { promoters, passives, detractors });
  return { delta, significant };
}

// ---------------------------------------------------------------- CSAT / CES means

interface MeanExact {
  n: number;
  mean: number;
  /** Sample variance (n − 1); null for one answer. */
  variance: number | null;
}

function meanExact(scale: MeanScale, histogram: readonly number[]): MeanExact | null {
  const n = sum(histogram);
  if (n <= 0) return null;
  const min = SCALE_MIN[scale];
  const mean = histogram.reduce((acc, count, i) => acc + count * (min + i), 0) / n;
  if (n === 1) return { n, mean, variance: null };
  const squares = histogram.reduce((acc, count, i) => acc + count * (min + i - mean) ** 2, 0);
  return { n, mean, variance: squares / (n - 1) };
}

function checkHistogram(scale: MeanScale, histogram: readonly number[]): void {
  if (histogram.length !== SCALE_SIZE[scale]) {
    throw new RangeError(`${scale} histogram must have ${SCALE_SIZE[scale]} entries, has ${histogram.length}`);
  }
}

function meanStats(scale: MeanScale, histogram: readonly number[], good: readonly number[]) {
  checkHistogram(scale, histogram);
  const exact = meanExact(scale, histogram);
  const n = sum(histogram);
  const goodCount = good.reduce((acc, score) => acc + histogram[score - SCALE_MIN[scale]], 0);
  return {
    n,
    mean: exact ? round(exact.mean, 2) : null,
    margin: exact && exact.variance !== null ? round(Z_95 * Math.sqrt(exact.variance / exact.n), 2) : null,
    share: exact ? round((goodCount / n) * 100, 1) : null,
    distribution: [...histogram],
    smallBase: n < SMALL_BASE,
  };
}

/**
 * CSAT (1–5) from its histogram (index = score − 1): the mean with the 95 % half-width of its
 * confidence interval (1.96 · s / √n, s the sample standard deviation; null for n < 2) and the
 * top-two-box share (% answering 4 or 5).
 */
export function csatCell(histogram: readonly number[]): CsatStats {
  const { share, ...rest } = meanStats('csat', histogram, CSAT_TOP_TWO_BOX);
  return { n: rest.n, mean: rest.mean, margin: rest.margin, topTwoBox: share, distribution: rest.distribution, smallBase: rest.smallBase };
}

/** CES (1–7, 7 = easiest, see CES_LOW_EFFORT) from its histogram: as csatCell, with the low-effort share (% answering 5–7). */
export function cesCell(histogram: readonly number[]): CesStats {
  const { share, ...rest } = meanStats('ces', histogram, CES_LOW_EFFORT);
  return { n: rest.n, mean: rest.mean, margin: rest.margin, lowEffort: share, distribution: rest.distribution, smallBase: rest.smallBase };
}

function meanSide(scale: MeanScale, histogram: readonly number[]) {
  checkHistogram(scale, histogram);
  const exact = meanExact(scale, histogram);
  return exact && { n: exact.n, estimate: exact.mean, variance: exact.variance ?? 0 };
}

/**
 * A period's CSAT / CES mean against the period before: Welch-style z-test at 95 %,
 * SE = √(s₁²/n₁ + s₂²/n₂) with sample variances; the same small-base and zero-SE rules as changeVs.
 * `previousScore` is the previous mean (two decimals); `delta` the difference of the reported means.
 */
export function meanChangeVs(scale: MeanScale, current: readonly number[], previous: readonly number[]): Change {
  const a = meanSide(scale, current);
  const b = meanSide(scale, previous);
  if (!b) return { previousScore: null, delta: null, significant: false };
  const previousScore = round(b.estimate, 2);
  if (!a) return { previousScore, delta: null, significant: false };
  return { previousScore, delta: round(round(a.estimate, 2) - previousScore, 2), significant: isSignificant(a, b) };
}

/** A group's CSAT / CES mean against the rest of its parent (parent − group, independent samples). */
export function meanVsRest(scale: MeanScale, group: readonly number[], parent: readonly number[]): VsRest {
  const { delta, significant } = meanChangeVs(scale, group, minus(parent, group, 'meanVsRest'));
  return { delta, significant };
}

// ---------------------------------------------------------------- loop

/**
 * p50 and p90 of the time to first contact, in minutes (one decimal), from the bucket counts
 * (index = FIRST_CONTACT_BUCKETS bucket: bucket 0 is 0–5 min, bucket i is bounds[i−1]–bounds[i], the
 * last one everything above the last bound). Inside a bucket the answers are taken as spread evenly
 * (linear interpolation at rank q · N). The last bucket is open, so a percentile that falls in it is
 * reported as its lower bound (2880 min = 2 days): "at least". Null with no contacts.
 */
export function firstContactPercentiles(
  histogram: readonly number[],
  bounds: readonly number[] = FIRST_CONTACT_BUCKETS,
): { p50: number | null; p90: number | null } {
  if (histogram.length !== bounds.length + 1) throw new RangeError(`first-contact histogram must have ${bounds.length + 1} buckets`);
  const total = sum(histogram);
  if (total <= 0) return { p50: null, p90: null };
  const at = (q: number): number => {
    const rank = q * total;
    let before = 0;
    for (let i = 0; i < histogram.length; i++) {
      const count = histogram[i];
      if (count > 0 && before + count >= rank) {
        const lower = i === 0 ? 0 : bounds[i - 1];
        if (i === bounds.length) return lower;
        return round(lower + ((rank - before) / count) * (bounds[i] - lower), 1);
      }
      before += count;
    }
    return bounds[bounds.length - 1];
  };
  return { p50: at(0.5), p90: at(0.9) };
}
