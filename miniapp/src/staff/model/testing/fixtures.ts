import { ZStaffLoginResponse, ZTaskDetail, ZTaskSummary, type StaffLoginResponse, type StaffRole, type TaskDetail, type TaskSummary } from '@xinsheng/shared'

/** Workbench fixtures, each parsed through its schema (never cast). Not imported by the app. */

export const TASK_ID = '01JTASK0000000000000000000'

export function loginFixture(role: StaffRole = 'agent', overrides: Partial<StaffLoginResponse> = {}): StaffLoginResponse {
  const staffId = role === 'agent' ? 'agent.east' : role === 'supervisor' ? 'supervisor.east' : role
  return ZStaffLoginResponse.parse({
    token: `token-${staffId}`,
    expiresAt: '2030-01-01T00:00:00.000Z',
    staff: { staffId, brandId: 'demo-brand', name: '华东回访专员', role, scope: { allRegions: false, regions: ['east'], stores: [] } },
    ...overrides,
  })
}

export function summaryFixture(overrides: Partial<TaskSummary> = {}): TaskSummary {
  return ZTaskSummary.parse({
    taskId: TASK_ID,
    responseId: TASK_ID,
    storeId: 'sh-001',
    storeName: '上海南京西路店',
    region: 'east',
    status: 'open',
    priority: 'urgent',
    queue: 'region:east',
    escalated: false,
    createdAt: '2026-11-23T02:00:00.000Z',
    dueAt: '2026-11-23T06:00:00.000Z',
    breached: false,
    nps: 2,
    commentPreview: '排队太久',
    ...overrides,
  })
}

export function detailFixture(overrides: Partial<TaskDetail> = {}): TaskDetail {
  const summary = summaryFixture(overrides)
  return ZTaskDetail.parse({
    ...summary,
    answers: { nps: summary.nps, reasons: ['long_wait'], comment: '排队太久' },
    band: 'detractor',
    touchpoint: 'in_store',
    orderId: 'order-1',
    staffId: 'sh-001-wang',
    submittedAt: '2026-11-23T02:00:00.000Z',
    store: { storeId: summary.storeId, name: summary.storeName ?? summary.storeId, region: summary.region },
    phoneMasked: '138****5678',
    timeline: [{ type: 'created', at: '2026-11-23T02:00:00.000Z', queue: 'region:east', priority: 'urgent', dueAt: summary.dueAt }],
    ...overrides,
  })
}
