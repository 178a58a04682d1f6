/** @jest-environment jsdom */
import type { HttpRequest } from '../../common/ports'
import { act, renderHook, waitFor } from '@testing-library/react'
import { staffTextsFor } from './i18n'
import { memoryStorage } from '../../common/ports'
import { STORAGE_KEYS } from '../../common/storage-keys'
import { errorBody, fakeApi, json, manualTimers } from '../../common/testing/fixtures'
import { detailFixture, loginFixture, summaryFixture, TASK_ID } from './testing/fixtures'
import { createStaffApi } from './staff-api'
import { createStaffSessionStore } from './staff-session'
import { useLogin } from './use-login'
import { useNow } from './use-now'
import { useQueue } from './use-queue'
import { useTask } from './use-task'

const zh = staffTextsFor('zh-CN')

function setup(routes: Parameters<typeof fakeApi>[0], role: 'agent' | 'supervisor' = 'agent') {
  const api = fakeApi(routes)
  const storage = memoryStorage()
  const sessions = createStaffSessionStore(storage, { now: () => Date.parse('2026-11-23T00:00:00.000Z') })
  const session = loginFixture(role)
  const signedOut = jest.fn()
  return { api, storage, sessions, session, signedOut, client: createStaffApi({ baseUrl: 'http://x', transport: api.transport }) }
}

