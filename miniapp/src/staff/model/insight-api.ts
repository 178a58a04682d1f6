import {
  ZCsatResponse,
  ZLoopResponse,
  ZNpsResponse,
  ZOutcomesResponse,
  ZReasonsResponse,
  ZThemesResponse,
  type CsatResponse,
  type InsightQuery,
  type LoopResponse,
  type NpsResponse,
  type OutcomesResponse,
  type ReasonsResponse,
  type ThemesResponse,
} from '@xinsheng/shared'
import { createJsonCaller } from '../../common/http-json'
import type { HttpTransport } from '../../common/ports'

export type { GroupBy, InsightQuery } from '@xinsheng/shared'

/** The metrics routes (DESIGN.md "Insight → API"), each answer parsed with the shared insight schemas. */
export interface InsightApi {
  nps(token: string, query: InsightQuery): Promise<NpsResponse>
  csat(token: string, query: InsightQuery): Promise<CsatResponse>
  reasons(token: string, query: InsightQuery): Promise<ReasonsResponse>
  themes(token: string, query: InsightQuery): Promise<ThemesResponse>
  loop(token: string, query: InsightQuery): Promise<LoopResponse>
  outcomes(token: string, query: InsightQuery): Promise<OutcomesResponse>
}

const ORDER: readonly (keyof InsightQuery)[] = ['from', 'to', 'region', 'store', 'staff', 'touchpoint', 'groupBy']

/** `?from=…&to=…&store=…&groupBy=…`: the set values, in a fixed order (one address per question, cache-friendly). */
export function insightQueryString(query: InsightQuery): string {
  const pairs = ORDER.filter((name) => query[name]).map((name) => `${name}=${encodeURIComponent(String(query[name]))}`)
  return pairs.length ? `?${pairs.join('&')}` : ''
}

/** The metrics routes (staff bearer token); a body off the contract is an `invalid-response` ApiError. */
export function createInsightApi({ baseUrl, transport, timeoutMs = 20_000 }: { baseUrl: string; transport: HttpTransport; timeoutMs?: number }): InsightApi {
  const { call, parse } = createJsonCaller({ baseUrl, transport, timeoutMs })
  const path = (route: string, query: InsightQuery) => `/v1/metrics/${route}${insightQueryString(query)}`
  return {
    nps: async (token, query) => parse(ZNpsResponse, await call('GET', path('nps', query), token), 'GET /v1/metrics/nps'),
    csat: async (token, query) => parse(ZCsatResponse, await call('GET', path('csat', query), token), 'GET /v1/metrics/csat'),
    reasons: async (token, query) => parse(ZReasonsResponse, await call('GET', path('reasons', query), token), 'GET /v1/metrics/reasons'),
    themes: async (token, query) => parse(ZThemesResponse, await call('GET', path('themes', query), token), 'GET /v1/metrics/themes'),
    loop: async (token, query) => parse(ZLoopResponse, await call('GET', path('loop', query), token), 'GET /v1/metrics/loop'),
    outcomes: async (token, query) => parse(ZOutcomesResponse, await call('GET', path('outcomes', query), token), 'GET /v1/metrics/outcomes'),
  }
}
