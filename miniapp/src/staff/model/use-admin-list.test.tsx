/** @jest-environment jsdom */
import { act, renderHook, waitFor } from '@testing-library/react'
import { SignedOutError } from './auth'
import { useAdminList } from './use-admin-list'

const describeError = (e: unknown) => `failed: ${String(e)}`

describe('useAdminList', () => {
  it('reads the first page, appends the next on loadMore and stops at the last', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = { first: { items: [1, 2], nextCursor: 'c2' }, c2: { items: [3], nextCursor: null } }
    const load = jest.fn(async (cursor?: string) => pages[cursor ?? 'first'])
    const { result } = renderHook(() => useAdminList(load, describeError))
    await waitFor(() => expect(result.current.items).toEqual([1, 2]))
    expect(result.current.hasMore).toBe(true)
    act(() => result.current.loadMore())
    await waitFor(() => expect(result.current.items).toEqual([1, 2, 3]))
    expect(result.current.hasMore).toBe(false)
    expect(load.mock.calls.map((c) => c[0])).toEqual([undefined, 'c2'])
  })

  it('keeps the rows shown when a read fails, says why, and reload starts over', async () => {
    let fail = false
    const load = jest.fn(async () => {
      if (fail) throw new Error('boom')
      return { items: ['a'], nextCursor: null }
    })
    const { result } = renderHook(() => useAdminList(load, describeError))
    await waitFor(() => expect(result.current.items).toEqual(['a']))
    fail = true
    act(() => result.current.reload())
    await waitFor(() => expect(result.current.error).toBe('failed: Error: boom'))
    expect(result.current.items).toEqual(['a'])
    fail = false
    act(() => result.current.reload())
    await waitFor(() => expect(result.current.error).toBeUndefined())
  })

  it('says nothing about an ended session (the page goes to the login)', async () => {
    const load = jest.fn(async () => {
      throw new SignedOutError()
    })
    const { result } = renderHook(() => useAdminList(load, describeError))
    await waitFor(() => expect(result.current.loading).toBe(false))
    expect(result.current.error).toBeUndefined()
  })
})
