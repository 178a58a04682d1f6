import type { StaffScope } from '@xinsheng/shared'
import { decodedQueryParam } from '../../common/query-param'
import type { GroupBy, InsightQuery } from './insight-api'
import { customPeriod, defaultGrain, PERIOD_PRESETS, presetPeriod, TREND_GRAINS, type Period, type PeriodPreset, type TrendGrain } from './insight-period'

/**
 * Where the dashboard is looking: brand › region › store › staff. Each level lists the level below
 * it (the table's `groupBy`); a staff member is the last level, with no table (the API keeps no
 * staff × touchpoint figures). No Taro here.
 */
export type ScopeLevel = 'brand' | 'region' | 'store' | 'staff'

export interface ScopeNode {
  key: string
  /** What the breadcrumb shows; until a row has named it (an address opened cold), the key. */
  label: string
}

export interface DrillState {
  region?: ScopeNode
  store?: ScopeNode
  staff?: ScopeNode
}

const CHILD: Record<ScopeLevel, GroupBy | undefined> = { brand: 'region', region: 'store', store: 'staff', staff: undefined }
const NEXT: Partial<Record<ScopeLevel, 'region' | 'store' | 'staff'>> = { brand: 'region', region: 'store', store: 'staff' }

export function scopeLevel(drill: DrillState): ScopeLevel {
  return drill.staff ? 'staff' : drill.store ? 'store' : drill.region ? 'region' : 'brand'
}

/** What the table at this level lists; nothing at a staff member's. */
export function childGroupBy(level: ScopeLevel): GroupBy | undefined {
  return CHILD[level]
}

/** Whether a row of this level's table opens a deeper level. */
export function canDrill(level: ScopeLevel): boolean {
  return NEXT[level] !== undefined
}

/** One level down, into the tapped row. */
export function drillInto(drill: DrillState, row: ScopeNode): DrillState {
  const next = NEXT[scopeLevel(drill)]
  return next ? { ...drill, [next]: row } : drill
}

/** Back up to a crumb: that level and nothing below it. */
export function drillUpTo(drill: DrillState, level: ScopeLevel): DrillState {
  switch (level) {
    case 'brand':
      return {}
    case 'region':
      return drill.region ? { region: drill.region } : {}
    case 'store':
      return { ...(drill.region ? { region: drill.region } : {}), ...(drill.store ? { store: drill.store } : {}) }
    case 'staff':
      return drill
  }
}

export interface Crumb {
  level: ScopeLevel
  /** Undefined for the root: the page names it ("all stores": whatever the caller may see). */
  node?: ScopeNode
  current: boolean
}

export function crumbs(drill: DrillState): Crumb[] {
  const level = scopeLevel(drill)
  const out: Crumb[] = [{ level: 'brand', current: level === 'brand' }]
  for (const l of ['region', 'store', 'staff'] as const) {
    const node = drill[l]
    if (node) out.push({ level: l, node, current: l === level })
  }
  return out
}

/**
 * The filter the API gets: the deepest level only. Counters are kept per dimension, so a store is
 * one filter on its own (its region adds nothing), and a store-scoped caller never sends a region
 * filter that reaches past their stores (which the API would refuse with 403).
 */
export function scopeFilter(drill: DrillState): Pick<InsightQuery, 'region' | 'store' | 'staff'> {
  if (drill.staff) return { staff: drill.staff.key }
  if (drill.store) return { store: drill.store.key }
  if (drill.region) return { region: drill.region.key }
  return {}
}

/**
 * Where a person starts: the brand for brand-wide staff; one region's or one store's people start
 * in it (a region table of one row says nothing). Anyone else starts at the top, which the API cuts
 * to what they may see.
 */
export function initialDrill(scope: StaffScope): DrillState {
  if (scope.allRegions) return {}
  if (scope.regions.length === 1 && scope.stores.length === 0) return { region: { key: scope.regions[0], label: scope.regions[0] } }
  if (scope.regions.length === 0 && scope.stores.length === 1) return { store: { key: scope.stores[0], label: scope.stores[0] } }
  return {}
}

/** What the dashboard's address holds: the period, the trend's resolution and the drill path (keys). */
export interface DashboardRoute {
  period: Period
  grain: TrendGrain
  drill: DrillState
}

export type RouteParams = Partial<Record<string, string | undefined>>

const MAX_KEY = 128
const keyParam = (value: string | undefined) => {
  const v = decodedQueryParam(value)?.trim()
  return v && v.length <= MAX_KEY ? v : undefined
}

/**
 * The dashboard state from the page's query (`?period=&from=&to=&trend=&region=&store=&staff=`);
 * anything missing or wrong falls back to the default (28 days, the person's own starting scope).
 */
export function parseDashboardRoute(params: RouteParams, today: string, scope: StaffScope): DashboardRoute {
  const preset = decodedQueryParam(params.period)
  let period: Period = presetPeriod('28d', today)
  if (preset === 'custom') {
    const custom = customPeriod(decodedQueryParam(params.from) ?? '', decodedQueryParam(params.to) ?? '', today)
    if (typeof custom !== 'string') period = custom
  } else if ((PERIOD_PRESETS as readonly string[]).includes(preset ?? '')) {
    period = presetPeriod(preset as Exclude<PeriodPreset, 'custom'>, today)
  }
  const trend = decodedQueryParam(params.trend)
  const grain = (TREND_GRAINS as readonly string[]).includes(trend ?? '') ? (trend as TrendGrain) : defaultGrain(period)
  const node = (name: 'region' | 'store' | 'staff') => {
    const key = keyParam(params[name])
    return key ? { [name]: { key, label: key } } : {}
  }
  const fromAddress: DrillState = { ...node('region'), ...node('store'), ...node('staff') }
  return { period, grain, drill: Object.keys(fromAddress).length ? fromAddress : initialDrill(scope) }
}

/** The query for this state: the preset (custom: its days), the trend unless it is the period's default, the drill keys. */
export function dashboardRouteQuery({ period, grain, drill }: DashboardRoute, lang?: string): string {
  const params: [string, string | undefined][] = [
    ['period', period.preset === '28d' ? undefined : period.preset],
    ['from', period.preset === 'custom' ? period.from : undefined],
    ['to', period.preset === 'custom' ? period.to : undefined],
    ['trend', grain === defaultGrain(period) ? undefined : grain],
    ['region', drill.region?.key],
    ['store', drill.store?.key],
    ['staff', drill.staff?.key],
    ['lang', lang],
  ]
  const pairs = params.filter((pair): pair is [string, string] => !!pair[1])
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}

const ADDRESS_PARAMS = ['period', 'from', 'to', 'trend', 'region', 'store', 'staff', 'lang'] as const

/** The dashboard's own parameters of a query as given (before anybody is signed in: where a login returns to). */
export function dashboardParamsQuery(params: RouteParams): string {
  const pairs = ADDRESS_PARAMS.map((name): [string, string | undefined] => [name, keyParam(params[name])]).filter((pair): pair is [string, string] => !!pair[1])
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}
