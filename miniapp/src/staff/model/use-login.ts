import { useCallback, useRef, useState } from 'react'
import { ApiError } from '../../common/api-error'
import { staffErrorMessage, type StaffTexts } from './i18n'
import type { StaffApi } from './staff-api'
import type { StaffSession, StaffSessionStore } from './staff-session'

export interface LoginModel {
  username: string
  password: string
  busy: boolean
  error?: string
  setUsername(value: string): void
  setPassword(value: string): void
  submit(): void
}

function loginErrorMessage(failure: unknown, texts: StaffTexts): string {
  if (failure instanceof ApiError && (failure.status === 401 || failure.status === 400)) return texts.login.invalidCredentials
  if (failure instanceof ApiError && failure.status === 429) {
    return texts.login.tooManyAttempts(failure.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(failure.retryAfterMs / 60_000)))
  }
  return staffErrorMessage(failure, texts)
}

/** The login form: username + password → POST /v1/staff/login → the session kept in storage → onSignedIn. */
export function useLogin({ api, sessions, texts, onSignedIn }: { api: Pick<StaffApi, 'login'>; sessions: StaffSessionStore; texts: StaffTexts; onSignedIn: (session: StaffSession) => void }): LoginModel {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const inFlight = useRef(false)

  const submit = useCallback(() => {
    if (inFlight.current) return
    const name = username.trim().toLowerCase()
    if (!name || !password) {
      setError(texts.login.required)
      return
    }
    inFlight.current = true
    setBusy(true)
    setError(undefined)
    void (async () => {
      try {
        const session = await api.login(name, password)
        await sessions.save(session)
        onSignedIn(session)
      } catch (failure) {
        setError(loginErrorMessage(failure, texts))
        setPassword('')
      } finally {
        inFlight.current = false
        setBusy(false)
      }
    })()
  }, [api, sessions, texts, onSignedIn, username, password])

  return { username, password, busy, error, setUsername, setPassword, submit }
}
