import type { StaffRole } from '@xinsheng/shared'

/**
 * Who sees the dashboard, and where each role lands after signing in. No Taro here.
 *
 * INTERIM: the roles the metrics API answers (DESIGN.md, "Insight → API": manager, supervisor,
 * admin; an agent gets 403). When the API's role rule lands in shared/ this reads it from there.
 */
export const INSIGHT_ROLES: readonly StaffRole[] = ['manager', 'supervisor', 'admin']

export function mayViewInsight(role: StaffRole): boolean {
  return INSIGHT_ROLES.includes(role)
}

export type StaffHome = 'dashboard' | 'queue'

/**
 * The first screen after signing in, by what the role is there to do:
 *  - manager → dashboard: they read how stores and people are doing and work no task (the role
 *    table gives them list/read only);
 *  - admin → dashboard: HQ's view of the brand (the admin pages, when they come, hang off it);
 *  - supervisor → queue: their day is the escalations and reassignments (the queue opens on the
 *    escalated tab); the dashboard is one tap away in the header;
 *  - agent → queue: the metrics are not theirs (403).
 */
export function landingPage(role: StaffRole): StaffHome {
  return role === 'manager' || role === 'admin' ? 'dashboard' : 'queue'
}