const paths = (requests: HttpRequest[]) => requests.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`)

describe('useLogin', () => {
  it('asks for both fields, then logs in and keeps the session', async () => {
    const { api, sessions, client, storage } = setup({ 'POST /v1/staff/login': () => json(200, loginFixture()) })
    const onSignedIn = jest.fn()
    const { result } = renderHook(() => useLogin({ api: client, sessions, texts: zh, onSignedIn }))
    act(() => result.current.submit())
    expect(result.current.error).toBe('请输入账号和密码')
    expect(api.requests).toHaveLength(0)
    act(() => {
      result.current.setUsername(' Agent.East ')
      result.current.setPassword('pw')
    })
    act(() => result.current.submit())
    await waitFor(() => expect(onSignedIn).toHaveBeenCalled())
    expect(api.requests[0].body).toEqual({ username: 'agent.east', password: 'pw' })
    expect(storage.data.has(STORAGE_KEYS.staffSession)).toBe(true)
  })

  it('says a wrong password is wrong and clears it', async () => {
    const { sessions, client } = setup({ 'POST /v1/staff/login': () => json(401, errorBody('invalid_credentials')) })
    const { result } = renderHook(() => useLogin({ api: client, sessions, texts: zh, onSignedIn: jest.fn() }))
    act(() => {
      result.current.setUsername('agent.east')
      result.current.setPassword('nope')
    })
    act(() => result.current.submit())
    await waitFor(() => expect(result.current.error).toBe('账号或密码错误'))
    expect(result.current.password).toBe('')
    expect(result.current.busy).toBe(false)
  })

  it('says when logins are paused after too many wrong passwords, and for how long', async () => {
    const { sessions, client } = setup({ 'POST /v1/staff/login': () => json(429, errorBody('too_many_attempts'), { 'retry-after': '600' }) })
    const { result } = renderHook(() => useLogin({ api: client, sessions, texts: zh, onSignedIn: jest.fn() }))
    act(() => {
      result.current.setUsername('agent.east')
      result.current.setPassword('nope')
    })
    act(() => result.current.submit())
    await waitFor(() => expect(result.current.error).toBe('密码错误次数过多，请 10 分钟后再试'))
  })
})

describe('useQueue', () => {
  it('loads the tab’s tasks, reloads them on a timer, and reloads another tab from scratch', async () => {
    let round = 0
    const { api, sessions, session, signedOut, client } = setup({
      'GET /v1/tasks': () => json(200, { items: [summaryFixture({ taskId: `01JTASK0000000000000000000${round++}`.slice(0, 26) })] }),
    })
    const timers = manualTimers()
    const { result, rerender } = renderHook(({ tab }) => useQueue(session, tab, zh, { api: client, sessions, onSignedOut: signedOut, timers, refreshMs: 15_000 }), {
      initialProps: { tab: 'open' as 'open' | 'mine' },
    })
    await waitFor(() => expect(result.current.phase).toBe('ready'))
    expect(result.current.items).toHaveLength(1)
    expect(paths(api.requests)).toEqual(['GET /v1/tasks?status=open&limit=50'])

    act(() => timers.advance(15_000))
    await waitFor(() => expect(api.requests).toHaveLength(2))
    await waitFor(() => expect(result.current.refreshing).toBe(false))

    rerender({ tab: 'mine' })
    await waitFor(() => expect(paths(api.requests).at(-1)).toBe('GET /v1/tasks?mine=true&limit=50'))
  })

  it('follows the cursor for more, without repeating a task', async () => {
    const first = summaryFixture({ taskId: '01JTASK0000000000000000001' })
    const second = summaryFixture({ taskId: '01JTASK0000000000000000002' })
    const { sessions, session, signedOut, client, api } = setup({
      'GET /v1/tasks': (r) => (r.url.includes('cursor=') ? json(200, { items: [first, second] }) : json(200, { items: [first], nextCursor: 'c1' })),
    })
    const { result } = renderHook(() => useQueue(session, 'open', zh, { api: client, sessions, onSignedOut: signedOut, refreshMs: 0 }))
    await waitFor(() => expect(result.current.hasMore).toBe(true))
    act(() => result.current.loadMore())
    await waitFor(() => expect(result.current.items.map((t) => t.taskId)).toEqual([first.taskId, second.taskId]))
    expect(result.current.hasMore).toBe(false)
    expect(paths(api.requests)[1]).toContain('cursor=c1')
  })

  it('keeps the rows loaded with "more" through the automatic reload, reading as many as are shown', async () => {
    const ids = ['01JTASK0000000000000000001', '01JTASK0000000000000000002', '01JTASK0000000000000000003', '01JTASK0000000000000000004']
    let tasks = ids.slice(0, 3) // the server's tab, in due order; two per page
    const { sessions, session, signedOut, client, api } = setup({
      'GET /v1/tasks': (r) => {
        const from = r.url.includes('cursor=') ? Number(new URL(r.url).searchParams.get('cursor')) : 0
        const items = tasks.slice(from, from + 2).map((taskId) => summaryFixture({ taskId }))
        return json(200, { items, ...(from + 2 < tasks.length ? { nextCursor: String(from + 2) } : {}) })
      },
    })
    const timers = manualTimers()
    const { result } = renderHook(() => useQueue(session, 'open', zh, { api: client, sessions, onSignedOut: signedOut, timers, refreshMs: 15_000, pageSize: 2 }))
    await waitFor(() => expect(result.current.hasMore).toBe(true))
    act(() => result.current.loadMore())
    await waitFor(() => expect(result.current.items.map((t) => t.taskId)).toEqual(ids.slice(0, 3)))

    // Meanwhile the first task is resolved and a fourth arrives.
    tasks = ids.slice(1)
    act(() => timers.advance(15_000))
    await waitFor(() => expect(api.requests).toHaveLength(4))
    await waitFor(() => expect(result.current.refreshing).toBe(false))
    expect(result.current.items.map((t) => t.taskId)).toEqual(ids.slice(1))
    expect(result.current.hasMore).toBe(false)
    expect(paths(api.requests).slice(2)).toEqual(['GET /v1/tasks?status=open&limit=2', 'GET /v1/tasks?status=open&limit=2&cursor=2'])
  })

  it('pauses while the page is hidden and reloads as soon as it shows again', async () => {
    const { sessions, session, signedOut, client, api } = setup({ 'GET /v1/tasks': () => json(200, { items: [] }) })
    const timers = manualTimers()
    const { result } = renderHook(() => useQueue(session, 'open', zh, { api: client, sessions, onSignedOut: signedOut, timers, refreshMs: 15_000 }))
    await waitFor(() => expect(result.current.phase).toBe('ready'))
    act(() => result.current.setActive(false))
    act(() => timers.advance(60_000))
    await new Promise((r) => setTimeout(r, 20))
    expect(api.requests).toHaveLength(1)
    act(() => result.current.setActive(true))
    await waitFor(() => expect(api.requests).toHaveLength(2))
  })

  it('fetches nothing while the list is not on the screen', async () => {
    const { sessions, session, signedOut, client, api } = setup({ 'GET /v1/tasks': () => json(200, { items: [] }) })
    const timers = manualTimers()
    const { result } = renderHook(() => useQueue(session, 'open', zh, { api: client, sessions, onSignedOut: signedOut, timers, enabled: false }))
    act(() => result.current.refresh())
    act(() => timers.advance(60_000))
    await new Promise((r) => setTimeout(r, 20))
    expect(api.requests).toHaveLength(0)
  })

  it('a 401 forgets the token and signs out', async () => {
    const { sessions, session, signedOut, client, storage } = setup({ 'GET /v1/tasks': () => json(401, errorBody('unauthorized')) })
    await sessions.save(session)
    const { result } = renderHook(() => useQueue(session, 'open', zh, { api: client, sessions, onSignedOut: signedOut, refreshMs: 0 }))
    await waitFor(() => expect(signedOut).toHaveBeenCalledTimes(1))
    expect(storage.data.has(STORAGE_KEYS.staffSession)).toBe(false)
    expect(result.current.error).toBeUndefined()
  })

  it('a failed first load says why; a failed reload keeps the list', async () => {
    let fail = true
    const { sessions, session, signedOut, client } = setup({ 'GET /v1/tasks': () => (fail ? 'offline' : json(200, { items: [summaryFixture()] })) })
    const { result } = renderHook(() => useQueue(session, 'open', zh, { api: client, sessions, onSignedOut: signedOut, refreshMs: 0 }))
    await waitFor(() => expect(result.current.phase).toBe('error'))
    expect(result.current.error).toBe(zh.errors.network)
    fail = false
    act(() => result.current.refresh())
    await waitFor(() => expect(result.current.phase).toBe('ready'))
    fail = true
    act(() => result.current.refresh())
    await waitFor(() => expect(result.current.error).toBe(zh.errors.network))
    expect(result.current.phase).toBe('ready')
    expect(result.current.items).toHaveLength(1)
  })
})

describe('useTask', () => {
  function taskApi(overrides: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) {
    let task = detailFixture()
    const by = { staffId: 'agent.east', name: '华东回访专员', role: 'agent' }
    const at = '2026-11-23T03:00:00.000Z'
    return {
      ...overrides,
      'GET /v1/tasks/': () => json(200, task),
      'POST /v1/tasks/': (request: HttpRequest) => {
        const action = request.url.split('/').at(-1)
        if (overrides[`POST ${action}`]) return overrides[`POST ${action}`](request)
        if (action === 'claim') task = detailFixture({ ...task, status: 'in_progress', assignee: 'agent.east', timeline: [...task.timeline, { type: 'claimed', at, by }] })
        if (action === 'attempts') task = detailFixture({ ...task, timeline: [...task.timeline, { type: 'attempt', at, by, ...(request.body as { result: 'no_answer' }) }] })
        if (action === 'reveal-phone') {
          task = detailFixture({ ...task, timeline: [...task.timeline, { type: 'phone_revealed', at, by }] })
          return json(200, { phone: '13812345678', revealedAt: at })
        }
        if (action === 'resolve') task = detailFixture({ ...task, status: 'resolved', ...(request.body as object), timeline: [...task.timeline, { type: 'resolved', at, by, ...(request.body as { outcome: 'resolved' }) }] })
        return json(200, task)
      },
    }
  }

  it('works a task: claim → reveal → attempt → resolve, each answered with the task as it is now', async () => {
    const { api, sessions, session, signedOut, client } = setup(taskApi())
    const onChanged = jest.fn()
    const { result } = renderHook(() => useTask(session, TASK_ID, zh, { api: client, sessions, onSignedOut: signedOut, onChanged }))
    await waitFor(() => expect(result.current.phase).toBe('ready'))
    expect(result.current.actions).toMatchObject({ claim: true, call: false, attempt: false, resolve: false })

    act(() => result.current.claim())
    await waitFor(() => expect(result.current.task?.status).toBe('in_progress'))
    expect(result.current.actions).toMatchObject({ claim: false, call: true, attempt: true, resolve: true })
    expect(result.current.done).toBe('claim')

    let phone: string | undefined
    await act(async () => {
      phone = await result.current.reveal()
    })
    expect(phone).toBe('13812345678')
    expect(result.current.phone).toBe('13812345678')
    await waitFor(() => expect(result.current.task?.timeline.map((e) => e.type)).toContain('phone_revealed'))

    act(() => result.current.logAttempt())
    expect(result.current.fieldErrors.attemptResult).toBe(zh.actions.resultRequired)
    act(() => result.current.setAttempt({ result: 'no_answer', note: ' 无人接听 ' }))
    expect(result.current.fieldErrors.attemptResult).toBeUndefined()
    act(() => result.current.logAttempt())
    await waitFor(() => expect(result.current.done).toBe('attempt'))
    expect(result.current.attempt).toEqual({ note: '' })

    act(() => result.current.setResolution({ outcome: 'resolved' }))
    act(() => result.current.resolve())
    expect(result.current.fieldErrors.rootCause).toBe(zh.actions.rootCauseRequired)
    act(() => result.current.setResolution({ rootCause: 'staffing', note: '致歉' }))
    act(() => result.current.resolve())
    await waitFor(() => expect(result.current.task?.status).toBe('resolved'))
    expect(result.current.phone).toBeUndefined()

    const posts = api.requests.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.url.split('/').at(-1))).toEqual(['claim', 'reveal-phone', 'attempts', 'resolve'])
    expect(posts[2].body).toEqual({ result: 'no_answer', note: '无人接听' })
    expect(posts[3].body).toEqual({ outcome: 'resolved', rootCause: 'staffing', note: '致歉' })
    expect(onChanged).toHaveBeenCalledTimes(3)
    expect(result.current.actions).toEqual({ claim: false, call: false, attempt: false, resolve: false, reopen: false, assign: false })
  })

  it('a lost race names the winner’s claim and shows the task as it is now', async () => {
    const routes = taskApi({ 'POST claim': () => json(409, errorBody('already_claimed')) })
    const { sessions, session, signedOut, client, api } = setup(routes)
    const { result } = renderHook(() => useTask(session, TASK_ID, zh, { api: client, sessions, onSignedOut: signedOut }))
    await waitFor(() => expect(result.current.phase).toBe('ready'))
    act(() => result.current.claim())
    await waitFor(() => expect(result.current.stepError).toBe('这个任务已被其他人领取。'))
    await waitFor(() => expect(api.requests.filter((r) => r.method === 'GET')).toHaveLength(2))
    expect(result.current.busy).toBeUndefined()
  })

  it('a supervisor reassigns and reopens', async () => {
    let task = detailFixture({ status: 'in_progress', assignee: 'agent.east', escalated: true, priority: 'critical' })
    const { sessions, session, signedOut, client, api } = setup(
      {
        [`GET /v1/tasks/${TASK_ID}/assignees`]: () =>
          json(200, { items: [{ staffId: 'agent.east', name: '华东回访专员', role: 'agent' }, { staffId: 'agent.east2', name: '华东回访专员二', role: 'agent' }, { staffId: 'supervisor.east', name: '华东回访主管', role: 'supervisor' }] }),
        'GET /v1/tasks/': () => json(200, task),
        'POST /v1/tasks/': (r) => {
          task = r.url.endsWith('/assign') ? detailFixture({ ...task, assignee: (r.body as { staffId: string }).staffId }) : detailFixture({ ...task, status: 'open', assignee: undefined })
          return json(200, task)
        },
      },
      'supervisor',
    )
    const { result } = renderHook(() => useTask(session, TASK_ID, zh, { api: client, sessions, onSignedOut: signedOut }))
    await waitFor(() => expect(result.current.actions.assign).toBe(true))
    // The choices leave out who has the task now.
    await waitFor(() => expect(result.current.assignees?.map((a) => a.staffId)).toEqual(['agent.east2', 'supervisor.east']))
    act(() => result.current.assign())
    expect(result.current.fieldErrors.assignTo).toBe(zh.actions.assigneeRequired)
    act(() => result.current.setAssignTo('agent.east2'))
    expect(result.current.fieldErrors.assignTo).toBeUndefined()
    act(() => result.current.assign())
    await waitFor(() => expect(result.current.task?.assignee).toBe('agent.east2'))
    expect(result.current.assignees?.map((a) => a.staffId)).toEqual(['agent.east', 'supervisor.east'])
    task = detailFixture({ ...task, status: 'resolved' })
    act(() => result.current.reload())
    await waitFor(() => expect(result.current.actions.reopen).toBe(true))
    act(() => result.current.setReopenNote('客户再次来电'))
    act(() => result.current.reopen())
    await waitFor(() => expect(result.current.task?.status).toBe('open'))
    expect(api.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ staffId: 'agent.east2' }, { note: '客户再次来电' }])
    // Read once for the task, not again after each step.
    expect(api.requests.filter((r) => r.url.endsWith('/assignees'))).toHaveLength(1)
  })

  it('an agent never asks who a task could be handed to', async () => {
    const routes = taskApi({})
    const { session, sessions, signedOut, client, api } = setup(routes)
    const { result } = renderHook(() => useTask(session, TASK_ID, zh, { api: client, sessions, onSignedOut: signedOut }))
    await waitFor(() => expect(result.current.phase).toBe('ready'))
    expect(result.current.assignees).toBeUndefined()
    expect(api.requests.some((r) => r.url.endsWith('/assignees'))).toBe(false)
  })

  it('a task that is not there for this agent (404) is handed to onUnavailable, which may take it away instead of the error', async () => {
    const { sessions, session, signedOut, client } = setup({})
    const taken = jest.fn(() => true)
    const { result, rerender } = renderHook(({ id }: { id?: string }) => useTask(session, id, zh, { api: client, sessions, onSignedOut: signedOut, onUnavailable: taken }), { initialProps: { id: TASK_ID as string | undefined } })
    await waitFor(() => expect(taken).toHaveBeenCalledWith(TASK_ID))
    expect(result.current.phase).toBe('loading')
    expect(result.current.error).toBeUndefined()
    rerender({ id: undefined })
    expect(result.current.phase).toBe('idle')

    // Not taken away (a task opened from the list): the error, as before.
    const kept = jest.fn(() => false)
    const other = renderHook(() => useTask(session, TASK_ID, zh, { api: client, sessions, onSignedOut: signedOut, onUnavailable: kept }))
    await waitFor(() => expect(other.result.current.phase).toBe('error'))
    expect(kept).toHaveBeenCalledWith(TASK_ID)
    expect(other.result.current.error).toBe(zh.errors.not_found)
  })

  it('no task chosen: nothing to load', () => {
    const { sessions, session, signedOut, client, api } = setup({})
    const { result } = renderHook(() => useTask(session, undefined, zh, { api: client, sessions, onSignedOut: signedOut }))
    expect(result.current.phase).toBe('idle')
    expect(api.requests).toHaveLength(0)
  })
})

describe('useNow', () => {
  it('ticks every second', () => {
    const timers = manualTimers(1_000_000)
    const { result } = renderHook(() => useNow(timers))
    expect(result.current).toBe(1_000_000)
    act(() => timers.advance(1000))
    expect(result.current).toBe(1_001_000)
    act(() => timers.advance(1000))
    expect(result.current).toBe(1_002_000)
  })
})
