import { useEffect, useState } from 'react'
import type { StaffSession, StaffSessionStore } from './staff-session'

export type StaffSessionState = { phase: 'loading' } | { phase: 'signed-out' } | { phase: 'signed-in'; session: StaffSession }

/** The stored staff session as a page opens: a staff page without one goes to the login screen. */
export function useStaffSession(sessions: StaffSessionStore): StaffSessionState {
  const [state, setState] = useState<StaffSessionState>({ phase: 'loading' })
  useEffect(() => {
    let live = true
    void sessions.load().then((session) => {
      if (live) setState(session ? { phase: 'signed-in', session } : { phase: 'signed-out' })
    })
    return () => {
      live = false
    }
  }, [sessions])
  return state
}
