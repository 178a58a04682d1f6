import { createJsonCaller } from '../../common/http-json'
import type { HttpTransport } from '../../common/ports'
import {
  ZCsatMetric,
  ZLoopMetric,
  ZNpsMetric,
  ZOutcomesMetric,
  ZReasonsMetric,
  ZThemesMetric,
  type CsatMetric,
  type LoopMetric,
  type NpsMetric,
  type OutcomesMetric,
  type ReasonsMetric,
  type ThemesMetric,
} from './insight-contract'

export type GroupBy = 'store' | 'region' | 'staff' | 'touchpoint' | 'day' | 'week' | 'month'

/** The common query of every metrics route: store-local days (inclusive), at most one scope filter, a grouping. */
export interface InsightQuery {
  from: string
  to: string
  region?: string
  store?: string
  staff?: string
  touchpoint?: string
  groupBy?: GroupBy
}

export interface InsightApi {
  nps(token: string, query: InsightQuery): Promise<NpsMetric>
  csat(token: string, query: InsightQuery): Promise<CsatMetric>
  reasons(token: string, query: InsightQuery): Promise<ReasonsMetric>
  themes(token: string, query: InsightQuery): Promise<ThemesMetric>
  loop(token: string, query: InsightQuery): Promise<LoopMetric>
  outcomes(token: string, query: InsightQuery): Promise<OutcomesMetric>
}

const ORDER: readonly (keyof InsightQuery)[] = ['from', 'to', 'region', 'store', 'staff', 'touchpoint', 'groupBy']

/** `?from=…&to=…&store=…&groupBy=…`: the set values, in a fixed order (one address per question, cache-friendly). */
export function insightQueryString(query: InsightQuery): string {
  const pairs = ORDER.filter((name) => query[name]).map((name) => `${name}=${encodeURIComponent(String(query[name]))}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

/** The metrics routes (staff bearer token), every answer parsed with the contract's schema. */
export function createInsightApi({ baseUrl, transport, timeoutMs = 20_000 }: { baseUrl: string; transport: HttpTransport; timeoutMs?: number }): InsightApi {
  const { call, parse } = createJsonCaller({ baseUrl, transport, timeoutMs })
  const path = (route: string, query: InsightQuery) => `/v1/metrics/${route}${insightQueryString(query)}`
  return {
    nps: async (token, query) => parse(ZNpsMetric, await call('GET', path('nps', query), token), 'GET /v1/metrics/nps'),
    csat: async (token, query) => parse(ZCsatMetric, await call('GET', path('csat', query), token), 'GET /v1/metrics/csat'),
    reasons: async (token, query) => parse(ZReasonsMetric, await call('GET', path('reasons', query), token), 'GET /v1/metrics/reasons'),
    themes: async (token, query) => parse(ZThemesMetric, await call('GET', path('themes', query), token), 'GET /v1/metrics/themes'),
    loop: async (token, query) => parse(ZLoopMetric, await call('GET', path('loop', query), token), 'GET /v1/metrics/loop'),
    outcomes: async (token, query) => parse(ZOutcomesMetric, await call('GET', path('outcomes', query), token), 'GET /v1/metrics/outcomes'),
  }
}
