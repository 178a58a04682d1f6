import { mayReadInsight, type StaffRole } from '@xinsheng/shared'

/**
 * Where each role lands after signing in. Who may read the figures at all is shared's rule
 * (`mayReadInsight`, the same the API enforces); this only decides the first screen, by what the
 * role is there to do. No Taro here.
 *  - manager → dashboard: they read how stores and people are doing and work no task (the role
 *    table gives them list/read only);
 *  - admin → dashboard: HQ's view of the brand (the admin pages, when they come, hang off it);
 *  - supervisor → queue: their day is the escalations and reassignments (the queue opens on the
 *    escalated tab); the dashboard is one tap away in the header;
 *  - agent → queue: the figures are not theirs (the API answers 403).
 */
export type StaffHome = 'dashboard' | 'queue'

export function landingPage(role: StaffRole): StaffHome {
  return mayReadInsight(role) && (role === 'manager' || role === 'admin') ? 'dashboard' : 'queue'
}
