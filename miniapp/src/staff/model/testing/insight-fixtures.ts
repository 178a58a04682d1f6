import { ZCsatMetric, ZLoopMetric, ZNpsMetric, ZOutcomesMetric, ZReasonsMetric, ZThemesMetric, type CsatMetric, type LoopMetric, type NpsMetric, type OutcomesMetric, type ReasonsMetric, type ThemesMetric } from '../insight-contract'

/** Dashboard fixtures, each parsed through the contract's schema (never cast). Not imported by the app. */

type Counts = { promoters: number; passives: number; detractors: number }

/**
 * An NPS cell as the API computes it (DESIGN.md): score in points, 95 % margin
 * (Var = p + d − (p − d)², SE = √(Var / n)), small base under 30.
 */
export function npsCell({ promoters, passives, detractors }: Counts, extra: Record<string, unknown> = {}) {
  const n = promoters + passives + detractors
  const p = n ? promoters / n : 0
  const d = n ? detractors / n : 0
  const score = n ? Math.round((p - d) * 1000) / 10 : null
  const margin = n ? 1.959963984540054 * Math.sqrt((p + d - (p - d) ** 2) / n) * 100 : null
  return { n, score, margin, promoters, passives, detractors, smallBase: n < 30, change: { previousScore: null, delta: null, significant: false }, vsRest: { delta: null, significant: false }, ...extra }
}

export function npsMetric(total: ReturnType<typeof npsCell>, groups: (ReturnType<typeof npsCell> & { key: string; label: unknown })[] = [], range = { from: '2026-11-06', to: '2026-12-03' }): NpsMetric {
  return ZNpsMetric.parse({ metric: 'nps', ...range, total, groups })
}

export function csatMetric(overrides: Record<string, unknown> = {}): CsatMetric {
  return ZCsatMetric.parse({
    metric: 'csat',
    from: '2026-11-06',
    to: '2026-12-03',
    total: { n: 40, mean: 4.3, topTwoBox: 82.5, margin: 0.214, distribution: [1, 1, 5, 13, 20], smallBase: false, change: { delta: 0.1, significant: false }, vsRest: null, ...overrides },
    groups: [],
  })
}

export function reasonsMetric(): ReasonsMetric {
  return ZReasonsMetric.parse({
    items: [
      { reasonId: 'staff_attitude', label: { 'zh-CN': '服务态度差', en: 'Unfriendly staff' }, band: 'detractor', count: 3, share: 30 },
      { reasonId: 'long_wait', label: { 'zh-CN': '排队时间长', en: 'Long wait' }, band: 'detractor', count: 7, share: 70 },
      { reasonId: 'friendly_staff', label: { 'zh-CN': '店员热情', en: 'Friendly staff' }, band: 'promoter', count: 12, share: 40 },
    ],
  })
}

export function themesMetric(): ThemesMetric {
  return ZThemesMetric.parse({
    items: [
      { theme: 'staff_friendly', label: { 'zh-CN': '店员态度好', en: 'Friendly staff' }, count: 9, share: 15, nps: 77.8, impact: -2.1, examples: [{ responseId: 'r1', comment: '店员态度好' }] },
      {
        theme: 'queue',
        label: { 'zh-CN': '排队', en: 'Queues' },
        count: 12,
        share: 20,
        nps: -41.7,
        impact: 6.3,
        examples: [
          { responseId: 'r2', comment: '排队太久' },
          { responseId: 'r3', comment: '收银慢，排了二十分钟' },
          { responseId: 'r4', comment: '人太多' },
        ],
      },
    ],
  })
}

export function loopMetric(overrides: Record<string, unknown> = {}): LoopMetric {
  return ZLoopMetric.parse({
    detractors: 20,
    tasksCreated: 20,
    contacted: 18,
    firstContactMinutes: { p50: 42, p90: 125 },
    slaMetRate: 0.85,
    resolved: 15,
    recovery: { resurveyed: 15, recovered: 12, scoreBefore: 3.2, scoreAfter: 8.1 },
    ...overrides,
  })
}

/** Promoters bought again within 90 days 62 % of the time, detractors 35 %; mean order ¥128. */
export function outcomesMetric(overrides: Record<string, unknown> = {}): OutcomesMetric {
  return ZOutcomesMetric.parse({
    byOrderValue: [
      { band: 'ge500', n: 12, score: 50 },
      { band: 'lt50', n: 80, score: 10.5 },
      { band: '100to200', n: 60, score: 35 },
    ],
    repeatPurchase: [
      { npsBand: 'promoter', customers: 100, repeatRate30d: 0.3, repeatRate90d: 0.62 },
      { npsBand: 'passive', customers: 50, repeatRate30d: 0.2, repeatRate90d: 0.5 },
      { npsBand: 'detractor', customers: 40, repeatRate30d: 0.1, repeatRate90d: 0.35 },
    ],
    meanOrderValueFen: 12_800,
    ...overrides,
  })
}
