import { AMOUNT_BANDS, SMALL_BASE, type CsatResponse, type Locale, type LocalizedText, type LoopResponse, type NpsResponse, type OutcomesResponse, type ReasonsResponse, type ScoreBand, type ThemesResponse } from '@xinsheng/shared'
import { ARROWS, decimal, grouped, minutesText, percent, percentText, significanceDirection, signed, yuan, type Direction } from './insight-format'
import { roxFigures } from './insight-rox'
import { canDrill, type ScopeLevel } from './insight-scope'
import type { DashboardTexts } from './i18n/dashboard-texts'

/**
 * The dashboard's view-model: the API's answers turned into what each card, row and bar shows,
 * text equivalents included, so the UI only lays it out. Pure; no Taro. Statistics (margins,
 * significance, small bases) are the API's (shared/ domain code): this only formats them.
 */

export const BANDS: readonly ScoreBand[] = ['detractor', 'passive', 'promoter']

/** A label as the API sends it: a name (a store, a region) or a zh-CN/en pair (a reason, a theme). */
export function labelText(label: string | LocalizedText | undefined, locale: Locale, fallback = ''): string {
  if (label === undefined) return fallback
  return typeof label === 'string' ? label : label[locale]
}

/** An arrow only when significant; always a text that says what it means (the arrow's label, or "no significant change"). */
export interface Significance {
  direction: Direction
  glyph?: string
  label: string
}

export function changeSignificance(change: NpsResponse['total']['change'], t: DashboardTexts): Significance {
  const direction = significanceDirection(change)
  if (direction !== 'none' && change?.delta != null) {
    const delta = signed(change.delta)
    return { direction, glyph: ARROWS[direction], label: direction === 'up' ? t.change.up(delta) : t.change.down(delta) }
  }
  const noPrevious = !change || change.previousScore === null || change.delta === null
  return { direction: 'none', label: noPrevious ? t.change.noPrevious : t.change.none }
}

export function vsRestSignificance(vsRest: NpsResponse['total']['vsRest'], t: DashboardTexts): Significance {
  const direction = significanceDirection(vsRest)
  if (direction === 'none' || vsRest?.delta == null) return { direction: 'none', label: t.vsRest.none }
  const delta = signed(vsRest.delta)
  return { direction, glyph: ARROWS[direction], label: direction === 'up' ? t.vsRest.above(delta) : t.vsRest.below(delta) }
}

export interface KpiView {
  id: 'nps' | 'csat' | 'response-rate' | 'open-tasks' | 'sla'
  title: string
  /** The headline figure ("62.5"); t.noData when there is none. */
  value: string
  /** "± 21.6" beside the figure. */
  margin?: string
  /** The line under it (n, a share, what it counts). */
  detail?: string
  smallBase: boolean
  significance?: Significance
  /** Lines listed under the figure: the response rate per channel. */
  items?: { id: string; label: string; value: string; detail: string }[]
  /** A footnote under the lines (how a receipt counts as sent). */
  note?: string
  /** One sentence saying all of it, for a screen reader. */
  accessibleName: string
}

/** What a KPI shows when there is no rate because nothing was sent (not "no data": zero invitations is a fact). */
export const NOTHING_SENT = '—'

/**
 * Response rate: answered / sent of the period, in total and per channel that sent anything (the
 * API counts each on its own day: answered-in-period over sent-in-period). Nothing sent: "—" and a
 * sentence saying so. No loop figures (not read, or a staff member's level): no data.
 */
