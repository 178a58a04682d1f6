/** @jest-environment jsdom */
import { act, renderHook, waitFor } from '@testing-library/react'
import type { HttpResponse } from '../../common/ports'
import { memoryStorage } from '../../common/ports'
import { errorBody, fakeApi, INVITATION_TOKEN, json, sessionRoute } from '../../common/testing/fixtures'
import { createApiClient } from './api-client'
import { createSessionManager } from './session'
import { useOptOut } from './use-opt-out'

type Answer = HttpResponse | 'offline' | Promise<HttpResponse | 'offline'>

/** The hook behind the real API client and session manager, with POST /v1/opt-out scripted answer by answer. */
function setup(...answers: Answer[]) {
  const api = fakeApi({
    'POST /v1/session': sessionRoute(),
    'POST /v1/opt-out': () => answers.shift() ?? json(200, { optedOut: true }),
  })
  const client = createApiClient({ baseUrl: 'http://api', transport: api.transport })
  const session = createSessionManager({ api: client, storage: memoryStorage(), getLoginCode: async () => 'dev-h5-test' })
  const hook = renderHook(() => useOptOut(INVITATION_TOKEN, { api: client, session }))
  const optOuts = () => api.requests.filter((r) => r.url.endsWith('/v1/opt-out'))
  return { api, hook, optOuts, model: () => hook.result.current }
}

describe('useOptOut', () => {
  it('sends nothing until the customer confirms; cancel goes back to the link', () => {
    const t = setup()
    expect(t.model().status).toBe('idle')
    act(() => t.model().ask())
    expect(t.model().status).toBe('confirming')
    act(() => t.model().cancel())
    expect(t.model().status).toBe('idle')
    expect(t.api.requests).toEqual([])
  })

  it('confirmed: POST /v1/opt-out {invitationToken} with the consumer session, then done', async () => {
    const t = setup()
    act(() => t.model().ask())
    act(() => t.model().confirm())
    expect(t.model().status).toBe('busy')
    await waitFor(() => expect(t.model().status).toBe('done'))
    expect(t.optOuts()).toHaveLength(1)
    expect(t.optOuts()[0]).toMatchObject({ method: 'POST', body: { invitationToken: INVITATION_TOKEN }, headers: { authorization: 'Bearer session-token' } })
    // Done is final: the link does not come back.
    act(() => {
      t.model().ask()
      t.model().confirm()
    })
    expect(t.model().status).toBe('done')
    expect(t.optOuts()).toHaveLength(1)
  })

  it('a second tap while the request is out sends nothing more', async () => {
    let release: (r: HttpResponse) => void = () => undefined
    const t = setup(new Promise<HttpResponse>((resolve) => (release = resolve)))
    act(() => t.model().ask())
    act(() => {
      t.model().confirm()
      t.model().confirm()
      t.model().cancel()
    })
    expect(t.model().status).toBe('busy')
    await act(async () => release(json(200, { optedOut: true })))
    await waitFor(() => expect(t.model().status).toBe('done'))
    expect(t.optOuts()).toHaveLength(1)
  })

  it.each([
    ['no network', 'offline' as const],
    ['a server fault', json(500, errorBody('internal'))],
    ['a refusal', json(403, errorBody('forbidden'))],
    ['an answer off the contract', json(200, { optedOut: false })],
  ])('%s: failed, and the retry sends it again (the server is idempotent)', async (_name, first) => {
    const t = setup(first)
    act(() => t.model().ask())
    act(() => t.model().confirm())
    await waitFor(() => expect(t.model().status).toBe('failed'))
    act(() => t.model().confirm())
    expect(t.model().status).toBe('busy')
    await waitFor(() => expect(t.model().status).toBe('done'))
    expect(t.optOuts()).toHaveLength(2)
  })

  it('an expired session: logs in again once and opts out', async () => {
    const t = setup(json(401, errorBody('unauthorized')))
    act(() => t.model().ask())
    act(() => t.model().confirm())
    await waitFor(() => expect(t.model().status).toBe('done'))
    expect(t.api.requests.map((r) => new URL(r.url).pathname)).toEqual(['/v1/session', '/v1/opt-out', '/v1/session', '/v1/opt-out'])
  })
})
