import { roxFigures } from './insight-rox'
import { loopMetric, outcomesMetric } from './testing/insight-fixtures'

describe('the experience in money (ROX)', () => {
  it('prices a detractor at the repeat-rate gap times the mean order value, and the loop’s recoveries at that', () => {
    // By hand: promoters 62 % repeat within 90 days, detractors 35 % → gap 27 points;
    // × ¥128.00 mean order = ¥34.56 at risk per detractor; 12 recovered × ¥34.56 = ¥414.72.
    const rox = roxFigures(outcomesMetric(), loopMetric())
    if (typeof rox === 'string') throw new Error(rox)
    expect(rox.gap).toBeCloseTo(0.27, 10)
    expect(rox.atRiskPerDetractorFen).toBeCloseTo(3456, 6)
    expect(rox.recovered).toBe(12)
    expect(rox.wonBackFen).toBeCloseTo(41_472, 6)
    expect(rox.smallBase).toBe(false)
  })

  it('puts nothing at risk when promoters do not buy again more often, and flags small bases', () => {
    const flat = outcomesMetric({
      repeatPurchase: [
        { npsBand: 'promoter', customers: 20, repeatRate30d: 0.1, repeatRate90d: 0.3 },
        { npsBand: 'detractor', customers: 40, repeatRate30d: 0.1, repeatRate90d: 0.4 },
      ],
    })
    const rox = roxFigures(flat, loopMetric())
    if (typeof rox === 'string') throw new Error(rox)
    expect(rox.gap).toBeCloseTo(-0.1, 10)
    expect(rox.atRiskPerDetractorFen).toBe(0)
    expect(rox.wonBackFen).toBe(0)
    expect(rox.smallBase).toBe(true)
  })

  it('says what is missing rather than make a figure up', () => {
    expect(roxFigures(outcomesMetric({ repeatPurchase: [] }), loopMetric())).toBe('no-repeat-data')
    expect(roxFigures(outcomesMetric({ repeatPurchase: [{ npsBand: 'promoter', customers: 0, repeatRate30d: null, repeatRate90d: null }, { npsBand: 'detractor', customers: 5, repeatRate30d: 0, repeatRate90d: 0 }] }), loopMetric())).toBe('no-repeat-data')
    expect(roxFigures(outcomesMetric({ meanOrderValueFen: null }), loopMetric())).toBe('no-order-value')
    expect(roxFigures(outcomesMetric({ meanOrderValueFen: 0 }), loopMetric())).toBe('no-order-value')
    // No loop figures (a staff member's level): nothing said about what was won back; the value at risk still stands.
    const rox = roxFigures(outcomesMetric(), undefined)
    expect(typeof rox !== 'string' && [rox.atRiskPerDetractorFen, rox.recovered, rox.wonBackFen]).toEqual([expect.closeTo(3456, 6), null, null])
  })
})
