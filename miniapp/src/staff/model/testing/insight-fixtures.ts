import {
  npsCell as npsStats,
  ZCsatResponse,
  ZInvitationFigures,
  ZLoopResponse,
  ZNpsResponse,
  ZOutcomesResponse,
  ZReasonsResponse,
  ZThemesResponse,
  type BandCounts,
  type CsatResponse,
  type LoopResponse,
  type NpsCell,
  type NpsResponse,
  type OutcomesResponse,
  type ReasonsResponse,
  type ThemesResponse,
} from '@xinsheng/shared'

/** Dashboard fixtures, each parsed through the shared insight schemas (never cast). Not imported by the app. */

/** An NPS cell as the API builds it (shared insight stats: score, margin, small base), with its comparisons. */
export function npsOf(counts: BandCounts, comparisons: Partial<Pick<NpsCell, 'change' | 'vsRest'>> = {}): NpsCell {
  return { ...npsStats(counts), change: { previousScore: null, delta: null, significant: false }, vsRest: null, ...comparisons }
}

export function npsMetric(total: NpsCell, groups: (NpsCell & { key: string; label: string })[] = [], range = { from: '2026-11-06', to: '2026-12-03' }): NpsResponse {
  return ZNpsResponse.parse({ metric: 'nps', ...range, total, groups })
}

export function csatMetric(overrides: Record<string, unknown> = {}): CsatResponse {
  return ZCsatResponse.parse({
    metric: 'csat',
    from: '2026-11-06',
    to: '2026-12-03',
    total: { n: 40, mean: 4.3, topTwoBox: 82.5, margin: 0.214, distribution: [1, 1, 5, 13, 20], smallBase: false, change: { previousScore: 4.2, delta: 0.1, significant: false }, vsRest: null, ...overrides },
    groups: [],
  })
}

export function reasonsMetric(): ReasonsResponse {
  return ZReasonsResponse.parse({
    items: [
      { reasonId: 'staff_attitude', label: { 'zh-CN': '服务态度差', en: 'Unfriendly staff' }, band: 'detractor', count: 3, share: 30 },
      { reasonId: 'long_wait', label: { 'zh-CN': '排队时间长', en: 'Long wait' }, band: 'detractor', count: 7, share: 70 },
      { reasonId: 'friendly_staff', label: { 'zh-CN': '店员热情', en: 'Friendly staff' }, band: 'promoter', count: 12, share: 40 },
    ],
  })
}

export function themesMetric(): ThemesResponse {
  return ZThemesResponse.parse({
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

export function loopMetric(overrides: Record<string, unknown> = {}): LoopResponse {
  return ZLoopResponse.parse({
    detractors: 20,
    tasksCreated: 20,
    contacted: 18,
    firstContactMinutes: { p50: 42, p90: 125 },
    slaMetRate: 0.85,
    resolved: 15,
    recovery: { resurveyed: 15, recovered: 12, scoreBefore: 3.2, scoreAfter: 8.1 },
    invitations: invitationsMetric(),
    ...overrides,
  })
}

/** Subscribe messages 400 sent, 240 opened, 100 answered (25 %); SMS 200 / 60 / 18 (9 %); no receipts. In total 118 / 600. */
export function invitationsMetric(overrides: Record<string, unknown> = {}) {
  return ZInvitationFigures.parse({
    byChannel: [
      { channel: 'subscribe_message', sent: 400, opened: 240, answered: 100, responseRate: 0.25, openRate: 0.6 },
      { channel: 'sms', sent: 200, opened: 60, answered: 18, responseRate: 0.09, openRate: 0.3 },
      { channel: 'receipt', sent: 0, opened: 0, answered: 0, responseRate: null, openRate: null },
    ],
    total: { sent: 600, opened: 300, answered: 118, responseRate: 118 / 600 },
    ...overrides,
  })
}

/** Promoters bought again within 90 days 62 % of the time, detractors 35 %; mean order ¥128. */
export function outcomesMetric(overrides: Record<string, unknown> = {}): OutcomesResponse {
  return ZOutcomesResponse.parse({
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
