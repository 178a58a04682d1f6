import type { StaffRole } from './schemas/staff';

/**
 * Who may do what: the one role table. The server enforces it (functions/src/staff/scope.ts: 403
 * `forbidden_role`); the workbench reads it so nobody is shown a button that can only answer 403.
 */
export type TaskAction = 'list' | 'read' | 'claim' | 'attempt' | 'reveal_phone' | 'resolve' | 'reopen' | 'assign';

export const ROLE_ACTIONS: Record<StaffRole, readonly TaskAction[]> = {
  agent: ['list', 'read', 'claim', 'attempt', 'reveal_phone', 'resolve'],
  supervisor: ['list', 'read', 'claim', 'attempt', 'reveal_phone', 'resolve', 'reopen', 'assign'],
  // Managers watch the loop close; they do not call customers (and so never see a phone number).
  manager: ['list', 'read'],
  admin: ['list', 'read', 'claim', 'attempt', 'reveal_phone', 'resolve', 'reopen', 'assign'],
};

/** Roles that may act on a task someone else has claimed (an agent may only work their own). */
export const OVERRIDE_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];

export function mayAct(role: StaffRole, action: TaskAction): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

/**
 * Who reads the insight figures (GET /v1/metrics/*): the people who manage stores and the loop.
 * Agents work their queue and are not shown the league tables (403 `forbidden_role`); the
 * dashboard reads this to decide where a staff member lands.
 */
export const INSIGHT_ROLES: readonly StaffRole[] = ['manager', 'supervisor', 'admin'];

export function mayReadInsight(role: StaffRole): boolean {
  return INSIGHT_ROLES.includes(role);
}

/**
 * Brand administration (every `/v1/admin/*` route: stores, keys, surveys, touchpoints, policy, staff,
 * audit) is the admin role's alone; the server answers any other role 403 `forbidden_role`
 * (functions/src/admin/admin-auth.ts), and the console shows the Admin screen only to this role.
 */
export const ADMIN_ROLES: readonly StaffRole[] = ['admin'];

export function mayAdminister(role: StaffRole): boolean {
  return ADMIN_ROLES.includes(role);
}
