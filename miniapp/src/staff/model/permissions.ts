import { mayAct, OVERRIDE_ROLES, type StaffProfile, type StaffRole, type TaskDetail } from '@xinsheng/shared'
import type { TaskListFilter } from './staff-api'

/** The steps on this task that this staff member can take now, in the order an agent takes them. */
export interface TaskActions {
  claim: boolean
  /** Reveal the phone (and call): on a claimed task, by its assignee or a supervisor. */
  call: boolean
  attempt: boolean
  resolve: boolean
  reopen: boolean
  assign: boolean
}

export function availableActions(task: Pick<TaskDetail, 'status' | 'assignee' | 'phoneMasked'>, staff: Pick<StaffProfile, 'staffId' | 'role'>): TaskActions {
  const working = task.status === 'in_progress' && (task.assignee === staff.staffId || OVERRIDE_ROLES.includes(staff.role))
  return {
    claim: task.status === 'open' && mayAct(staff.role, 'claim'),
    call: working && !!task.phoneMasked && mayAct(staff.role, 'reveal_phone'),
    attempt: working && mayAct(staff.role, 'attempt'),
    resolve: working && mayAct(staff.role, 'resolve'),
    reopen: task.status === 'resolved' && mayAct(staff.role, 'reopen'),
    assign: task.status !== 'resolved' && mayAct(staff.role, 'assign'),
  }
}

export type QueueTab = 'mine' | 'open' | 'escalated' | 'resolved'

/** The tabs of the queue: everyone has mine / open / escalated; whoever may reopen also sees the resolved. */
export function queueTabs(role: StaffRole): QueueTab[] {
  const tabs: QueueTab[] = mayAct(role, 'claim') ? ['mine', 'open', 'escalated'] : ['open', 'escalated']
  return mayAct(role, 'reopen') ? [...tabs, 'resolved'] : tabs
}

/** Supervisors start on the escalations; everybody else on the open tasks, first due first. */
export function defaultTab(role: StaffRole): QueueTab {
  return mayAct(role, 'assign') ? 'escalated' : 'open'
}

export function tabFilter(tab: QueueTab): TaskListFilter {
  switch (tab) {
    case 'mine':
      return { mine: true }
    case 'open':
      return { status: 'open' }
    case 'escalated':
      return { escalated: true }
    case 'resolved':
      return { status: 'resolved' }
  }
}
