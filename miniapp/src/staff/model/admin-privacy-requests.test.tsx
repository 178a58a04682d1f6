/** @jest-environment jsdom */
import type { PrivacyRequestView } from '@xinsheng/shared'
import { act, renderHook } from '@testing-library/react'
import { SignedOutError } from './auth'
import { createRequestLog, unfinishedErasures, useRequestLog } from './admin-privacy-requests'

const describeError = (e: unknown) => `failed: ${String(e)}`
const ID = '01JE0000000000000000000000'
const view = (status: PrivacyRequestView['status']): PrivacyRequestView => ({
  requestId: ID, kind: 'erase', status, createdAt: '2026-12-03T10:00:00.000Z', finishedAt: status === 'done' ? '2026-12-03T10:01:00.000Z' : null,
  counts: status === 'done' ? { invitations: 2, responses: 1, tasks: 0, sessions: 1, identifiers: 1 } : null,
})
const erasure = { key: ID, kind: 'erase' as const, requestId: ID, identifierKind: 'phone' as const, who: '139****5678', at: '2026-12-03T10:00:00.000Z', status: 'pending' as const }

beforeEach(() => jest.useFakeTimers())
afterEach(() => jest.useRealTimers())

/** Lets the timers due within `ms` fire and their promises settle. */
const advance = (ms: number) => act(async () => {
  await jest.advanceTimersByTimeAsync(ms)
})

describe('the session request log', () => {
  it('lists newest first, without the identifier, and updates an entry in place', () => {
    const log = createRequestLog()
    log.add({ kind: 'export', identifierKind: 'phone', who: '139****5678', at: '2026-12-03T09:00:00.000Z', status: 'done', records: 3 })
    log.add(erasure)
    expect(log.list().map((r) => r.kind)).toEqual(['erase', 'export'])
    expect(log.list()[1].key).toMatch(/^local-/)
    expect(unfinishedErasures(log.list()).map((r) => r.key)).toEqual([ID])
    log.update(ID, { status: 'done' })
    expect(unfinishedErasures(log.list())).toEqual([])
    expect(JSON.stringify(log.list())).not.toContain('13912345678')
  })

  it('polls an erasure until it is done, then stops', async () => {
    const log = createRequestLog()
    const answers: PrivacyRequestView['status'][] = ['pending', 'running', 'done']
    const read = jest.fn(async () => view(answers.shift() ?? 'done'))
    const { result } = renderHook(() => useRequestLog(log, read, describeError))
    act(() => log.add(erasure))
    expect(result.current.items[0].status).toBe('pending')
    await advance(2_000)
    expect(read).toHaveBeenCalledTimes(1)
    await advance(3_000)
    expect(result.current.items[0].status).toBe('running')
    await advance(4_000)
    expect(read).toHaveBeenCalledTimes(3)
    expect(result.current.items[0]).toMatchObject({ status: 'done', counts: { invitations: 2 }, polls: 3 })
    await advance(60_000)
    expect(read).toHaveBeenCalledTimes(3)
    expect(read).toHaveBeenCalledWith(ID)
  })

  it('stops at failed (the worker retries it); refresh asks again; a failed poll is shown and asked again later', async () => {
    const log = createRequestLog()
    const answers: (PrivacyRequestView['status'] | Error)[] = [new Error('offline'), 'failed', 'done']
    const read = jest.fn(async () => {
      const next = answers.shift() ?? 'done'
      if (next instanceof Error) throw next
      return view(next)
    })
    const { result } = renderHook(() => useRequestLog(log, read, describeError))
    act(() => log.add(erasure))
    await advance(2_000)
    expect(result.current.items[0]).toMatchObject({ status: 'pending', error: 'failed: Error: offline' })
    await advance(3_000)
    expect(result.current.items[0]).toMatchObject({ status: 'failed', error: undefined })
    await advance(60_000)
    expect(read).toHaveBeenCalledTimes(2)
    await act(async () => {
      result.current.refresh(result.current.items[0])
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(result.current.items[0].status).toBe('done')
  })

  it('stops quietly when the session ends (the page goes to the login)', async () => {
    const log = createRequestLog()
    const read = jest.fn(async (): Promise<PrivacyRequestView> => {
      throw new SignedOutError()
    })
    const { result } = renderHook(() => useRequestLog(log, read, describeError))
    act(() => log.add(erasure))
    await advance(60_000)
    expect(read).toHaveBeenCalledTimes(1)
    expect(result.current.items[0].error).toBeUndefined()
  })
})
