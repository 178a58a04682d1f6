import type { ErasureCounts, PrivacyRequestStatus, PrivacyRequestView } from '@xinsheng/shared'
import { useCallback, useEffect, useState } from 'react'
import { SignedOutError } from './auth'
import { isFinished, pollDelayMs, type IdentifierKind } from './admin-privacy'

/**
 * The privacy requests an admin made in this browser session (this page's memory only: no storage,
 * and never the identifier — `who` is masked), and the polling of each erasure until it is done or
 * failed. No Taro here.
 */
export interface SessionRequest {
  /** Local key: the erasure's request id, otherwise a counter. */
  key: string
  kind: 'export' | 'erase' | 'opt-in'
  identifierKind: IdentifierKind
  /** The masked identifier (model/admin-privacy.ts: maskIdentifier). */
  who: string
  at: string
  status: PrivacyRequestStatus
  /** An erasure's id (the API's). */
  requestId?: string
  /** An erasure's counts once done. */
  counts?: ErasureCounts | null
  /** An export's records (0: none found). */
  records?: number
  /** An opt-in's identifiers. */
  identifiers?: number
  /** Times asked about (an erasure). */
  polls: number
  /** When to ask about it next (ms since the epoch). */
  nextPollAt: number
  /** The last poll's failure (it is asked again). */
  error?: string
}

export interface RequestLog {
  list(): readonly SessionRequest[]
  add(request: Omit<SessionRequest, 'key' | 'polls' | 'nextPollAt'> & { key?: string }): void
  update(key: string, change: Partial<SessionRequest>): void
  subscribe(listener: () => void): () => void
}

/** A log of requests, newest first. */
export function createRequestLog(): RequestLog {
  let items: SessionRequest[] = []
  let counter = 0
  const listeners = new Set<() => void>()
  const changed = () => listeners.forEach((l) => l())
  return {
    list: () => items,
    add(request) {
      items = [{ ...request, key: request.key ?? `local-${++counter}`, polls: 0, nextPollAt: Date.now() + pollDelayMs(0) }, ...items]
      changed()
    },
    update(key, change) {
      items = items.map((r) => (r.key === key ? { ...r, ...change } : r))
      changed()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** This page's log: it outlives the section (switching sections and back keeps it), not the page. */
export const sessionRequestLog = createRequestLog()

/** The erasures still to be asked about. */
export const unfinishedErasures = (items: readonly SessionRequest[]) => items.filter((r) => r.kind === 'erase' && r.requestId && !isFinished(r.status))

/** What a poll's answer changes in the entry. */
export const fromView = (view: PrivacyRequestView): Partial<SessionRequest> => ({ status: view.status, counts: view.counts, error: undefined })

const ask = (log: RequestLog, entry: SessionRequest, read: (requestId: string) => Promise<PrivacyRequestView>, describe: (error: unknown) => string) =>
  read(entry.requestId ?? entry.key).then(
    (view) => log.update(entry.key, { ...fromView(view), polls: entry.polls + 1, nextPollAt: Date.now() + pollDelayMs(entry.polls + 1) }),
    (e: unknown) => {
      if (e instanceof SignedOutError) return
      log.update(entry.key, { error: describe(e), polls: entry.polls + 1, nextPollAt: Date.now() + pollDelayMs(entry.polls + 1) })
    },
  )

/**
 * The log's entries, re-read on every change, and each unfinished erasure asked about again at its
 * `nextPollAt` until it is done or failed; `refresh` asks about one at once (a failed one is retried
 * by the worker).
 */
export function useRequestLog(log: RequestLog, read: (requestId: string) => Promise<PrivacyRequestView>, describe: (error: unknown) => string) {
  const [items, setItems] = useState(log.list())
  useEffect(() => {
    setItems(log.list())
    return log.subscribe(() => setItems(log.list()))
  }, [log])
  useEffect(() => {
    const timers = unfinishedErasures(items).map((entry) => setTimeout(() => void ask(log, entry, read, describe), Math.max(0, entry.nextPollAt - Date.now())))
    return () => timers.forEach(clearTimeout)
  }, [items, log, read, describe])
  const refresh = useCallback((entry: SessionRequest) => void ask(log, entry, read, describe), [log, read, describe])
  return { items, refresh }
}
