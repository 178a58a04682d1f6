import type { AttemptResult, Locale, ResolveOutcome, StaffRole, TaskPriority, TaskStatus, TimelineEntry, Touchpoint } from '@xinsheng/shared'
import type { DurationUnits } from '../countdown'
import type { QueueTab } from '../permissions'
import type { DashboardTexts } from './dashboard-texts'

/** The root causes an agent picks from when resolving (sent as `rootCause`). */
export const ROOT_CAUSES = ['staffing', 'staff_attitude', 'training', 'stock', 'product_quality', 'pricing', 'process', 'customer_expectation', 'other'] as const
export type RootCause = (typeof ROOT_CAUSES)[number]

export type StaffErrorKey =
  | 'already_claimed'
  | 'already_resolved'
  | 'not_claimed'
  | 'not_assignee'
  | 'not_resolved'
  | 'no_phone'
  | 'conflict'
  | 'forbidden_role'
  | 'not_found'
  | 'invalid_request'
  | 'network'
  | 'server'

/** Every fixed text of the staff workbench (login, queue, task). The survey's are in texts.ts. */
export interface StaffTexts {
  locale: Locale
  title: string
  login: {
    title: string
    intro: string
    username: string
    password: string
    submit: string
    submitting: string
    required: string
    invalidCredentials: string
    sessionEnded: string
    /** After repeated wrong passwords the server pauses logins for this account (429). */
    tooManyAttempts: (minutes: number | undefined) => string
  }
  header: { signedInAs: (name: string, role: string) => string; logout: string }
  roles: Record<StaffRole, string>
  tabsLabel: string
  tabs: Record<QueueTab, string>
  queue: {
    label: string
    refresh: string
    loading: string
    empty: Record<QueueTab, string>
    loadMore: string
    noComment: string
    assignedTo: (name: string) => string
  }
  priority: Record<TaskPriority, string>
  status: Record<TaskStatus, string>
  sla: { dueIn: (left: string) => string; overdue: (late: string) => string; met: string; closed: string; dueAt: (time: string) => string }
  units: DurationUnits
  score: (nps: number) => string
  detail: {
    placeholder: string
    back: string
    loading: string
    answer: string
    nps: string
    csat: string
    reasons: string
    comment: string
    store: string
    staff: string
    order: string
    touchpoint: string
    submittedAt: string
    phone: string
    noPhone: string
    timeline: string
    actions: string
    assignee: string
    outcome: string
    rootCause: string
  }
  touchpoints: Record<Touchpoint, string>
  /** Labels of the demo survey's reason ids; any other id is shown as it is. */
  reasons: Record<string, string>
  actions: {
    claim: string
    reveal: string
    call: string
    phoneRevealedHint: string
    attemptTitle: string
    attemptResult: string
    results: Record<AttemptResult, string>
    note: string
    logAttempt: string
    attemptLogged: string
    resolveTitle: string
    outcomes: Record<ResolveOutcome, string>
    rootCauseLabel: string
    rootCauses: Record<RootCause, string>
    resolve: string
    resolved: string
    reopenTitle: string
    reopen: string
    assignTo: string
    assign: string
    readOnly: string
    claimFirst: string
    rootCauseRequired: string
    resultRequired: string
    outcomeRequired: string
    assigneeRequired: string
    noAssignees: string
  }
  timeline: (entry: TimelineEntry, texts: StaffTexts) => string
  errors: Record<StaffErrorKey, string>
  /** The insight dashboard (dashboard-zh-CN.ts, dashboard-en.ts). */
  dashboard: DashboardTexts
}
