import { dashboardEn } from './dashboard-en'
import type { StaffTexts } from './texts'

export const staffEn: StaffTexts = {
  locale: 'en',
  title: 'Callback workbench',
  login: {
    title: 'Sign in to the callback workbench',
    intro: 'Use the staff account you were given.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    required: 'Enter your username and password',
    invalidCredentials: 'Wrong username or password',
    sessionEnded: 'Your session has ended; please sign in again',
    tooManyAttempts: (minutes) => (minutes ? `Too many wrong passwords; try again in ${minutes} min` : 'Too many wrong passwords; try again later'),
  },
  header: { signedInAs: (name, role) => `${name} (${role})`, logout: 'Sign out' },
  roles: { agent: 'Agent', supervisor: 'Supervisor', manager: 'Manager', admin: 'Admin' },
  tabsLabel: 'Task queues',
  tabs: { mine: 'Mine', open: 'Open', escalated: 'Escalated', resolved: 'Resolved' },
  queue: {
    label: 'Tasks',
    refresh: 'Refresh',
    loading: 'Loading…',
    empty: { mine: 'You have no tasks in progress', open: 'No open tasks', escalated: 'No escalated tasks', resolved: 'No resolved tasks' },
    loadMore: 'Load more',
    noComment: '(no comment)',
    assignedTo: (name) => `Assignee: ${name}`,
  },
  priority: { normal: 'Normal', urgent: 'Urgent', critical: 'Critical' },
  status: { open: 'Open', in_progress: 'In progress', resolved: 'Resolved' },
  sla: {
    dueIn: (left) => `${left} left`,
    overdue: (late) => `${late} overdue`,
    met: 'Contacted in time',
    closed: 'Resolved',
    dueAt: (time) => `Due ${time}`,
  },
  units: { day: 'd ', hour: 'h ', minute: 'm' },
  score: (nps) => `Score ${nps}`,
  detail: {
    placeholder: 'Choose a task from the list',
    back: 'Back to the list',
    loading: 'Loading…',
    answer: 'What the customer said',
    nps: 'Likely to recommend',
    csat: 'Satisfaction',
    reasons: 'Reasons',
    comment: 'Comment',
    store: 'Store',
    staff: 'Staff member',
    order: 'Order',
    touchpoint: 'Touchpoint',
    submittedAt: 'Answered',
    phone: 'Phone',
    noPhone: 'No phone number',
    timeline: 'Timeline',
    actions: 'Work this task',
    assignee: 'Assignee',
    outcome: 'Outcome',
    rootCause: 'Root cause',
  },
  touchpoints: { purchase: 'Purchase', in_store: 'In store', online: 'Online', delivery: 'Delivery', service: 'After-sales', pickup: 'Pickup' },
  reasons: {
    long_wait: 'Long wait',
    staff_attitude: 'Unfriendly staff',
    out_of_stock: 'Out of stock',
    product_quality: 'Product quality',
    price: 'Prices too high',
    store_cleanliness: 'Untidy store',
    product_range: 'Product range',
    staff_helpfulness: 'Staff helpfulness',
  },
  actions: {
    claim: 'Claim',
    reveal: 'Reveal phone and call',
    call: 'Call',
    phoneRevealedHint: 'The reveal is on the record',
    attemptTitle: 'Log a call attempt',
    attemptResult: 'Result',
    results: { reached: 'Reached', no_answer: 'No answer', wrong_number: 'Wrong number', call_back_later: 'Call back later' },
    note: 'Note',
    logAttempt: 'Log attempt',
    attemptLogged: 'Logged',
    resolveTitle: 'Resolve',
    outcomes: { resolved: 'Resolved', compensated: 'Compensated', unreachable: 'Unreachable', no_action_needed: 'No action needed' },
    rootCauseLabel: 'Root cause',
    rootCauses: {
      staffing: 'Understaffed',
      staff_attitude: 'Staff attitude',
      training: 'Training',
      stock: 'Out of stock',
      product_quality: 'Product quality',
      pricing: 'Pricing',
      process: 'Process',
      customer_expectation: 'Customer expectation',
      other: 'Other',
    },
    resolve: 'Resolve',
    resolved: 'Resolved',
    reopenTitle: 'Reopen',
    reopen: 'Reopen task',
    assignTo: 'Reassign to',
    assign: 'Reassign',
    readOnly: 'Your role can only view tasks.',
    claimFirst: 'Claim the task to contact the customer.',
    rootCauseRequired: 'Choose a root cause',
    resultRequired: 'Choose what happened',
    outcomeRequired: 'Choose an outcome',
    assigneeRequired: 'Choose who takes it over',
    noAssignees: 'Nobody else in this task’s scope can take it.',
  },
  timeline: (entry, t) => {
    switch (entry.type) {
      case 'created':
        return `Task created (${t.priority[entry.priority]})`
      case 'claimed':
        return 'Claimed'
      case 'assigned':
        return `Assigned to ${entry.to}`
      case 'attempt':
        return `Call attempt: ${t.actions.results[entry.result]}`
      case 'phone_revealed':
        return 'Phone number revealed'
      case 'escalated':
        return `Escalated (${t.priority[entry.priority]})`
      case 'resolved':
        return `Resolved: ${t.actions.outcomes[entry.outcome]}`
      case 'reopened':
        return 'Reopened'
      case 'recovery_invited':
        return 'Follow-up survey scheduled'
      case 'recovered':
        return `Follow-up score ${entry.nps}`
      case 'notified':
        return entry.ok ? 'WeCom group notified' : 'WeCom notice failed'
      case 'customer_notified':
        return entry.ok ? 'Customer notified in WeChat' : `WeChat notice to the customer failed${entry.errcode ? ` (${entry.errcode})` : ''}`
    }
  },
  errors: {
    already_claimed: 'Someone else has claimed this task.',
    already_resolved: 'This task is resolved already.',
    not_claimed: 'Claim the task first.',
    not_assignee: 'Someone else is working this task.',
    not_resolved: 'Only a resolved task can be reopened.',
    no_phone: 'The customer left no phone number.',
    conflict: 'The task changed meanwhile; refresh and try again.',
    forbidden_role: 'Your role may not do this.',
    not_found: 'No such task, or it is not yours to see.',
    invalid_request: 'Something in the form is not right; check it and try again.',
    network: 'No connection; check the network and try again.',
    server: 'The service is busy; try again later.',
  },
  dashboard: dashboardEn,
}
