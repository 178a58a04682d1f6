import fc from 'fast-check';
import { FIRST_CONTACT_BUCKETS, type BandCounts } from './counters';
import {
  CES_LOW_EFFORT, SMALL_BASE, Z_95, cesCell, changeVs, csatCell, firstContactPercentiles, meanChangeVs, meanVsRest, npsCell, vsRest,
} from './stats';

const counts = (promoters: number, passives: number, detractors: number): BandCounts => ({ promoters, passives, detractors });

describe('npsCell', () => {
  it.each([
    // p = .5, d = .2 → NPS 30; Var = .5 + .2 − .3² = .61; SE = √(.61/100) = .0781; 1.96 × .0781 × 100 = 15.31
    { c: counts(50, 30, 20), n: 100, score: 30, margin: 15.3 },
    // p = .6, d = .15 → NPS 45; Var = .75 − .45² = .5475; SE = √(.5475/200) = .05232; 1.96 × .05232 × 100 = 10.25
    { c: counts(120, 50, 30), n: 200, score: 45, margin: 10.3 },
    // p = .4, d = .3 → NPS 10; Var = .7 − .1² = .69; SE = √(.69/100) = .08307; × 1.96 × 100 = 16.28
    { c: counts(40, 30, 30), n: 100, score: 10, margin: 16.3 },
    // p = d = .35 → NPS 0; Var = .7 − 0 = .7; SE = √(.7/200) = .05916; × 1.96 × 100 = 11.60
    { c: counts(70, 60, 70), n: 200, score: 0, margin: 11.6 },
    // 1 promoter, 2 passives: NPS 33.33… → 33.3; Var = 1/3 − 1/9 = .2222; SE = √(.2222/3) = .2722; × 196 = 53.35
    { c: counts(1, 2, 0), n: 3, score: 33.3, margin: 53.3 },
    // 2 detractors, 1 passive: −66.67 → −66.7 (half away from zero); Var = 2/3 − 4/9 = .2222 → the same margin
    { c: counts(0, 1, 2), n: 3, score: -66.7, margin: 53.3 },
  ])('$c.promoters/$c.passives/$c.detractors → $score ± $margin', ({ c, n, score, margin }) => {
    expect(npsCell(c)).toEqual({ n, score, margin, ...c, smallBase: n < 30 });
  });

  it('no answers: no score and no margin', () => {
    expect(npsCell(counts(0, 0, 0))).toEqual({ n: 0, score: null, margin: null, promoters: 0, passives: 0, detractors: 0, smallBase: true });
  });

  // All promoters: p = 1, d = 0 → NPS 100; Var = 1 − 1² = 0 → margin 0 (the normal approximation's limit).
  it('all promoters: 100 ± 0', () => expect(npsCell(counts(40, 0, 0))).toMatchObject({ score: 100, margin: 0, smallBase: false }));
  it('all detractors: −100 ± 0', () => expect(npsCell(counts(0, 0, 40))).toMatchObject({ score: -100, margin: 0 }));
  // n = 1: one promoter is NPS 100 with Var 0; only the small-base flag tells the reader it means nothing.
  it('one answer: a score, margin 0, a small base', () => expect(npsCell(counts(1, 0, 0))).toMatchObject({ n: 1, score: 100, margin: 0, smallBase: true }));

  it('small base below 30 answers, not at 30', () => {
    expect(SMALL_BASE).toBe(30);
    expect(npsCell(counts(10, 10, 9)).smallBase).toBe(true);
    expect(npsCell(counts(10, 10, 10)).smallBase).toBe(false);
  });

  it('uses z = 1.959963984540054 exactly (50/30/20 unrounded: 15.3078)', () => {
    expect(Z_95 * Math.sqrt(0.61 / 100) * 100).toBeCloseTo(15.3078, 4);
    expect(Z_95).toBe(1.959963984540054);
  });

  it('the margin shrinks with √n: 10× the answers, a margin √100 = 10× smaller', () => {
    // 5/3/2: Var .61, SE = √(.61/10) = .2470 → 48.4; 500/300/200: SE = .0247 → 4.8
    expect(npsCell(counts(5, 3, 2)).margin).toBe(48.4);
    expect(npsCell(counts(500, 300, 200)).margin).toBe(4.8);
  });
});

