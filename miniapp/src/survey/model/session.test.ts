import { createApiClient } from './api-client'
import { ApiError } from '../../common/api-error'
import { memoryStorage } from '../../common/ports'
import { createSessionManager, devLoginCode } from './session'
import { fakeApi, json } from '../../common/testing/fixtures'

const NOW = Date.parse('2026-11-23T12:00:00Z')

function setup(expiresAt = '2026-11-23T14:00:00Z') {
  let n = 0
  const api = fakeApi({ 'POST /v1/session': () => json(200, { token: `t${++n}`, expiresAt }) })
  const storage = memoryStorage()
  const getLoginCode = jest.fn(async () => `code-${n}`)
  const session = createSessionManager({ api: createApiClient({ baseUrl: 'http://x', transport: api.transport }), storage, getLoginCode, now: () => NOW })
  return { api, storage, getLoginCode, session }
}

describe('session manager', () => {
  it('logs in once and reuses the token, also across page loads (storage)', async () => {
    const { storage, getLoginCode, session, api } = setup()
    expect(await session.token()).toBe('t1')
    expect(await session.token()).toBe('t1')
    expect(getLoginCode).toHaveBeenCalledTimes(1)
    const again = createSessionManager({ api: createApiClient({ baseUrl: 'http://x', transport: api.transport }), storage, getLoginCode, now: () => NOW })
    expect(await again.token()).toBe('t1')
    expect(api.posts('/v1/session')).toHaveLength(1)
  })

  it('shares one login between concurrent calls (a wx.login code is single-use)', async () => {
    const { session, api } = setup()
    expect(await Promise.all([session.token(), session.token()])).toEqual(['t1', 't1'])
    expect(api.posts('/v1/session')).toHaveLength(1)
  })

  it('logs in again when the stored session is about to expire', async () => {
    const { session } = setup('2026-11-23T12:00:30Z')
    expect(await session.token()).toBe('t1')
    expect(await session.token()).toBe('t2')
  })

  it('repeats a call once with a new session after a 401', async () => {
    const { session } = setup()
    const seen: string[] = []
    const result = await session.withSession(async (token) => {
      seen.push(token)
      if (token === 't1') throw new ApiError('http', 'expired', { status: 401 })
      return 'ok'
    })
    expect(result).toBe('ok')
    expect(seen).toEqual(['t1', 't2'])
  })

  it('does not repeat other failures', async () => {
    const { session } = setup()
    const fn = jest.fn(async () => {
      throw new ApiError('http', 'gone', { status: 410 })
    })
    await expect(session.withSession(fn)).rejects.toMatchObject({ status: 410 })
    expect(fn).toHaveBeenCalledTimes(1)
  })
})

describe('devLoginCode', () => {
  it('names the same consumer every time, with a fresh one-time suffix', async () => {
    const storage = memoryStorage()
    const ids = ['abcdefgh12345678', 'nonce1', 'nonce2']
    const next = () => ids.shift() ?? 'zzzzzzzz'
    const first = await devLoginCode(storage, next)
    const second = await devLoginCode(storage, next)
    expect(first).toBe('dev-h5-abcdefgh12345678~nonce1')
    expect(second).toBe('dev-h5-abcdefgh12345678~nonce2')
  })
})
