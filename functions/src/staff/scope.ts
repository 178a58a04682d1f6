import { mayAct, type StaffProfile, type Task, type TaskAction } from '@xinsheng/shared';
import { DomainError } from '../lib/errors';

/**
 * Who may do what to which task. Two questions, always in this order:
 * 1. Is the task in the caller's scope (their brand, and one of their regions or stores)?
 *    If not, the task does not exist for them: 404 on every endpoint, reads and writes alike,
 *    so nobody learns which task ids exist outside their scope.
 * 2. May the caller's role take this action? If not: 403 `forbidden_role`.
 * State conflicts (already claimed, not yours, already resolved) come after both: 409.
 */
// The role table itself is shared with the workbench: one rule, in @xinsheng/shared.
export { OVERRIDE_ROLES, ROLE_ACTIONS, mayAct, type TaskAction } from '@xinsheng/shared';

export function inScope(staff: Pick<StaffProfile, 'brandId' | 'scope'>, task: Pick<Task, 'brandId' | 'region' | 'storeId'>): boolean {
  if (staff.brandId !== task.brandId) return false;
  return staff.scope.allRegions || staff.scope.regions.includes(task.region) || staff.scope.stores.includes(task.storeId);
}

export const taskNotFound = () => new DomainError(404, 'not_found', 'no such task');
export const forbiddenRole = (action: TaskAction) => new DomainError(403, 'forbidden_role', `your role may not ${action.replace('_', ' ')} tasks`);

/** Throws the one right error unless the staff member may take this action on this task. */
export function assertMayAct(staff: StaffProfile, action: TaskAction, task: Task | undefined): asserts task is Task {
  if (!task || !inScope(staff, task)) throw taskNotFound();
  if (!mayAct(staff.role, action)) throw forbiddenRole(action);
}