export function responseRateCard(loop: LoopResponse | undefined, t: DashboardTexts): KpiView {
  const title = t.kpi.responseRate
  const invitations = loop?.invitations
  if (!invitations) return { id: 'response-rate', title, value: t.noData, smallBase: false, accessibleName: `${title} ${t.noData}` }
  const { total } = invitations
  if (total.sent === 0 || total.responseRate === null) {
    return { id: 'response-rate', title, value: NOTHING_SENT, detail: t.kpi.nothingSent, smallBase: false, accessibleName: `${title}${t.sep}${t.kpi.nothingSent}` }
  }
  const value = percent(total.responseRate)
  const detail = t.kpi.responseRateDetail(grouped(total.answered), grouped(total.sent))
  const items = invitations.byChannel
    .filter((c) => c.sent > 0 && c.responseRate !== null)
    .map((c) => ({ id: c.channel, label: t.kpi.channels[c.channel], value: percent(c.responseRate ?? 0), detail: `${grouped(c.answered)}/${grouped(c.sent)}` }))
  const note = items.some((i) => i.id === 'receipt') ? t.kpi.receiptScanned : undefined
  const spoken = items.map((i) => t.kpi.channelRate(i.label, i.value, i.detail))
  return {
    id: 'response-rate',
    title,
    value,
    detail,
    items,
    note,
    smallBase: false,
    accessibleName: [`${title} ${value}`, detail, ...spoken, ...(note ? [note] : [])].join(t.sep),
  }
}

/** The KPI cards, in DESIGN.md's order: NPS, CSAT, response rate, open tasks, SLA hit rate. */
export function kpiCards(data: { nps?: NpsResponse; csat?: CsatResponse; loop?: LoopResponse }, t: DashboardTexts): KpiView[] {
  const cards: KpiView[] = []
  const nps = data.nps?.total
  if (nps && nps.n > 0 && nps.score !== null) {
    const significance = changeSignificance(nps.change, t)
    const margin = nps.margin === null ? undefined : `± ${decimal(nps.margin)}`
    const detail = `${t.n(grouped(nps.n))}${nps.smallBase ? ` · ${t.smallBase}` : ''}`
    cards.push({
      id: 'nps',
      title: t.kpi.nps,
      value: decimal(nps.score),
      margin,
      detail,
      smallBase: nps.smallBase,
      significance,
      accessibleName: [`${t.kpi.nps} ${margin ? t.kpi.valueWithMargin(decimal(nps.score), decimal(nps.margin ?? 0)) : decimal(nps.score)}`, detail, significance.label].join(t.sep),
    })
  } else {
    cards.push({ id: 'nps', title: t.kpi.nps, value: t.noData, smallBase: false, accessibleName: `${t.kpi.nps} ${t.noData}` })
  }

  const csat = data.csat?.total
  if (csat && csat.n > 0 && csat.mean !== null) {
    const margin = csat.margin === null ? undefined : `± ${decimal(csat.margin, 2)}`
    const parts = [csat.topTwoBox != null ? t.kpi.csatDetail(percentText(csat.topTwoBox)) : undefined, t.n(grouped(csat.n)), csat.smallBase ? t.smallBase : undefined].filter(Boolean)
    const detail = parts.join(' · ')
    cards.push({
      id: 'csat',
      title: t.kpi.csat,
      value: decimal(csat.mean, 2),
      margin,
      detail,
      smallBase: csat.smallBase,
      accessibleName: `${t.kpi.csat} ${margin ? t.kpi.valueWithMargin(decimal(csat.mean, 2), decimal(csat.margin ?? 0, 2)) : decimal(csat.mean, 2)}${t.sep}${detail}`,
    })
  } else {
    cards.push({ id: 'csat', title: t.kpi.csat, value: t.noData, smallBase: false, accessibleName: `${t.kpi.csat} ${t.noData}` })
  }

  const loop = data.loop
  cards.push(responseRateCard(loop, t))
  if (loop) {
    const open = Math.max(0, loop.tasksCreated - loop.resolved)
    const detail = t.kpi.openTasksDetail(grouped(loop.tasksCreated))
    cards.push({ id: 'open-tasks', title: t.kpi.openTasks, value: grouped(open), detail, smallBase: false, accessibleName: `${t.kpi.openTasks} ${grouped(open)}${t.sep}${detail}` })
    const sla = loop.slaMetRate === null ? t.noData : percent(loop.slaMetRate)
    cards.push({ id: 'sla', title: t.kpi.sla, value: sla, detail: t.kpi.slaDetail, smallBase: false, accessibleName: `${t.kpi.sla} ${sla}${t.sep}${t.kpi.slaDetail}` })
  } else {
    for (const [id, title] of [['open-tasks', t.kpi.openTasks], ['sla', t.kpi.sla]] as const) cards.push({ id, title, value: t.noData, smallBase: false, accessibleName: `${title} ${t.noData}` })
  }
  return cards
}