describe('changeVs (NPS, period against the previous one)', () => {
  it.each([
    // 60/20/20 (NPS 40, Var .8 − .16 = .64) vs 40/30/30 (NPS 10, Var .69): SE = √(.0064 + .0069) = .1153;
    // z = .30 / .1153 = 2.60 > 1.96 → significant
    { name: '40 vs 10 on 100 each', cur: counts(60, 20, 20), prev: counts(40, 30, 30), previousScore: 10, delta: 30, significant: true },
    // 50/30/20 (NPS 30, Var .61) vs 45/30/25 (NPS 20, Var .7 − .04 = .66): SE = √(.0061 + .0066) = .1127;
    // z = .10 / .1127 = 0.89 → not significant
    { name: '30 vs 20 on 100 each', cur: counts(50, 30, 20), prev: counts(45, 30, 25), previousScore: 20, delta: 10, significant: false },
    // 50/30/20 (Var .61) vs 35/40/25 (NPS 10, Var .6 − .01 = .59): SE = √(.0061 + .0059) = .1095;
    // z = .20 / .1095 = 1.83 → a 20-point rise on 100 answers each is NOT significant
    { name: '+20 on 100 each', cur: counts(50, 30, 20), prev: counts(35, 40, 25), previousScore: 10, delta: 20, significant: false },
    // the same shares on 200 each: SE = √(.61/200 + .59/200) = .0775; z = .20 / .0775 = 2.58 → significant
    { name: '+20 on 200 each', cur: counts(100, 60, 40), prev: counts(70, 80, 50), previousScore: 10, delta: 20, significant: true },
    // a fall is tested two-sided: 40/30/30 vs 60/20/20 is −30, z = −2.60 → significant
    { name: 'a fall of 30', cur: counts(40, 30, 30), prev: counts(60, 20, 20), previousScore: 40, delta: -30, significant: true },
    // 25 all promoters vs 100 all detractors: delta 200 but the current period is a small base (n = 25 < 30)
    { name: 'small base now', cur: counts(25, 0, 0), prev: counts(0, 0, 100), previousScore: -100, delta: 200, significant: false },
    { name: 'small base before', cur: counts(0, 0, 100), prev: counts(29, 0, 0), previousScore: 100, delta: -200, significant: false },
    // all promoters in both: delta 0 and SE = √(0/40 + 0/50) = 0 → not significant
    { name: 'all promoters in both', cur: counts(40, 0, 0), prev: counts(50, 0, 0), previousScore: 100, delta: 0, significant: false },
    // SE = 0 with delta ≠ 0 and both bases ≥ 30 (30 of 30 promoters vs 30 of 30 detractors): significant (the rule in stats.ts)
    { name: 'unanimous and opposite, n = 30 each', cur: counts(30, 0, 0), prev: counts(0, 0, 30), previousScore: -100, delta: 200, significant: true },
    // n = 1 on each side: a small base, whatever the scores
    { name: 'n = 1 each', cur: counts(1, 0, 0), prev: counts(0, 0, 1), previousScore: -100, delta: 200, significant: false },
    // identical cells: delta 0, z = 0
    { name: 'no change', cur: counts(50, 30, 20), prev: counts(50, 30, 20), previousScore: 30, delta: 0, significant: false },
  ])('$name', ({ cur, prev, previousScore, delta, significant }) => {
    expect(changeVs(cur, prev)).toEqual({ previousScore, delta, significant });
  });

  it('zero answers in the previous period: no previous score, no delta, not significant', () => {
    expect(changeVs(counts(50, 30, 20), counts(0, 0, 0))).toEqual({ previousScore: null, delta: null, significant: false });
  });

  it('zero answers now: the previous score, no delta, not significant', () => {
    expect(changeVs(counts(0, 0, 0), counts(50, 30, 20))).toEqual({ previousScore: 30, delta: null, significant: false });
  });

  it('the delta is the difference of the reported scores: 1/2/0 (33.3) vs 0/2/1 (−33.3) is 66.6', () => {
    expect(changeVs(counts(1, 2, 0), counts(0, 2, 1))).toEqual({ previousScore: -33.3, delta: 66.6, significant: false });
  });
});

