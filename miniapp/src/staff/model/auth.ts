import { ApiError } from '../../common/api-error'
import type { StaffSession, StaffSessionStore } from './staff-session'

/** Thrown after a 401 has cleared the session; callers stop quietly (the page is on its way to login). */
export class SignedOutError extends Error {
  constructor() {
    super('the staff session has ended')
    this.name = 'SignedOutError'
  }
}

/**
 * Runs a call with the session's token; a 401 (expired or disabled account) forgets the token and
 * hands over to `onSignedOut` — the page sends the agent to the login screen.
 */
export async function withStaffToken<T>(
  session: StaffSession,
  sessions: StaffSessionStore,
  onSignedOut: () => void,
  fn: (token: string) => Promise<T>,
): Promise<T> {
  try {
    return await fn(session.token)
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await sessions.clear()
      onSignedOut()
      throw new SignedOutError()
    }
    throw error
  }
}