export interface LeagueRowView {
  key: string
  name: string
  n: number
  nText: string
  scoreText: string
  marginText?: string
  smallBase: boolean
  vsRest: Significance
  drillable: boolean
  accessibleName: string
}

/**
 * The table of the level below (regions, stores, staff, touchpoints): by NPS, highest first, with
 * the small bases after the others (a store with 3 answers does not top the league), then the
 * groups with no answers.
 */
export function leagueRows(metric: NpsResponse, level: ScopeLevel, t: DashboardTexts, locale: Locale): LeagueRowView[] {
  const rank = (g: NpsResponse['groups'][number]) => (g.score === null || g.n === 0 ? 2 : g.smallBase ? 1 : 0)
  const sorted = [...metric.groups].sort((a, b) => rank(a) - rank(b) || (b.score ?? 0) - (a.score ?? 0) || b.n - a.n || a.key.localeCompare(b.key))
  return sorted.map((g) => {
    const name = labelText(g.label, locale, g.key) || g.key
    const scoreText = g.score === null ? t.noData : decimal(g.score)
    const marginText = g.margin === null || g.score === null ? undefined : `± ${decimal(g.margin)}`
    const vsRest = vsRestSignificance(g.vsRest, t)
    const nText = grouped(g.n)
    const parts = [
      name,
      t.n(nText),
      `${t.table.nps} ${marginText ? t.kpi.valueWithMargin(scoreText, decimal(g.margin ?? 0)) : scoreText}`,
      g.smallBase ? t.smallBaseNote : undefined,
      vsRest.direction === 'none' ? undefined : vsRest.label,
    ].filter(Boolean)
    return { key: g.key, name, n: g.n, nText, scoreText, marginText, smallBase: g.smallBase, vsRest, drillable: canDrill(level), accessibleName: parts.join(t.sep) }
  })
}

export interface TrendBarView {
  key: string
  axisLabel: string
  score: number | null
  /** Share (0–100) of the half-chart the bar fills, above the zero line when `above`. */
  heightPct: number
  above: boolean
  smallBase: boolean
  valueText: string
  accessibleText: string
}

export interface TrendView {
  bars: TrendBarView[]
  /** The chart spans −scaleMax…+scaleMax points. */
  scaleMax: number
  scaleText: string
}

/** A round top for the chart: the largest |NPS| up to the next 10 points, at least 10, at most 100. */
export function trendScale(scores: readonly (number | null)[]): number {
  const max = Math.max(0, ...scores.map((s) => (s === null ? 0 : Math.abs(s))))
  return Math.min(100, Math.max(10, Math.ceil(max / 10) * 10))
}

function axisLabel(key: string, label: string): string {
  const day = /^\d{4}-(\d{2}-\d{2})$/.exec(label || key)
  return day ? day[1] : label || key
}

/** NPS by day / week / month, oldest first, as bars around a zero line; small bases greyed. */
export function trendView(metric: NpsResponse, t: DashboardTexts, locale: Locale): TrendView {
  const groups = [...metric.groups].sort((a, b) => a.key.localeCompare(b.key))
  const scaleMax = trendScale(groups.map((g) => (g.n > 0 ? g.score : null)))
  const bars = groups.map((g) => {
    const when = labelText(g.label, locale, g.key) || g.key
    const score = g.n > 0 ? g.score : null
    const valueText = score === null ? t.noData : g.margin === null ? decimal(score) : t.kpi.valueWithMargin(decimal(score), decimal(g.margin))
    return {
      key: g.key,
      axisLabel: axisLabel(g.key, when),
      score,
      heightPct: score === null ? 0 : Math.min(100, (Math.abs(score) / scaleMax) * 100),
      above: (score ?? 0) >= 0,
      smallBase: g.smallBase,
      valueText,
      accessibleText: t.trend.bar(when, valueText, grouped(g.n), g.smallBase),
    }
  })
  return { bars, scaleMax, scaleText: t.trend.scale(String(scaleMax)) }
}

