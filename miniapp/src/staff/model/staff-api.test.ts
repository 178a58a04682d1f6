import { ApiError } from '../../common/api-error'
import { detailFixture, loginFixture, summaryFixture, TASK_ID } from './testing/fixtures'
import { errorBody, fakeApi, json } from '../../common/testing/fixtures'
import { createStaffApi, taskListQuery } from './staff-api'

describe('staff api client', () => {
  it('logs in with username and password and returns the parsed session', async () => {
    const api = fakeApi({ 'POST /v1/staff/login': () => json(200, loginFixture()) })
    const session = await createStaffApi({ baseUrl: 'http://x/', transport: api.transport }).login('agent.east', 'pw')
    expect(session.staff.role).toBe('agent')
    expect(api.requests[0]).toMatchObject({ method: 'POST', url: 'http://x/v1/staff/login', body: { username: 'agent.east', password: 'pw' } })
    expect(api.requests[0].headers.authorization).toBeUndefined()
  })

  it('lists tasks with the tab’s filter and the bearer token', async () => {
    const api = fakeApi({ 'GET /v1/tasks': () => json(200, { items: [summaryFixture()], nextCursor: 'abc' }) })
    const list = await createStaffApi({ baseUrl: 'http://x', transport: api.transport }).listTasks('tok', { mine: true, limit: 50, cursor: 'a b' })
    expect(list.items[0].taskId).toBe(TASK_ID)
    expect(list.nextCursor).toBe('abc')
    expect(api.requests[0].url).toBe('http://x/v1/tasks?mine=true&limit=50&cursor=a%20b')
    expect(api.requests[0].headers.authorization).toBe('Bearer tok')
  })

  it('builds no query string for no filter, and leaves out empty values', () => {
    expect(taskListQuery()).toBe('')
    expect(taskListQuery({ status: 'open', queue: '', cursor: undefined })).toBe('?status=open')
  })

  it('posts each step to its endpoint and parses the task it answers with', async () => {
    const api = fakeApi({
      'POST /v1/tasks/': (request) =>
        request.url.endsWith('/reveal-phone') ? json(200, { phone: '13812345678', revealedAt: '2026-11-23T03:00:00.000Z' }) : json(200, detailFixture({ status: 'in_progress', assignee: 'agent.east' })),
    })
    const client = createStaffApi({ baseUrl: 'http://x', transport: api.transport })
    await client.claim('t', TASK_ID)
    await client.logAttempt('t', TASK_ID, { result: 'no_answer', note: '无人接听' })
    expect(await client.revealPhone('t', TASK_ID)).toEqual({ phone: '13812345678', revealedAt: '2026-11-23T03:00:00.000Z' })
    await client.resolve('t', TASK_ID, { outcome: 'resolved', rootCause: 'staffing' })
    await client.reopen('t', TASK_ID, {})
    await client.assign('t', TASK_ID, { staffId: 'agent.east' })
    expect(api.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `POST /v1/tasks/${TASK_ID}/claim`,
      `POST /v1/tasks/${TASK_ID}/attempts`,
      `POST /v1/tasks/${TASK_ID}/reveal-phone`,
      `POST /v1/tasks/${TASK_ID}/resolve`,
      `POST /v1/tasks/${TASK_ID}/reopen`,
      `POST /v1/tasks/${TASK_ID}/assign`,
    ])
    expect(api.requests[1].body).toEqual({ result: 'no_answer', note: '无人接听' })
    expect(api.requests[5].body).toEqual({ staffId: 'agent.east' })
  })

  it('refuses a task that does not match the contract', async () => {
    const api = fakeApi({ 'GET /v1/tasks/': () => json(200, { ...detailFixture(), timeline: [{ type: 'exploded', at: 'now' }] }) })
    const error = await createStaffApi({ baseUrl: 'http://x', transport: api.transport }).getTask('t', TASK_ID).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'invalid-response' })
    expect(error.details[0].path[0]).toBe('timeline')
  })

  it('carries the server’s conflict code', async () => {
    const api = fakeApi({ 'POST /v1/tasks/': () => json(409, errorBody('already_claimed')) })
    const error = await createStaffApi({ baseUrl: 'http://x', transport: api.transport }).claim('t', TASK_ID).catch((e) => e)
    expect(error).toMatchObject({ kind: 'http', status: 409, code: 'already_claimed' })
  })

  it('escapes the task id in the path', async () => {
    const api = fakeApi({ 'GET /v1/tasks/': () => json(404, errorBody('not_found')) })
    await createStaffApi({ baseUrl: 'http://x', transport: api.transport }).getTask('t', '../staff/login').catch(() => undefined)
    expect(api.requests[0].url).toBe('http://x/v1/tasks/..%2Fstaff%2Flogin')
  })
})