describe('vsRest (NPS, a group against the rest of its parent)', () => {
  // parent 100/50/50 minus group 60/20/20 = rest 40/30/30: as '40 vs 10 on 100 each' above → +30, significant
  it('a group far above the rest', () => expect(vsRest(counts(60, 20, 20), counts(100, 50, 50))).toEqual({ delta: 30, significant: true }));
  // parent 95/60/45 − group 50/30/20 = rest 45/30/25 → +10, z = 0.89
  it('a group a little above the rest', () => expect(vsRest(counts(50, 30, 20), counts(95, 60, 45))).toEqual({ delta: 10, significant: false }));
  it('a group that is its whole parent has no rest', () => expect(vsRest(counts(50, 30, 20), counts(50, 30, 20))).toEqual({ delta: null, significant: false }));
  it('an empty group', () => expect(vsRest(counts(0, 0, 0), counts(50, 30, 20))).toEqual({ delta: null, significant: false }));
  // group 29/0/0 (NPS 100) vs rest 0/0/100: delta 200, but n = 29 is a small base
  it('a small group is never significant', () => expect(vsRest(counts(29, 0, 0), counts(29, 0, 100))).toEqual({ delta: 200, significant: false }));
  it('a group larger than its parent is refused', () => expect(() => vsRest(counts(10, 0, 0), counts(5, 5, 5))).toThrow(RangeError));
});

describe('csatCell and cesCell', () => {
  // 3, 4, 5: mean 4; s² = (1 + 0 + 1) / 2 = 1; margin = 1.96 × √(1/3) = 1.13; top-two-box 2 of 3 = 66.7 %
  it('CSAT 3, 4, 5', () => {
    expect(csatCell([0, 0, 1, 1, 1])).toEqual({ n: 3, mean: 4, margin: 1.13, topTwoBox: 66.7, distribution: [0, 0, 1, 1, 1], smallBase: true });
  });

  // 5×1 5×2 10×3 30×4 50×5: mean 415/100 = 4.15; Σx² = 5 + 20 + 90 + 480 + 1250 = 1845;
  // s² = (1845 − 100 × 4.15²)/99 = 122.75/99 = 1.2399; margin = 1.96 × √(1.2399/100) = 0.218 → 0.22; top two 80 %
  it('CSAT on 100 answers', () => {
    expect(csatCell([5, 5, 10, 30, 50])).toEqual({ n: 100, mean: 4.15, margin: 0.22, topTwoBox: 80, distribution: [5, 5, 10, 30, 50], smallBase: false });
  });

  it('one answer: a mean, no margin (no sample variance)', () => {
    expect(csatCell([0, 0, 0, 0, 1])).toEqual({ n: 1, mean: 5, margin: null, topTwoBox: 100, distribution: [0, 0, 0, 0, 1], smallBase: true });
  });

  it('no answers', () => {
    expect(csatCell([0, 0, 0, 0, 0])).toEqual({ n: 0, mean: null, margin: null, topTwoBox: null, distribution: [0, 0, 0, 0, 0], smallBase: true });
    expect(cesCell(Array(7).fill(0))).toMatchObject({ n: 0, mean: null, margin: null, lowEffort: null });
  });

  // CES 10×1 and 30×7: mean (10 + 210)/40 = 5.5; Σ(x − 5.5)² = 10 × 20.25 + 30 × 2.25 = 270; s² = 270/39 = 6.923;
  // margin = 1.96 × √(6.923/40) = 0.815 → 0.82; low effort (5–7, 7 = easiest) = 30/40 = 75 %
  it('CES: 7 is the easiest, low effort is 5–7', () => {
    expect(CES_LOW_EFFORT).toEqual([5, 6, 7]);
    expect(cesCell([10, 0, 0, 0, 0, 0, 30])).toEqual({ n: 40, mean: 5.5, margin: 0.82, lowEffort: 75, distribution: [10, 0, 0, 0, 0, 0, 30], smallBase: false });
    // 4 (neutral) is not low effort; 5 is
    expect(cesCell([0, 0, 0, 1, 1, 0, 0]).lowEffort).toBe(50);
  });

  it('refuses a histogram of the wrong scale', () => {
    expect(() => csatCell([1, 2, 3])).toThrow(RangeError);
    expect(() => cesCell([0, 0, 0, 0, 1])).toThrow(RangeError);
  });

  it('does not share the caller’s array', () => {
    const histogram = [0, 0, 1, 1, 1];
    const cell = csatCell(histogram);
    histogram[0] = 9;
    expect(cell.distribution).toEqual([0, 0, 1, 1, 1]);
  });
});

