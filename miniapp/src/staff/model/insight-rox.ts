import type { LoopResponse, OutcomesResponse } from '@xinsheng/shared'

/**
 * The experience in money (ROX), from the outcomes (X-data × O-data) and the loop:
 *  - revenue at risk per detractor = (promoters' repeat rate − detractors' repeat rate) × mean order value:
 *    what a customer who leaves unhappy buys less, over the window, than one who leaves a promoter;
 *  - what the loop won back = recovered detractors × that value.
 * Assumptions (the page writes them beside the figure): the 90-day repeat window; a recovered
 * detractor buys again like a promoter; one order value, the period's mean. No Taro here.
 */

/** Below this many customers in either band the rates are too shaky to price (the same rule as an NPS cell). */
export const ROX_SMALL_BASE = 30

export interface RoxFigures {
  promoterRate: number
  detractorRate: number
  promoterCustomers: number
  detractorCustomers: number
  /** promoterRate − detractorRate (0–1; may be ≤ 0, then nothing is at risk). */
  gap: number
  meanOrderValueFen: number
  /** gap × mean order value, in fen (unrounded; formatting rounds). 0 when the gap is not positive. */
  atRiskPerDetractorFen: number
  /** Recovered detractors of the period; null without loop figures (a staff member's level). */
  recovered: number | null
  /** recovered × atRiskPerDetractorFen, in fen; null without loop figures. */
  wonBackFen: number | null
  /** Either band has fewer than ROX_SMALL_BASE customers: shown, greyed and labelled, like a small NPS base. */
  smallBase: boolean
}

export type RoxMissing = 'no-repeat-data' | 'no-order-value'

export function roxFigures(outcomes: Pick<OutcomesResponse, 'repeatPurchase' | 'meanOrderValueFen'>, loop: Pick<LoopResponse, 'recovery'> | undefined): RoxFigures | RoxMissing {
  const promoter = outcomes.repeatPurchase.find((r) => r.npsBand === 'promoter')
  const detractor = outcomes.repeatPurchase.find((r) => r.npsBand === 'detractor')
  if (!promoter || !detractor || promoter.repeatRate90d === null || detractor.repeatRate90d === null || !promoter.customers || !detractor.customers) return 'no-repeat-data'
  const mean = outcomes.meanOrderValueFen
  if (mean === null || !(mean > 0)) return 'no-order-value'
  const gap = promoter.repeatRate90d - detractor.repeatRate90d
  const atRiskPerDetractorFen = gap > 0 ? gap * mean : 0
  const recovered = loop ? loop.recovery.recovered : null
  return {
    promoterRate: promoter.repeatRate90d,
    detractorRate: detractor.repeatRate90d,
    promoterCustomers: promoter.customers,
    detractorCustomers: detractor.customers,
    gap,
    meanOrderValueFen: mean,
    atRiskPerDetractorFen,
    recovered,
    wonBackFen: recovered === null ? null : recovered * atRiskPerDetractorFen,
    smallBase: promoter.customers < ROX_SMALL_BASE || detractor.customers < ROX_SMALL_BASE,
  }
}
