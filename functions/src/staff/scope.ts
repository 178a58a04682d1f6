import type { StaffProfile, StaffRole, Task } from '@xinsheng/shared';
import { DomainError } from '../lib/errors';

/**
 * Who may do what to which task. Two questions, always in this order:
 * 1. Is the task in the caller's scope (their brand, and one of their regions or stores)?
 *    If not, the task does not exist for them: 404 on every endpoint, reads and writes alike,
 *    so nobody learns which task ids exist outside their scope.
 * 2. May the caller's role take this action? If not: 403 `forbidden_role`.
 * State conflicts (already claimed, not yours, already resolved) come after both: 409.
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

export function inScope(staff: Pick<StaffProfile, 'brandId' | 'scope'>, task: Pick<Task, 'brandId' | 'region' | 'storeId'>): boolean {
  if (staff.brandId !== task.brandId) return false;
  return staff.scope.allRegions || staff.scope.regions.includes(task.region) || staff.scope.stores.includes(task.storeId);
}

export function mayAct(role: StaffRole, action: TaskAction): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

export const taskNotFound = () => new DomainError(404, 'not_found', 'no such task');
export const forbiddenRole = (action: TaskAction) => new DomainError(403, 'forbidden_role', `your role may not ${action.replace('_', ' ')} tasks`);

/** Throws the one right error unless the staff member may take this action on this task. */
export function assertMayAct(staff: StaffProfile, action: TaskAction, task: Task | undefined): asserts task is Task {
  if (!task || !inScope(staff, task)) throw taskNotFound();
  if (!mayAct(staff.role, action)) throw forbiddenRole(action);
}
