import {
  ZAssigneeList,
  ZRevealPhoneResponse,
  ZStaffLoginResponse,
  ZTaskDetail,
  ZTaskList,
  type Assignee,
  type AssignRequest,
  type AttemptRequest,
  type ReopenRequest,
  type ResolveRequest,
  type RevealPhoneResponse,
  type StaffLoginResponse,
  type TaskDetail,
  type TaskList,
} from '@xinsheng/shared'
import { createJsonCaller } from '../../common/http-json'
import type { HttpTransport } from '../../common/ports'

/** The list filters the workbench uses (the query of GET /v1/tasks, as the client sends it). */
export interface TaskListFilter {
  status?: string
  queue?: string
  mine?: boolean
  escalated?: boolean
  limit?: number
  cursor?: string
}

export interface StaffApi {
  login(username: string, password: string): Promise<StaffLoginResponse>
  listTasks(token: string, filter?: TaskListFilter): Promise<TaskList>
  getTask(token: string, taskId: string): Promise<TaskDetail>
  claim(token: string, taskId: string): Promise<TaskDetail>
  logAttempt(token: string, taskId: string, request: AttemptRequest): Promise<TaskDetail>
  revealPhone(token: string, taskId: string): Promise<RevealPhoneResponse>
  resolve(token: string, taskId: string, request: ResolveRequest): Promise<TaskDetail>
  reopen(token: string, taskId: string, request: ReopenRequest): Promise<TaskDetail>
  /** Who the task can be handed to (supervisors and admins). */
  assignees(token: string, taskId: string): Promise<Assignee[]>
  assign(token: string, taskId: string, request: AssignRequest): Promise<TaskDetail>
}

export function taskListQuery(filter: TaskListFilter = {}): string {
  const params: string[] = []
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue
    params.push(`${name}=${encodeURIComponent(String(value))}`)
  }
  return params.length ? `?${params.join('&')}` : ''
}

/**
 * The staff side of the API (bearer staff token). Every answer is parsed with the shared schema;
 * every non-2xx becomes an ApiError with the server's code (401 → log in again, 409 names the conflict).
 */
export function createStaffApi({ baseUrl, transport, timeoutMs = 15_000 }: { baseUrl: string; transport: HttpTransport; timeoutMs?: number }): StaffApi {
  const { call, parse } = createJsonCaller({ baseUrl, transport, timeoutMs })
  const taskPath = (taskId: string, action = '') => `/v1/tasks/${encodeURIComponent(taskId)}${action}`
  const taskAction = async (token: string, taskId: string, action: string, body: unknown = {}) =>
    parse(ZTaskDetail, await call('POST', taskPath(taskId, action), token, body), `POST /v1/tasks/{id}${action}`)

  return {
    async login(username, password) {
      return parse(ZStaffLoginResponse, await call('POST', '/v1/staff/login', undefined, { username, password }), 'POST /v1/staff/login')
    },
    async listTasks(token, filter) {
      return parse(ZTaskList, await call('GET', `/v1/tasks${taskListQuery(filter)}`, token), 'GET /v1/tasks')
    },
    async getTask(token, taskId) {
      return parse(ZTaskDetail, await call('GET', taskPath(taskId), token), 'GET /v1/tasks/{id}')
    },
    claim: (token, taskId) => taskAction(token, taskId, '/claim'),
    logAttempt: (token, taskId, request) => taskAction(token, taskId, '/attempts', request),
    async revealPhone(token, taskId) {
      return parse(ZRevealPhoneResponse, await call('POST', taskPath(taskId, '/reveal-phone'), token, {}), 'POST /v1/tasks/{id}/reveal-phone')
    },
    resolve: (token, taskId, request) => taskAction(token, taskId, '/resolve', request),
    reopen: (token, taskId, request) => taskAction(token, taskId, '/reopen', request),
    async assignees(token, taskId) {
      return parse(ZAssigneeList, await call('GET', taskPath(taskId, '/assignees'), token), 'GET /v1/tasks/{id}/assignees').items
    },
    assign: (token, taskId, request) => taskAction(token, taskId, '/assign', request),
  }
}
