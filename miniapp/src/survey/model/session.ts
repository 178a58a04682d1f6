import { ZSessionResponse, type SessionResponse } from '@xinsheng/shared'
import type { ApiClient } from './api-client'
import { ApiError } from '../../common/api-error'
import type { KeyValueStorage } from '../../common/ports'
import { STORAGE_KEYS } from '../../common/storage-keys'

export interface SessionManagerOptions {
  api: Pick<ApiClient, 'createSession'>
  storage: KeyValueStorage
  /** wx.login's code in weapp; the dev code in the local h5 build. May throw LoginUnavailableError. */
  getLoginCode: () => Promise<string>
  now?: () => number
  /** A stored session closer than this to its expiry is not used. */
  marginMs?: number
}

export interface SessionManager {
  /** A session token: the stored one while it is valid, else a new login. */
  token(): Promise<string>
  /** Runs fn with a token; on 401 logs in again once and repeats it. */
  withSession<T>(fn: (token: string) => Promise<T>): Promise<T>
  forget(): Promise<void>
}

export function createSessionManager({ api, storage, getLoginCode, now = Date.now, marginMs = 60_000 }: SessionManagerOptions): SessionManager {
  let current: SessionResponse | undefined
  let inFlight: Promise<string> | undefined

  const isFresh = (session: SessionResponse | undefined): session is SessionResponse =>
    !!session && Date.parse(session.expiresAt) - marginMs > now()

  async function stored(): Promise<SessionResponse | undefined> {
    const raw = await storage.get(STORAGE_KEYS.session).catch(() => null)
    if (!raw) return undefined
    try {
      const parsed = ZSessionResponse.safeParse(JSON.parse(raw))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }

  async function login(): Promise<string> {
    const code = await getLoginCode()
    const session = await api.createSession(code)
    current = session
    await storage.set(STORAGE_KEYS.session, JSON.stringify(session)).catch(() => undefined)
    return session.token
  }

  async function token(): Promise<string> {
    if (isFresh(current)) return current.token
    const saved = await stored()
    if (isFresh(saved)) {
      current = saved
      return saved.token
    }
    // Two calls at once share one login (a wx.login code can be exchanged only once).
    inFlight ??= login().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  async function forget() {
    current = undefined
    await storage.remove(STORAGE_KEYS.session).catch(() => undefined)
  }

  return {
    token,
    forget,
    async withSession(fn) {
      try {
        return await fn(await token())
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) throw error
        await forget()
        return fn(await token())
      }
    },
  }
}

/**
 * The local stage's stand-in for wx.login in a browser: a stable fake consumer per browser
 * (`dev-h5-<id>`), with a fresh one-time suffix each call, as each wx.login returns a new code.
 */
export async function devLoginCode(storage: KeyValueStorage, randomId: () => string): Promise<string> {
  let id = await storage.get(STORAGE_KEYS.devConsumerId).catch(() => null)
  if (!id || !/^[A-Za-z0-9_-]{8,40}$/.test(id)) {
    id = randomId()
    await storage.set(STORAGE_KEYS.devConsumerId, id)
  }
  return `dev-h5-${id}~${randomId()}`
}