export interface ReasonBandView {
  band: ScoreBand
  title: string
  items: { reasonId: string; label: string; count: number; sharePct: number; text: string }[]
}

/** Reasons per band (detractors first: what to fix), each by how often it was chosen. */
export function reasonBands(metric: ReasonsResponse, t: DashboardTexts, locale: Locale): ReasonBandView[] {
  return BANDS.map((band) => ({
    band,
    title: t.reasons.bands[band],
    items: metric.items
      .filter((item) => item.band === band)
      .sort((a, b) => b.count - a.count || a.reasonId.localeCompare(b.reasonId))
      .map((item) => ({
        reasonId: item.reasonId,
        label: labelText(item.label, locale, item.reasonId) || item.reasonId,
        count: item.count,
        sharePct: Math.max(0, Math.min(100, item.share ?? 0)),
        text: t.reasons.item(grouped(item.count), item.share === null ? t.noData : percentText(item.share)),
      })),
  }))
}

export interface ThemeView {
  theme: string
  label: string
  countText: string
  shareText: string
  npsText: string
  impactText: string
  examples: { responseId: string; comment: string }[]
}

/** Comment themes, the ones costing the most NPS first. */
export function themeRows(metric: ThemesResponse, t: DashboardTexts, locale: Locale, examplesPerTheme = 2): ThemeView[] {
  return [...metric.items]
    .sort((a, b) => (b.impact ?? -Infinity) - (a.impact ?? -Infinity) || b.count - a.count)
    .map((item) => ({
      theme: item.theme,
      label: labelText(item.label, locale, item.theme) || item.theme,
      countText: grouped(item.count),
      shareText: item.share === null ? t.noData : percentText(item.share),
      npsText: item.nps === null ? t.noData : decimal(item.nps),
      impactText: item.impact === null ? t.noData : signed(item.impact),
      examples: item.examples.slice(0, examplesPerTheme),
    }))
}

export interface LoopItemView {
  id: 'detractors' | 'contacted' | 'first-contact-p50' | 'first-contact-p90' | 'sla' | 'resolved' | 'recovered'
  label: string
  value: string
  detail?: string
}

/** How fast and how well the loop closes, for the period's detractors. */
export function loopItems(loop: LoopResponse, t: DashboardTexts): LoopItemView[] {
  const share = (n: number) => (loop.tasksCreated > 0 ? t.loop.ofTasks(percent(n / loop.tasksCreated), grouped(loop.tasksCreated)) : undefined)
  const { p50, p90 } = loop.firstContactMinutes
  const { recovery } = loop
  return [
    { id: 'detractors', label: t.loop.detractors, value: grouped(loop.detractors) },
    { id: 'contacted', label: t.loop.contacted, value: grouped(loop.contacted), detail: share(loop.contacted) },
    { id: 'first-contact-p50', label: t.loop.firstContactP50, value: p50 === null ? t.noData : minutesText(p50, t.units) },
    { id: 'first-contact-p90', label: t.loop.firstContactP90, value: p90 === null ? t.noData : minutesText(p90, t.units) },
    { id: 'sla', label: t.loop.sla, value: loop.slaMetRate === null ? t.noData : percent(loop.slaMetRate) },
    { id: 'resolved', label: t.loop.resolved, value: grouped(loop.resolved), detail: share(loop.resolved) },
    {
      id: 'recovered',
      label: t.loop.recovered,
      value: t.loop.recoveredValue(grouped(recovery.recovered), grouped(recovery.resurveyed)),
      detail: recovery.scoreBefore === null || recovery.scoreAfter === null ? undefined : t.loop.scoreChange(decimal(recovery.scoreBefore), decimal(recovery.scoreAfter)),
    },
  ]
}

