import {
  TASK_TRANSITIONS, slaDueAt,
  type Actor, type Assignee, type AssignRequest, type AttemptRequest, type ReopenRequest, type ResolveRequest,
  type StaffProfile, type StaffRecord, type Task, type TaskTransition, type TimelineEntry,
} from '@xinsheng/shared';
import { decrypt } from '../lib/crypto';
import { DomainError, badRequest } from '../lib/errors';
import { logger } from '../lib/logger';
import { getStaff, listStaff } from '../data/staff-repo';
import {
  getFollowUpPolicy, getTask, recordAssignment, recordAttempt, recordClaim, recordPhoneReveal, recordRecoveryInvited, recordReopen, recordResolution,
} from '../data/tasks-repo';
import { OVERRIDE_ROLES, assertMayAct, inScope, mayAct, type TaskAction } from '../staff/scope';
import { inviteRecovery } from './recovery-invitation';

/**
 * The callback task's state machine, for staff requests. The guards are TASK_TRANSITIONS (shared/);
 * every change is one conditional write whose condition is the transition's guard, and when it
 * fails the task is read again to name the conflict (409) — so two agents racing to claim or
 * resolve cannot both win.
 *
 *   open ──claim/assign──▶ in_progress ──resolve──▶ resolved ──reopen (supervisor)──▶ open
 *   attempts and reveal-phone: in_progress, by the assignee (or a supervisor/admin).
 */

const stateConflict = (code: string, message: string) => new DomainError(409, code, message);

const actor = (staff: StaffProfile): Actor => ({ staffId: staff.staffId, name: staff.name, role: staff.role });

async function loadFor(staff: StaffProfile, action: TaskAction, taskId: string): Promise<Task> {
  const task = await getTask(taskId, true);
  assertMayAct(staff, action, task);
  return task;
}

/** Why a transition's guarded write did not apply, from the task as it is now. */
function explain(task: Task | undefined, staff: StaffProfile, transition: TaskTransition): DomainError {
  const wanted = TASK_TRANSITIONS[transition].from;
  if (!task) return new DomainError(404, 'not_found', 'no such task');
  if (task.status === 'resolved' && !wanted.includes('resolved')) return stateConflict('already_resolved', 'this task is resolved already');
  if (wanted.includes('open') && task.status === 'in_progress') return stateConflict('already_claimed', `this task is claimed by ${task.assignee ?? 'someone'} already`);
  if (wanted.includes('resolved')) return stateConflict('not_resolved', 'only a resolved task can be reopened');
  if (task.status === 'open') return stateConflict('not_claimed', 'claim this task first');
  if (task.assignee !== staff.staffId) return stateConflict('not_assignee', `this task is claimed by ${task.assignee ?? 'someone else'}`);
  return stateConflict('conflict', 'the task changed meanwhile; reload it');
}

/** The task after a guarded write, or the 409/404 that says why the write did not apply. */
async function applied(staff: StaffProfile, task: Task, transition: TaskTransition, changed: Task | undefined): Promise<Task> {
  if (changed) return changed;
  throw explain(await getTask(task.taskId, true), staff, transition);
}

/**
 * A guarded write that may lose to a change its guard does not forbid — another reached attempt
 * making the first contact, a count flag set meanwhile — is tried once more from a fresh read
 * (the write decides again from it); a write that still fails is explained (409/404).
 */
async function appliedFresh(staff: StaffProfile, task: Task, transition: TaskTransition, write: (task: Task) => Promise<Task | undefined>): Promise<Task> {
  const changed = await write(task);
  if (changed) return changed;
  const fresh = await getTask(task.taskId, true);
  if (fresh && fresh.version !== task.version) {
    const again = await write(fresh);
    if (again) return again;
  }
  throw explain(fresh, staff, transition);
}

/** Who the task must be assigned to for this transition: the caller, unless their role may override. */
function requiredAssignee(staff: StaffProfile, transition: TaskTransition): string | undefined {
  return TASK_TRANSITIONS[transition].assigneeOnly && !OVERRIDE_ROLES.includes(staff.role) ? staff.staffId : undefined;
}

export async function getTaskFor(staff: StaffProfile, taskId: string): Promise<Task> {
  return loadFor(staff, 'read', taskId);
}

export async function claimTask(staff: StaffProfile, taskId: string, now: Date): Promise<Task> {
  const task = await loadFor(staff, 'claim', taskId);
  if (task.status === 'in_progress' && task.assignee === staff.staffId) return task; // a retried claim
  return applied(staff, task, 'claim', await recordClaim(task, staff.staffId, { type: 'claimed', at: now.toISOString(), by: actor(staff) }));
}

