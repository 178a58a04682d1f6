import Taro from '@tarojs/taro'
import type { StaffRole } from '@xinsheng/shared'
import { useEffect, useState } from 'react'
import { landingPage } from './model/insight-access'
import { createInsightApi, type InsightApi } from './model/insight-api'
import { dashboardParamsQuery, dashboardRouteQuery, type DashboardRoute, type RouteParams } from './model/insight-scope'
import { queueRouteQuery } from './model/queue-route'
import { createStaffApi, type StaffApi } from './model/staff-api'
import { createStaffSessionStore, type StaffSessionStore } from './model/staff-session'
import { createJsonCaller, type JsonCaller } from '../common/http-json'
import { taroStorage, transport } from '../common/taro-io'

/** Taro at the edge of the workbench: the API and session store, navigation, the phone call, the layout. */

export interface StaffDeps {
  api: StaffApi
  insight: InsightApi
  sessions: StaffSessionStore
  /** JSON over HTTP for the admin console's sections (each parses with its shared schema). */
  caller: JsonCaller
}

let deps: StaffDeps | undefined
/** One API client and session store for all staff pages. */
export function staffDeps(): StaffDeps {
  deps ??= {
    api: createStaffApi({ baseUrl: process.env.TARO_APP_API_BASE, transport }),
    insight: createInsightApi({ baseUrl: process.env.TARO_APP_API_BASE, transport }),
    sessions: createStaffSessionStore(taroStorage),
    caller: createJsonCaller({ baseUrl: process.env.TARO_APP_API_BASE, transport, timeoutMs: 20_000 }),
  }
  return deps
}

const PAGES = {
  login: '/staff/pages/login/index',
  queue: '/staff/pages/queue/index',
  task: '/staff/pages/task/index',
  dashboard: '/staff/pages/dashboard/index',
  admin: '/staff/pages/admin/index',
} as const

const query = (params: Record<string, string | undefined>) => {
  const pairs = Object.entries(params).filter(([, v]) => v)
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&')}` : ''
}

export const staffUrls = {
  login: (lang?: string, next?: string, reason?: 'expired') => `${PAGES.login}${query({ lang, next, reason })}`,
  /** With the task shown beside the queue and the tab (a desktop's reload or copied link shows them again); given the role, its first tab is left out. */
  queue: (lang?: string, state: { taskId?: string; tab?: string } = {}, role?: StaffRole) => `${PAGES.queue}${queueRouteQuery({ ...state, lang }, role)}`,
  task: (id: string, lang?: string, tab?: string, role?: StaffRole) => `${PAGES.task}${queueRouteQuery({ taskId: id, tab, lang }, role)}`,
  /** With the period, the trend's resolution and the drill path (each left out when it is the default). */
  dashboard: (lang?: string, route?: DashboardRoute) => (route ? `${PAGES.dashboard}${dashboardRouteQuery(route, lang)}` : `${PAGES.dashboard}${query({ lang })}`),
  /** The dashboard with the parameters of a query as given (where a login returns to). */
  dashboardAsAsked: (params: RouteParams) => `${PAGES.dashboard}${dashboardParamsQuery(params)}`,
  /** The admin console, on one of its sections. */
  admin: (lang?: string, section?: string) => `${PAGES.admin}${query({ section, lang })}`,
}

/** Only a workbench page may be the place a login returns to (never an address from elsewhere). */
export function safeNext(next: string | undefined): string | undefined {
  if (!next) return undefined
  let decoded = next
  try {
    decoded = decodeURIComponent(next)
  } catch {
    return undefined
  }
  return /^\/staff\/pages\/(queue|task|dashboard|admin)\/index(\?[A-Za-z0-9=&%._-]*)?$/.test(decoded) ? decoded : undefined
}

let sentToLogin = false
/**
 * The session is over (401, expiry or sign-out): the login page, which brings the agent back here
 * afterwards. Once while the login page is on its way or shown: on a desktop the queue and the
 * task pane meet the same 401 a moment apart, and a second relaunch could stack a second login page.
 */
export function goToLogin(lang?: string, next?: string, reason?: 'expired'): void {
  if (sentToLogin) return
  sentToLogin = true
  Taro.reLaunch({ url: staffUrls.login(lang, next, reason) }).catch(() => {
    sentToLogin = false
  })
}

export function openTask(id: string, lang?: string): void {
  void Taro.navigateTo({ url: staffUrls.task(id, lang) })
}

export function backToQueue(lang?: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: staffUrls.queue(lang) })
}

/**
 * h5: the address becomes `url` (a staff page with its query) in place: no navigation, no new
 * history entry, the page stays mounted. Taro's own redirectTo (a REPLACE to its router) would
 * load the page anew, so this is the browser's replaceState on the hash route, keeping
 * history.state (the hash history's index, which Back and Taro's page stack count on).
 */
export function replaceAddress(url: string): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
  const hash = `#${url}`
  if (window.location.hash === hash) return
  window.history.replaceState(window.history.state, '', hash)
}

/** The login page's cleanup: it is gone (signed in, or left), so the next ended session goes there again. */
export function loginPageClosed(): void {
  sentToLogin = false
}

/** Back where the login was asked for; otherwise the role's first screen (insight-access.ts: landingPage). */
export function afterLogin(lang: string | undefined, next: string | undefined, role: StaffRole): void {
  void Taro.redirectTo({ url: safeNext(next) ?? (landingPage(role) === 'dashboard' ? staffUrls.dashboard(lang) : staffUrls.queue(lang)) })
}

/** Between the two staff screens (header links): in place, so going back and forth does not pile up pages. */
export function switchTo(url: string): void {
  void Taro.redirectTo({ url })
}

/** weapp: dial the revealed number (the agent confirms in WeChat's sheet). h5 uses a tel: link instead. */
export function dial(phone: string): void {
  if (process.env.TARO_ENV === 'h5') return
  void Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
}

export function setTitle(title: string, locale: string): void {
  Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  if (process.env.TARO_ENV === 'h5') document.documentElement.lang = locale
}

const WIDE = '(min-width: 1024px)'

/** Desktop browsers (h5, ≥ 1024 px) show the queue and the task side by side; phones one at a time. */
export function useWideLayout(): boolean {
  const [wide, setWide] = useState(() => process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && !!window.matchMedia?.(WIDE).matches)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return
    const media = window.matchMedia(WIDE)
    const update = () => setWide(media.matches)
    media.addEventListener?.('change', update)
    return () => media.removeEventListener?.('change', update)
  }, [])
  return wide
}

/** A one-time secret to the clipboard (h5: navigator.clipboard; weapp: setClipboardData). Resolves whether it was copied. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      if (typeof navigator === 'undefined' || !navigator.clipboard) return false
      await navigator.clipboard.writeText(text)
    } else {
      await Taro.setClipboardData({ data: text })
    }
    return true
  } catch {
    return false
  }
}

/**
 * A person's data export into the admin's hands. h5: downloaded as a JSON file (a Blob behind an
 * `<a download>`); weapp cannot save a file for the admin, so the JSON goes to the clipboard and the
 * page says a download is a desktop browser's.
 */
export async function saveJsonFile(fileName: string, text: string): Promise<'downloaded' | 'copied' | 'failed'> {
  if (process.env.TARO_ENV === 'h5') {
    try {
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
      const link = document.createElement('a')
      link.href = url
      link.download = fileName
      document.body.appendChild(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 60_000)
      return 'downloaded'
    } catch {
      return 'failed'
    }
  }
  return (await copyText(text)) ? 'copied' : 'failed'
}
