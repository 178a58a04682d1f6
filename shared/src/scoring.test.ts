import { meanSummary, npsBand, npsSummary, topTwoBoxShare } from './scoring';

describe('npsBand', () => {
  it.each([
    [0, 'detractor'], [6, 'detractor'], [7, 'passive'], [8, 'passive'], [9, 'promoter'], [10, 'promoter'],
  ] as const)('%i is a %s', (score, band) => expect(npsBand(score)).toBe(band));

  it.each([-1, 11, 6.5, Number.NaN])('refuses %p', (score) => expect(() => npsBand(score)).toThrow(RangeError));
});

describe('npsSummary', () => {
  it('is empty with no answers', () => {
    expect(npsSummary({ promoters: 0, passives: 0, detractors: 0 })).toEqual({ n: 0, nps: null, marginOfError: null });
  });

  // Hand-worked: p = .5, d = .2, n = 100 → NPS 30; Var = (.25 + .16 + .2)/100 = .0061; 1.96 × √.0061 × 100 = 15.31
  it('50/30/20 of 100: NPS 30 ± 15.31', () => {
    const s = npsSummary({ promoters: 50, passives: 30, detractors: 20 });
    expect(s.n).toBe(100);
    expect(s.nps).toBeCloseTo(30, 10);
    expect(s.marginOfError).toBeCloseTo(15.31, 2);
  });

  // p = .6, d = .15, n = 200 → NPS 45; Var = (.24 + .1275 + .18)/200 = .0027375; 1.96 × .05232 × 100 = 10.25
  it('120/50/30 of 200: NPS 45 ± 10.25', () => {
    const s = npsSummary({ promoters: 120, passives: 50, detractors: 30 });
    expect(s.nps).toBeCloseTo(45, 10);
    expect(s.marginOfError).toBeCloseTo(10.25, 2);
  });

  it('all promoters: NPS 100 with no spread', () => {
    expect(npsSummary({ promoters: 10, passives: 0, detractors: 0 })).toEqual({ n: 10, nps: 100, marginOfError: 0 });
  });

  it('all detractors: NPS −100', () => {
    expect(npsSummary({ promoters: 0, passives: 0, detractors: 4 }).nps).toBe(-100);
  });

  it('the margin shrinks with √n', () => {
    const small = npsSummary({ promoters: 5, passives: 3, detractors: 2 }).marginOfError!;
    const large = npsSummary({ promoters: 500, passives: 300, detractors: 200 }).marginOfError!;
    expect(small / large).toBeCloseTo(10, 6);
  });
});

describe('meanSummary', () => {
  it('CSAT 4, 5, 3 → mean 4 ± 1.96·√(1/3)', () => {
    const s = meanSummary(12, 16 + 25 + 9, 3);
    expect(s.mean).toBe(4);
    expect(s.marginOfError).toBeCloseTo(1.959964 * Math.sqrt(1 / 3), 5);
  });
  it('one answer has a mean and no margin', () => expect(meanSummary(5, 25, 1)).toEqual({ n: 1, mean: 5, marginOfError: null }));
  it('none has neither', () => expect(meanSummary(0, 0, 0)).toEqual({ n: 0, mean: null, marginOfError: null }));
});

describe('topTwoBoxShare', () => {
  it('3 of 4 satisfied is 75%', () => expect(topTwoBoxShare(3, 4)).toBe(75));
  it('is null with no answers', () => expect(topTwoBoxShare(0, 0)).toBeNull());
});
