import type { CsatResponse, LoopResponse, NpsResponse, OutcomesResponse, ReasonsResponse, ThemesResponse } from '@xinsheng/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ApiError } from '../../common/api-error'
import { SignedOutError, withStaffToken } from './auth'
import type { StaffTexts } from './i18n'
import type { InsightApi, InsightQuery } from './insight-api'
import { customPeriod, defaultGrain, presetPeriod, type CustomPeriodIssue, type Period, type PeriodPreset, type TrendGrain } from './insight-period'
import { childGroupBy, crumbs, drillInto, drillUpTo, scopeFilter, scopeLevel, type Crumb, type DashboardRoute, type ScopeLevel, type ScopeNode } from './insight-scope'
import type { StaffSession, StaffSessionStore } from './staff-session'

export interface DashboardDeps {
  api: InsightApi
  sessions: StaffSessionStore
  onSignedOut: () => void
}

/** One card's data: the last answer (kept on screen while the next one loads), and what went wrong. */
export interface Section<T> {
  value?: T
  loading: boolean
  error?: string
  /** Why there is no figure here by design (not a failure): loop figures are kept per store, not per staff member. */
  note?: string
}

export interface DashboardSections {
  /** NPS of the scope, its table grouped by the level below. */
  nps: Section<NpsResponse>
  /** NPS by day / week / month. */
  trend: Section<NpsResponse>
  csat: Section<CsatResponse>
  reasons: Section<ReasonsResponse>
  themes: Section<ThemesResponse>
  loop: Section<LoopResponse>
  outcomes: Section<OutcomesResponse>
}

export interface DashboardModel extends DashboardSections {
  route: DashboardRoute
  level: ScopeLevel
  crumbs: Crumb[]
  /** Something is being read. */
  busy: boolean
  customIssue?: CustomPeriodIssue
  choosePreset(preset: Exclude<PeriodPreset, 'custom'>): void
  /** A custom from–to: applied, or the reason it is not (also kept in `customIssue`). */
  applyCustom(from: string, to: string): CustomPeriodIssue | undefined
  setGrain(grain: TrendGrain): void
  drillInto(node: ScopeNode): void
  drillUpTo(level: ScopeLevel): void
  refresh(): void
}

const idle = <T>(): Section<T> => ({ loading: true })

/** What to say when a card's data did not come: the network, the role, or "try again later". */
export function sectionError(failure: unknown, texts: StaffTexts): string {
  if (failure instanceof ApiError && failure.kind === 'network') return texts.errors.network
  if (failure instanceof ApiError && failure.status === 403) return texts.errors.forbidden_role
  return texts.dashboard.sectionFailed
}

/**
 * The dashboard's state and data: period, trend resolution and drill path; each card's data read
 * in parallel, one request per card, so a slow or failing card does not hold up the others. An
 * answer for a state no longer shown is dropped. A 401 ends the session (onSignedOut).
 */
export function useDashboard(session: StaffSession, initial: DashboardRoute, texts: StaffTexts, today: string, deps: DashboardDeps): DashboardModel {
  const { api, sessions, onSignedOut } = deps
  const [route, setRoute] = useState<DashboardRoute>(initial)
  const [customIssue, setCustomIssue] = useState<CustomPeriodIssue>()
  const [sections, setSections] = useState<DashboardSections>(() => ({
    nps: idle(), trend: idle(), csat: idle(), reasons: idle(), themes: idle(), loop: idle(), outcomes: idle(),
  }))
  const [reloads, setReloads] = useState(0)
  const textsRef = useRef(texts)
  textsRef.current = texts
  const generation = useRef({ main: 0, trend: 0 })

  const level = scopeLevel(route.drill)
  const { from, to } = route.period
  const { region, store, staff } = scopeFilter(route.drill)
  const base = useMemo<InsightQuery>(() => ({ from, to, region, store, staff }), [from, to, region, store, staff])

  const load = useCallback(
    <K extends keyof DashboardSections>(which: 'main' | 'trend', key: K, read: (token: string) => Promise<NonNullable<DashboardSections[K]['value']>>) => {
      const mine = generation.current[which]
      setSections((s) => ({ ...s, [key]: { ...s[key], loading: true, error: undefined } }))
      withStaffToken(session, sessions, onSignedOut, read).then(
        (value) => {
          if (mine === generation.current[which]) setSections((s) => ({ ...s, [key]: { value, loading: false } }))
        },
        (failure) => {
          if (failure instanceof SignedOutError || mine !== generation.current[which]) return
          setSections((s) => ({ ...s, [key]: { loading: false, error: sectionError(failure, textsRef.current) } }))
        },
      )
    },
    [session, sessions, onSignedOut],
  )

  useEffect(() => {
    generation.current.main++
    load('main', 'nps', (token) => api.nps(token, { ...base, groupBy: childGroupBy(level) }))
    load('main', 'csat', (token) => api.csat(token, base))
    load('main', 'reasons', (token) => api.reasons(token, base))
    load('main', 'themes', (token) => api.themes(token, base))
    // Contacts, SLA and recoveries are counted per brand, region and store (the API answers 400 for a staff member).
    if (level === 'staff') setSections((s) => ({ ...s, loop: { loading: false, note: textsRef.current.dashboard.loop.perStore } }))
    else load('main', 'loop', (token) => api.loop(token, base))
    load('main', 'outcomes', (token) => api.outcomes(token, base))
  }, [api, base, level, load, reloads])

  useEffect(() => {
    generation.current.trend++
    load('trend', 'trend', (token) => api.nps(token, { ...base, groupBy: route.grain }))
  }, [api, base, route.grain, load, reloads])

  const setPeriod = useCallback((period: Period) => setRoute((r) => ({ ...r, period, grain: defaultGrain(period) })), [])

  return {
    ...sections,
    route,
    level,
    crumbs: crumbs(route.drill),
    busy: Object.values(sections).some((s) => s.loading),
    customIssue,
    choosePreset: useCallback(
      (preset) => {
        setCustomIssue(undefined)
        setPeriod(presetPeriod(preset, today))
      },
      [today, setPeriod],
    ),
    applyCustom: useCallback(
      (customFrom, customTo) => {
        const custom = customPeriod(customFrom, customTo, today)
        if (typeof custom === 'string') {
          setCustomIssue(custom)
          return custom
        }
        setCustomIssue(undefined)
        setPeriod(custom)
        return undefined
      },
      [today, setPeriod],
    ),
    setGrain: useCallback((grain) => setRoute((r) => ({ ...r, grain })), []),
    drillInto: useCallback((node) => setRoute((r) => ({ ...r, drill: drillInto(r.drill, node) })), []),
    drillUpTo: useCallback((target) => setRoute((r) => ({ ...r, drill: drillUpTo(r.drill, target) })), []),
    refresh: useCallback(() => setReloads((n) => n + 1), []),
  }
}
