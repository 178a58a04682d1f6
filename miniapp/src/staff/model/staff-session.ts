import { ZStaffLoginResponse, type StaffLoginResponse } from '@xinsheng/shared'
import type { KeyValueStorage } from '../../common/ports'
import { STORAGE_KEYS } from '../../common/storage-keys'

export type StaffSession = StaffLoginResponse

export interface StaffSessionStore {
  /** The stored session while its token is valid (checked against the schema and the clock), else undefined. */
  load(): Promise<StaffSession | undefined>
  save(session: StaffSession): Promise<void>
  /** Logout, or a 401: the token is no longer any use. */
  clear(): Promise<void>
}

/**
 * The staff token kept in device storage, so a reload or the next page keeps the agent logged in.
 * A token closer than `marginMs` to its expiry counts as gone: better the login page now than a
 * 401 in the middle of logging an attempt.
 */
export function createStaffSessionStore(storage: KeyValueStorage, { now = Date.now, marginMs = 30_000 }: { now?: () => number; marginMs?: number } = {}): StaffSessionStore {
  return {
    async load() {
      const raw = await storage.get(STORAGE_KEYS.staffSession).catch(() => null)
      if (!raw) return undefined
      let parsed
      try {
        parsed = ZStaffLoginResponse.safeParse(JSON.parse(raw))
      } catch {
        return undefined
      }
      if (!parsed.success || Date.parse(parsed.data.expiresAt) - marginMs <= now()) {
        await storage.remove(STORAGE_KEYS.staffSession).catch(() => undefined)
        return undefined
      }
      return parsed.data
    },
    async save(session) {
      await storage.set(STORAGE_KEYS.staffSession, JSON.stringify(session))
    },
    async clear() {
      await storage.remove(STORAGE_KEYS.staffSession).catch(() => undefined)
    },
  }
}
