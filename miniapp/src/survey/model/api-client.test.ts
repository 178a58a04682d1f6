import { createApiClient, parseRetryAfter } from './api-client'
import { ApiError, isRetryable } from '../../common/api-error'
import { created, errorBody, fakeApi, INVITATION_TOKEN, invitationFixture, json } from '../../common/testing/fixtures'

const request = { invitationToken: INVITATION_TOKEN, clientResponseId: 'abcdefghijklmnop', answers: { nps: 3 } }

describe('api client', () => {
  it('sends the bearer token and JSON, and returns the parsed invitation', async () => {
    const api = fakeApi({ 'GET /v1/invitations/': () => json(200, invitationFixture()) })
    const client = createApiClient({ baseUrl: 'http://localhost:3000/', transport: api.transport })
    const view = await client.getInvitation(INVITATION_TOKEN, 'tok')
    expect(view.store.name).toBe('上海南京西路店')
    expect(api.requests[0]).toMatchObject({
      method: 'GET',
      url: `http://localhost:3000/v1/invitations/${INVITATION_TOKEN}`,
      headers: { authorization: 'Bearer tok' },
    })
  })

  it('tells a first submit (201) from a replay (200)', async () => {
    for (const status of [201, 200] as const) {
      const api = fakeApi({ 'POST /v1/responses': () => json(status, created()) })
      const result = await createApiClient({ baseUrl: 'http://x', transport: api.transport }).submitResponse(request, 'tok')
      expect(result).toEqual({ status, body: created() })
      expect(api.requests[0].body).toEqual(request)
      expect(api.requests[0].headers['content-type']).toBe('application/json')
    }
  })

  it('refuses a 2xx body that does not match the contract', async () => {
    const api = fakeApi({ 'POST /v1/session': () => json(200, { token: 'x' }) })
    const error = await createApiClient({ baseUrl: 'http://x', transport: api.transport }).createSession('c').catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200 })
    expect(error.details[0].path).toEqual(['expiresAt'])
  })

  it('turns an error body into an ApiError with its code, details and Retry-After', async () => {
    const api = fakeApi({
      'POST /v1/responses': () => json(400, errorBody('invalid_request', [{ path: ['answers', 'nps'], message: 'Required' }])),
      'GET /v1/invitations/': () => json(503, errorBody('throttled'), { 'retry-after': '7' }),
    })
    const client = createApiClient({ baseUrl: 'http://x', transport: api.transport })
    const invalid = await client.submitResponse(request, 't').catch((e) => e)
    expect(invalid).toMatchObject({ kind: 'http', status: 400, code: 'invalid_request', details: [{ path: ['answers', 'nps'] }] })
    expect(isRetryable(invalid)).toBe(false)
    const throttled = await client.getInvitation(INVITATION_TOKEN, 't').catch((e) => e)
    expect(throttled).toMatchObject({ status: 503, code: 'throttled', retryAfterMs: 7000 })
    expect(isRetryable(throttled)).toBe(true)
  })

  it('calls a missing answer a network error, which is worth retrying', async () => {
    const api = fakeApi({ 'POST /v1/responses': () => 'offline' })
    const error = await createApiClient({ baseUrl: 'http://x', transport: api.transport }).submitResponse(request, 't').catch((e) => e)
    expect(error).toMatchObject({ name: 'ApiError', kind: 'network' })
    expect(isRetryable(error)).toBe(true)
  })

  it('keeps a non-JSON error page an HTTP error', async () => {
    const api = fakeApi({ 'GET /v1/invitations/': () => json(502, undefined) })
    const error = await createApiClient({ baseUrl: 'http://x', transport: api.transport }).getInvitation(INVITATION_TOKEN, 't').catch((e) => e)
    expect(error).toMatchObject({ kind: 'http', status: 502, code: undefined })
  })
})

describe('isRetryable', () => {
  it.each([
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [403, false],
    [409, false],
    [410, false],
  ])('HTTP %i → %s', (status, expected) => {
    expect(isRetryable(new ApiError('http', 'x', { status }))).toBe(expected)
  })

  it('does not retry what is not an ApiError', () => {
    expect(isRetryable(new Error('bug'))).toBe(false)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
  })
})