/** "< ¥50", "¥50–100", "≥ ¥500" from the shared order-value bands; an unknown band id as it is. */
export function orderValueBandLabel(band: string, t: DashboardTexts): string {
  const i = AMOUNT_BANDS.findIndex((b) => b.id === band)
  if (i === -1) return band
  const low = AMOUNT_BANDS[i].min / 100
  const next = AMOUNT_BANDS[i + 1]
  if (i === 0 && next) return t.outcomes.below(`¥${next.min / 100}`)
  if (!next) return t.outcomes.atLeast(`¥${low}`)
  return t.outcomes.between(`¥${low}`, `${next.min / 100}`)
}

export interface OutcomesView {
  byOrderValue: { band: string; label: string; nText: string; scoreText: string; smallBase: boolean }[]
  repeat: { band: ScoreBand; label: string; customersText: string; within30: string; within90: string; smallBase: boolean }[]
}

export function outcomesView(outcomes: OutcomesResponse, t: DashboardTexts): OutcomesView {
  const order = (band: string) => {
    const i = AMOUNT_BANDS.findIndex((b) => b.id === band)
    return i === -1 ? AMOUNT_BANDS.length : i
  }
  return {
    byOrderValue: [...outcomes.byOrderValue]
      .sort((a, b) => order(a.band) - order(b.band))
      .map((row) => ({ band: row.band, label: orderValueBandLabel(row.band, t), nText: grouped(row.n), scoreText: row.score === null ? t.noData : decimal(row.score), smallBase: row.n > 0 && row.n < SMALL_BASE })),
    repeat: BANDS.flatMap((band) => {
      const row = outcomes.repeatPurchase.find((r) => r.npsBand === band)
      if (!row) return []
      return [{
        band,
        label: t.outcomes.bands[band],
        customersText: grouped(row.customers),
        within30: row.repeatRate30d === null ? t.noData : percent(row.repeatRate30d),
        within90: row.repeatRate90d === null ? t.noData : percent(row.repeatRate90d),
        smallBase: row.customers > 0 && row.customers < SMALL_BASE,
      }]
    }),
  }
}

export type RoxView =
  | { kind: 'figures'; atRisk: string; atRiskFormula: string; wonBack?: string; wonBackFormula?: string; assumptions: string[]; smallBase: boolean; noGap: boolean }
  | { kind: 'missing'; text: string }

/** The money: revenue at risk per detractor and what the loop won back, with the assumptions beside them. */
export function roxView(outcomes: OutcomesResponse, loop: LoopResponse | undefined, t: DashboardTexts): RoxView {
  const rox = roxFigures(outcomes, loop)
  if (typeof rox === 'string') return { kind: 'missing', text: t.rox.missing[rox] }
  const mean = yuan(rox.meanOrderValueFen)
  const value = yuan(rox.atRiskPerDetractorFen)
  return {
    kind: 'figures',
    atRisk: value,
    atRiskFormula: t.rox.atRiskFormula(percent(Math.max(0, rox.gap)), mean),
    ...(rox.wonBackFen === null || rox.recovered === null ? {} : { wonBack: yuan(rox.wonBackFen), wonBackFormula: t.rox.wonBackFormula(grouped(rox.recovered), value) }),
    assumptions: t.rox.assumptions({
      promoterRate: percent(rox.promoterRate),
      promoterN: grouped(rox.promoterCustomers),
      detractorRate: percent(rox.detractorRate),
      detractorN: grouped(rox.detractorCustomers),
      mean,
      recovered: rox.recovered === null ? t.noData : grouped(rox.recovered),
    }),
    smallBase: rox.smallBase,
    noGap: rox.gap <= 0,
  }
}