describe('meanChangeVs and meanVsRest (CSAT/CES, Welch-style z)', () => {
  const now = [5, 5, 10, 30, 50]; // mean 4.15, s² = 1.2399, n 100
  // before: 10×1 10×2 20×3 30×4 30×5: mean 360/100 = 3.6; Σx² = 1460; s² = (1460 − 1296)/99 = 1.6566
  // SE = √(1.2399/100 + 1.6566/100) = .1702; z = .55/.1702 = 3.23 → significant
  it('4.15 vs 3.60 on 100 each is significant', () => {
    expect(meanChangeVs('csat', now, [10, 10, 20, 30, 30])).toEqual({ previousScore: 3.6, delta: 0.55, significant: true });
  });
  // before: 5/5/15/30/45: mean 4.05; Σx² = 1765; s² = (1765 − 1640.25)/99 = 1.2601;
  // SE = √(.012399 + .012601) = √.025 = .1581; z = .10/.1581 = 0.63 → not significant
  it('4.15 vs 4.05 on 100 each is not', () => {
    expect(meanChangeVs('csat', now, [5, 5, 15, 30, 45])).toEqual({ previousScore: 4.05, delta: 0.1, significant: false });
  });
  it('all 5s in both: delta 0, SE 0, not significant', () => {
    expect(meanChangeVs('csat', [0, 0, 0, 0, 30], [0, 0, 0, 0, 40])).toEqual({ previousScore: 5, delta: 0, significant: false });
  });
  it('all 5s vs all 4s, 30 each: SE 0 and delta 1 → significant', () => {
    expect(meanChangeVs('csat', [0, 0, 0, 0, 30], [0, 0, 0, 30, 0])).toEqual({ previousScore: 4, delta: 1, significant: true });
  });
  it('n = 1 before: a small base', () => {
    expect(meanChangeVs('csat', now, [1, 0, 0, 0, 0])).toEqual({ previousScore: 1, delta: 3.15, significant: false });
  });
  it('zero answers before', () => {
    expect(meanChangeVs('ces', Array(7).fill(3), Array(7).fill(0))).toEqual({ previousScore: null, delta: null, significant: false });
  });
  it('a group against the rest: parent = group + the 3.6 sample above', () => {
    expect(meanVsRest('csat', now, [15, 15, 30, 60, 80])).toEqual({ delta: 0.55, significant: true });
    expect(meanVsRest('csat', now, now)).toEqual({ delta: null, significant: false });
    expect(() => meanVsRest('csat', now, [0, 0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('firstContactPercentiles', () => {
  const buckets = (entries: Record<number, number>) => {
    const h: number[] = Array(FIRST_CONTACT_BUCKETS.length + 1).fill(0);
    for (const [i, count] of Object.entries(entries)) h[Number(i)] = count;
    return h;
  };

  // 2 in 0–5 min, 2 in 5–15: p50 at rank .5 × 4 = 2 → end of bucket 0 = 5;
  // p90 at rank 3.6 → bucket 1, (3.6 − 2)/2 = .8 of the way: 5 + .8 × 10 = 13
  it('interpolates inside a bucket', () => expect(firstContactPercentiles(buckets({ 0: 2, 1: 2 }))).toEqual({ p50: 5, p90: 13 }));

  // 4 in 15–30, 4 in 30–60, 2 above 2880: p50 rank 5 → bucket 3, 1/4 in: 30 + 30/4 = 37.5; p90 rank 9 → the open bucket → 2880
  it('the open last bucket reports its lower bound', () => {
    expect(firstContactPercentiles(buckets({ 2: 4, 3: 4, 9: 2 }))).toEqual({ p50: 37.5, p90: 2880 });
  });

  // one contact in 0–5: p50 rank .5 → 2.5; p90 rank .9 → 4.5
  it('one contact', () => expect(firstContactPercentiles(buckets({ 0: 1 }))).toEqual({ p50: 2.5, p90: 4.5 }));

  // 10 in 60–120: p50 rank 5 → 60 + .5 × 60 = 90; p90 rank 9 → 60 + .9 × 60 = 114
  it('skips empty buckets', () => expect(firstContactPercentiles(buckets({ 4: 10 }))).toEqual({ p50: 90, p90: 114 }));

  it('null with no contacts', () => expect(firstContactPercentiles(buckets({}))).toEqual({ p50: null, p90: null }));
  it('refuses a histogram of another layout', () => expect(() => firstContactPercentiles([1, 2])).toThrow(RangeError));
  it('takes other bounds', () => expect(firstContactPercentiles([1, 1, 0], [10, 20])).toEqual({ p50: 10, p90: 18 }));
});

describe('properties', () => {
  const bandCounts = fc.record({ promoters: fc.nat(300), passives: fc.nat(300), detractors: fc.nat(300) });
  const histogram = (size: number) => fc.array(fc.nat(200), { minLength: size, maxLength: size });

  it('an NPS is within −100…100 and its margin is ≥ 0; both null exactly when n = 0', () => {
    fc.assert(fc.property(bandCounts, (c) => {
      const cell = npsCell(c);
      if (cell.n === 0) return cell.score === null && cell.margin === null;
      return cell.score !== null && cell.score >= -100 && cell.score <= 100 && cell.margin !== null && cell.margin >= 0;
    }));
  });

  it('swapping the periods negates the delta and keeps the significance', () => {
    fc.assert(fc.property(bandCounts, bandCounts, (a, b) => {
      const ab = changeVs(a, b);
      const ba = changeVs(b, a);
      expect(ab.significant).toBe(ba.significant);
      if (ab.delta === null) expect(ba.delta).toBeNull();
      else expect(ab.delta + (ba.delta ?? Number.NaN)).toBe(0);
    }));
  });

  it('never significant with a small base', () => {
    const small = fc.record({ promoters: fc.nat(9), passives: fc.nat(9), detractors: fc.nat(9) });
    fc.assert(fc.property(small, bandCounts, (a, b) => !changeVs(a, b).significant && !changeVs(b, a).significant));
  });

  it('a group against the rest is the group against parent − group', () => {
    fc.assert(fc.property(bandCounts, bandCounts, (group, rest) => {
      const parent = counts(group.promoters + rest.promoters, group.passives + rest.passives, group.detractors + rest.detractors);
      const { delta, significant } = changeVs(group, rest);
      expect(vsRest(group, parent)).toEqual({ delta, significant });
    }));
  });

  it('means: within the scale, margin ≥ 0, swapping negates the delta and keeps the significance', () => {
    fc.assert(fc.property(histogram(5), histogram(5), (a, b) => {
      const cell = csatCell(a);
      if (cell.mean !== null) expect(cell.mean >= 1 && cell.mean <= 5).toBe(true);
      if (cell.margin !== null) expect(cell.margin).toBeGreaterThanOrEqual(0);
      const ab = meanChangeVs('csat', a, b);
      const ba = meanChangeVs('csat', b, a);
      expect(ab.significant).toBe(ba.significant);
      if (ab.delta === null) expect(ba.delta).toBeNull();
      else expect(ab.delta + (ba.delta ?? Number.NaN)).toBe(0);
    }));
  });

  it('percentiles are ordered and within the bounds', () => {
    fc.assert(fc.property(histogram(FIRST_CONTACT_BUCKETS.length + 1), (h) => {
      const { p50, p90 } = firstContactPercentiles(h);
      if (p50 === null || p90 === null) return h.every((c) => c === 0);
      return p50 >= 0 && p50 <= p90 && p90 <= FIRST_CONTACT_BUCKETS[FIRST_CONTACT_BUCKETS.length - 1];
    }));
  });
});