export async function logAttempt(staff: StaffProfile, taskId: string, request: AttemptRequest, now: Date): Promise<Task> {
  const task = await loadFor(staff, 'attempt', taskId);
  const entry: TimelineEntry = { type: 'attempt', at: now.toISOString(), by: actor(staff), result: request.result, ...(request.note ? { note: request.note } : {}) };
  return appliedFresh(staff, task, 'attempt', (current) => {
    // The first time the customer is reached, the SLA is met.
    const firstContact = request.result === 'reached' && !current.firstContactAt;
    return recordAttempt(current, entry, { assignee: requiredAssignee(staff, 'attempt'), ...(firstContact ? { firstContactAt: now.toISOString() } : {}) });
  });
}

/** The customer's full number, for the call; the reveal is written to the timeline before it is returned. */
export async function revealPhone(staff: StaffProfile, taskId: string, now: Date): Promise<{ phone: string; revealedAt: string }> {
  const task = await loadFor(staff, 'reveal_phone', taskId);
  if (!task.phoneSealed) throw stateConflict('no_phone', 'no phone number is known for this customer');
  const entry: TimelineEntry = { type: 'phone_revealed', at: now.toISOString(), by: actor(staff) };
  const audited = await applied(staff, task, 'reveal_phone', await recordPhoneReveal(task, entry, requiredAssignee(staff, 'reveal_phone')));
  logger.info('phone revealed', { taskId, staffId: staff.staffId });
  return { phone: decrypt(audited.phoneSealed ?? task.phoneSealed), revealedAt: now.toISOString() };
}

export async function resolveTask(staff: StaffProfile, taskId: string, request: ResolveRequest, now: Date): Promise<Task> {
  const task = await loadFor(staff, 'resolve', taskId);
  const at = now.toISOString();
  const entry: TimelineEntry = { type: 'resolved', at, by: actor(staff), outcome: request.outcome, rootCause: request.rootCause, ...(request.note ? { note: request.note } : {}) };
  const resolved = await appliedFresh(staff, task, 'resolve', (current) =>
    recordResolution(current, { outcome: request.outcome, rootCause: request.rootCause, resolvedAt: at }, entry, requiredAssignee(staff, 'resolve')),
  );
  // Outbound webhooks: task.resolved comes from this write on the main table's stream (webhooks/on-main-stream.ts), not from here.
  const resurvey = request.resurvey ?? (request.outcome === 'resolved' || request.outcome === 'compensated');
  if (!resurvey) return resolved;
  // The resolve stands whatever happens to the follow-up survey; a failure is logged, not returned.
  try {
    const invited = await inviteRecovery(resolved, now);
    if (!invited) return resolved;
    return (await recordRecoveryInvited(resolved, invited)) ?? resolved;
  } catch (error) {
    logger.error('recovery survey not created', { taskId, error: error as Error });
    return resolved;
  }
}

export async function reopenTask(staff: StaffProfile, taskId: string, request: ReopenRequest, now: Date): Promise<Task> {
  const task = await loadFor(staff, 'reopen', taskId);
  const policy = await getFollowUpPolicy(task.brandId);
  const hours = policy.slaHours[task.priority === 'normal' ? 'normal' : 'urgent'];
  const dueAt = slaDueAt(now, hours, task.timeZone, policy.businessHours).toISOString();
  // Back to the queue it was routed to (an escalation had moved it to the supervisors').
  const created = task.timeline.find((e) => e.type === 'created');
  const queue = created?.type === 'created' ? created.queue : task.queue;
  const entry: TimelineEntry = { type: 'reopened', at: now.toISOString(), by: actor(staff), dueAt, ...(request.note ? { note: request.note } : {}) };
  return applied(staff, task, 'reopen', await recordReopen(task, { dueAt, queue }, entry));
}

/** Whether an account can be handed a task: active, a role that works tasks, the task in its scope. */
function canTake(candidate: StaffRecord | undefined, task: Task): candidate is StaffRecord {
  return !!candidate && !candidate.disabled && mayAct(candidate.role, 'claim') && inScope(candidate, task);
}

/** The people a supervisor may hand this task to: agents first, then by name. */
export async function assigneesFor(staff: StaffProfile, taskId: string): Promise<Assignee[]> {
  const task = await loadFor(staff, 'assign', taskId);
  const rank = (role: Assignee['role']) => (role === 'agent' ? 0 : 1);
  return (await listStaff(task.brandId))
    .filter((candidate) => canTake(candidate, task))
    .map(({ staffId, name, role }) => ({ staffId, name, role }))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name, 'zh-CN') || a.staffId.localeCompare(b.staffId));
}

/** A supervisor hands a task to someone who may work it and can see it. */
export async function assignTask(staff: StaffProfile, taskId: string, request: AssignRequest, now: Date): Promise<Task> {
  const task = await loadFor(staff, 'assign', taskId);
  const target = await getStaff(request.staffId);
  if (!canTake(target, task)) {
    throw badRequest('this staff member cannot take this task', [{ path: ['body', 'staffId'], message: 'unknown, disabled, not an agent or out of the task’s scope' }]);
  }
  const entry: TimelineEntry = { type: 'assigned', at: now.toISOString(), by: actor(staff), to: target.staffId };
  return applied(staff, task, 'assign', await recordAssignment(task, target.staffId, entry));
}

