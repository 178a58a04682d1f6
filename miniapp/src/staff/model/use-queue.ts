import type { TaskSummary } from '@xinsheng/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { staffErrorMessage, type StaffTexts } from './i18n'
import { systemTimers, type Timers } from '../../common/ports'
import { SignedOutError, withStaffToken } from './auth'
import { tabFilter, type QueueTab } from './permissions'
import type { StaffApi } from './staff-api'
import type { StaffSession, StaffSessionStore } from './staff-session'

export interface QueueDeps {
  api: Pick<StaffApi, 'listTasks'>
  sessions: StaffSessionStore
  timers?: Timers
  onSignedOut: () => void
  /** The list reloads itself this often while the page shows (new tasks arrive from the stream). */
  refreshMs?: number
  pageSize?: number
  /** false: the list is not on the screen (a phone showing one task), so nothing is fetched. */
  enabled?: boolean
}

export interface QueueModel {
  items: TaskSummary[]
  phase: 'loading' | 'ready' | 'error'
  /** A reload in the background (the list stays on the screen). */
  refreshing: boolean
  error?: string
  hasMore: boolean
  /** When the list was read: the SLA clock of a row counts on from the server's answer then. */
  fetchedAt: number
  refresh(): void
  loadMore(): void
  /** Pause the automatic reload while the page is hidden; shown again, the list reloads at once. */
  setActive(active: boolean): void
}

/** Appends the rows not there yet (a task can move between pages while they are read). */
function mergeRows(current: readonly TaskSummary[], more: readonly TaskSummary[]): TaskSummary[] {
  const seen = new Set(current.map((t) => t.taskId))
  return [...current, ...more.filter((t) => !seen.has(t.taskId))]
}

/**
 * One queue tab: the first page by due time, more pages through the cursor; reloaded every
 * `refreshMs` and on demand, as many rows as are shown. An answer for a tab no longer shown is dropped.
 */
export function useQueue(session: StaffSession, tab: QueueTab, texts: StaffTexts, deps: QueueDeps): QueueModel {
  const { api, sessions, onSignedOut, timers = systemTimers, refreshMs = 15_000, pageSize = 50, enabled = true } = deps
  const [items, setItems] = useState<TaskSummary[]>([])
  const [phase, setPhase] = useState<QueueModel['phase']>('loading')
  const [refreshing, setRefreshing] = useState(false)
  const [error, setError] = useState<string>()
  const [cursor, setCursor] = useState<string>()
  const [fetchedAt, setFetchedAt] = useState(() => timers.now())
  const [active, setActive] = useState(true)
  /** Bumped when a load settles, success or not: the next automatic reload counts from there. */
  const [settled, setSettled] = useState(0)
  const generation = useRef(0)
  const textsRef = useRef(texts)
  textsRef.current = texts
  /** How many rows are on the screen: what a reload reads again. */
  const shown = useRef(0)
  shown.current = items.length

  const load = useCallback(
    async (mode: 'first' | 'refresh' | 'more', after?: string) => {
      const mine = ++generation.current
      if (mode === 'first') setPhase('loading')
      else setRefreshing(true)
      try {
        const read = (cursor?: string) =>
          withStaffToken(session, sessions, onSignedOut, (token) => api.listTasks(token, { ...tabFilter(tab), limit: pageSize, ...(cursor ? { cursor } : {}) }))
        if (mode === 'more') {
          const page = await read(after)
          if (mine !== generation.current) return
          setItems((current) => mergeRows(current, page.items))
          setCursor(page.nextCursor)
        } else {
          // A reload reads as many rows as are shown (page after page from the first), so the rows
          // an agent brought in with "more" stay; a task gone from the tab drops out, a new one comes in.
          const wanted = mode === 'refresh' ? shown.current : 0
          let rows: TaskSummary[] = []
          let page = await read()
          rows = mergeRows(rows, page.items)
          while (page.nextCursor && rows.length < wanted && mine === generation.current) {
            page = await read(page.nextCursor)
            rows = mergeRows(rows, page.items)
          }
          if (mine !== generation.current) return
          setItems(rows)
          setCursor(page.nextCursor)
        }
        setFetchedAt(timers.now())
        setError(undefined)
        setPhase('ready')
      } catch (failure) {
        if (failure instanceof SignedOutError || mine !== generation.current) return
        setError(staffErrorMessage(failure, textsRef.current))
        // A failed background reload keeps the list it had; a first load has nothing to show.
        setPhase((p) => (p === 'loading' ? 'error' : p))
      } finally {
        if (mine === generation.current) {
          setRefreshing(false)
          setSettled((n) => n + 1)
        }
      }
    },
    [api, session, sessions, onSignedOut, tab, pageSize, timers],
  )

  useEffect(() => {
    setItems([])
    setCursor(undefined)
    if (enabled) void load('first')
  }, [load, enabled])

  // Shown again (back from a task page, or the app back in front): what changed meanwhile, now.
  const wasHidden = useRef(false)
  useEffect(() => {
    if (!active) {
      wasHidden.current = true
      return
    }
    if (wasHidden.current && enabled) void load('refresh')
    wasHidden.current = false
  }, [active, enabled, load])

  // The automatic reload: a chain of timeouts from the last load, only while the page shows.
  useEffect(() => {
    if (!active || !enabled || refreshMs <= 0) return
    const handle = timers.setTimeout(() => void load('refresh'), refreshMs)
    return () => timers.clearTimeout(handle)
  }, [active, enabled, refreshMs, timers, load, settled])

  return {
    items,
    phase,
    refreshing,
    error,
    hasMore: !!cursor,
    fetchedAt,
    refresh: useCallback(() => {
      if (enabled) void load('refresh')
    }, [load, enabled]),
    loadMore: useCallback(() => {
      if (cursor) void load('more', cursor)
    }, [load, cursor]),
    setActive,
  }
}
