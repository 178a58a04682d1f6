import {
  ZCallbackNoticeResult,
  ZInvitationView,
  ZOptOutResult,
  ZResponseCreated,
  ZSessionResponse,
  type CallbackNoticeRequest,
  type CallbackNoticeResult,
  type InvitationView,
  type OptOutRequest,
  type OptOutResult,
  type ResponseCreated,
  type ResponseRequest,
  type SessionResponse,
} from '@xinsheng/shared'
import { createJsonCaller } from '../../common/http-json'
import type { HttpTransport } from '../../common/ports'

export { parseRetryAfter } from '../../common/http-json'

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
  /** The consumer accepted the callback template: the server keeps the grant (idempotent on clientGrantId). */
  reportCallbackGrant(request: CallbackNoticeRequest, sessionToken: string): Promise<CallbackNoticeResult>
  /** "不再邀请我": the brand invites this customer no more (idempotent: 200 every time). */
  optOut(request: OptOutRequest, sessionToken: string): Promise<OptOutResult>
}

/**
 * The consumer side of the API. Every 2xx body is parsed with the shared schema (a cast is not
 * validation); every other status becomes an ApiError carrying the ZErrorBody code and details.
 */
export function createApiClient({ baseUrl, transport, timeoutMs = 15_000 }: ApiClientOptions): ApiClient {
  const { call, parse: expect } = createJsonCaller({ baseUrl, transport, timeoutMs })

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
    async reportCallbackGrant(request, sessionToken) {
      return expect(ZCallbackNoticeResult, await call('POST', '/v1/callback-notice', sessionToken, request), 'POST /v1/callback-notice')
    },
    async optOut(request, sessionToken) {
      return expect(ZOptOutResult, await call('POST', '/v1/opt-out', sessionToken, request), 'POST /v1/opt-out')
    },
  }
}
