import {
  ZErrorBody,
  ZInvitationView,
  ZResponseCreated,
  ZSessionResponse,
  type InvitationView,
  type ResponseCreated,
  type ResponseRequest,
  type SessionResponse,
} from '@xinsheng/shared'
import type { z } from 'zod'
import { ApiError } from './api-error'
import type { HttpRequest, HttpResponse, HttpTransport } from './ports'

export interface ApiClientOptions {
  /** e.g. http://localhost:3000 (no trailing slash needed). */
  baseUrl: string
  transport: HttpTransport
  /** Per request; a poor mobile network deserves patience, but not forever. */
  timeoutMs?: number
}

export interface SubmitResult {
  /** 201 created now, 200 the same clientResponseId was already stored (a replay). */
  status: 200 | 201
  body: ResponseCreated
}

export interface ApiClient {
  createSession(code: string): Promise<SessionResponse>
  getInvitation(invitationToken: string, sessionToken: string): Promise<InvitationView>
  submitResponse(request: ResponseRequest, sessionToken: string): Promise<SubmitResult>
}

/** Seconds or an HTTP date, as Retry-After allows. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/**
 * The consumer side of the API. Every 2xx body is parsed with the shared schema (a cast is not
 * validation); every other status becomes an ApiError carrying the ZErrorBody code and details.
 */
export function createApiClient({ baseUrl, transport, timeoutMs = 15_000 }: ApiClientOptions): ApiClient {
  const origin = baseUrl.replace(/\/+$/, '')

  async function call(method: HttpRequest['method'], path: string, sessionToken?: string, body?: unknown): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (sessionToken) headers.authorization = `Bearer ${sessionToken}`
    let response: HttpResponse
    try {
      response = await transport({ method, url: `${origin}${path}`, headers, body, timeoutMs })
    } catch (cause) {
      throw new ApiError('network', `${method} ${path}: no answer`, { cause })
    }
    if (response.status >= 200 && response.status < 300) return response
    const parsed = ZErrorBody.safeParse(response.body)
    throw new ApiError('http', parsed.success ? parsed.data.error.message : `${method} ${path}: HTTP ${response.status}`, {
      status: response.status,
      code: parsed.success ? parsed.data.error.code : undefined,
      details: parsed.success ? parsed.data.error.details : undefined,
      retryAfterMs: parseRetryAfter(response.headers['retry-after']),
    })
  }

  function expect<T extends z.ZodType>(schema: T, response: HttpResponse, what: string): z.infer<T> {
    const parsed = schema.safeParse(response.body)
    if (!parsed.success) {
      throw new ApiError('invalid-response', `${what}: the answer does not match the contract`, {
        status: response.status,
        details: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message })),
      })
    }
    return parsed.data
  }

  return {
    async createSession(code) {
      return expect(ZSessionResponse, await call('POST', '/v1/session', undefined, { code }), 'POST /v1/session')
    },
    async getInvitation(invitationToken, sessionToken) {
      const response = await call('GET', `/v1/invitations/${encodeURIComponent(invitationToken)}`, sessionToken)
      return expect(ZInvitationView, response, 'GET /v1/invitations')
    },
    async submitResponse(request, sessionToken) {
      const response = await call('POST', '/v1/responses', sessionToken, request)
      const body = expect(ZResponseCreated, response, 'POST /v1/responses')
      return { status: response.status === 201 ? 201 : 200, body }
    },
  }
}
