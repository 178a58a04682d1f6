import { useCallback, useEffect, useRef, useState } from 'react'
import type { ApiClient } from './api-client'
import type { SessionManager } from './session'

/**
 * "不再邀请我" step by step: `idle` (the quiet link), `confirming` (the question, confirm / cancel),
 * `busy` (POST /v1/opt-out under way), `done`, `failed` (with a retry).
 */
export type OptOutStatus = 'idle' | 'confirming' | 'busy' | 'done' | 'failed'

export interface OptOutDeps {
  api: Pick<ApiClient, 'optOut'>
  session: Pick<SessionManager, 'withSession'>
}

export interface OptOutModel {
  status: OptOutStatus
  /** The link: nothing is sent before the customer confirms. */
  ask(): void
  cancel(): void
  /** The confirm button, and the retry after a failure (the server is idempotent: a repeat is harmless). */
  confirm(): void
}

/**
 * The consumer's opt-out from the brand's invitations, offered wherever the survey is over (the
 * thank-you, an answered or expired invitation). Plain React, no Taro: the page injects the API and
 * the session (the same consumer session as the survey's).
 */
export function useOptOut(invitationToken: string, { api, session }: OptOutDeps): OptOutModel {
  const [status, setStatus] = useState<OptOutStatus>('idle')
  // The latest status, read synchronously: a second tap on confirm while one request is out sends nothing.
  const current = useRef<OptOutStatus>('idle')
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const move = useCallback((from: readonly OptOutStatus[], to: OptOutStatus): boolean => {
    if (!from.includes(current.current)) return false
    current.current = to
    if (mounted.current) setStatus(to)
    return true
  }, [])

  const confirm = useCallback(() => {
    if (!move(['confirming', 'failed'], 'busy')) return
    session
      .withSession((token) => api.optOut({ invitationToken }, token))
      .then(
        () => move(['busy'], 'done'),
        () => move(['busy'], 'failed'),
      )
  }, [api, invitationToken, move, session])

  return {
    status,
    ask: () => move(['idle'], 'confirming'),
    cancel: () => move(['confirming'], 'idle'),
    confirm,
  }
}
