import { ZErrorBody } from '@xinsheng/shared'
import * as z from 'zod/mini'
import { ApiError } from './api-error'
import type { HttpRequest, HttpResponse, HttpTransport } from './ports'

/** Seconds or an HTTP date, as Retry-After allows. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export interface JsonCallerOptions {
  /** e.g. http://localhost:3000 (no trailing slash needed). */
  baseUrl: string
  transport: HttpTransport
  /** Per request. */
  timeoutMs: number
}

export interface JsonCaller {
  /** A 2xx answer, or an ApiError: `network` when no answer came, `http` with the ZErrorBody code otherwise. */
  call(method: HttpRequest['method'], path: string, bearer?: string, body?: unknown): Promise<HttpResponse>
  /** As `call`, with a text body sent as is under its content type (a CSV file), answered in JSON. */
  callText(method: HttpRequest['method'], path: string, bearer: string | undefined, contentType: string, text: string): Promise<HttpResponse>
  /** The body parsed with the contract's schema; a mismatch is an `invalid-response` ApiError (a cast is not validation). */
  parse<T extends z.core.$ZodType>(schema: T, response: HttpResponse, what: string): z.infer<T>
}

/** What the consumer and the staff API clients share: JSON over the injected transport, one error family. */
export function createJsonCaller({ baseUrl, transport, timeoutMs }: JsonCallerOptions): JsonCaller {
  const origin = baseUrl.replace(/\/+$/, '')
  const send = async (method: HttpRequest['method'], path: string, bearer: string | undefined, payload: { contentType: string; body?: unknown; text?: string } | undefined): Promise<HttpResponse> => {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (payload) headers['content-type'] = payload.contentType
    if (bearer) headers.authorization = `Bearer ${bearer}`
    let response: HttpResponse
    try {
      response = await transport({ method, url: `${origin}${path}`, headers, body: payload?.body, text: payload?.text, timeoutMs })
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
  return {
    call: (method, path, bearer, body) => send(method, path, bearer, body === undefined ? undefined : { contentType: 'application/json', body }),
    callText: (method, path, bearer, contentType, text) => send(method, path, bearer, { contentType, text }),
    parse(schema, response, what) {
      const parsed = z.safeParse(schema, response.body)
      if (!parsed.success) {
        throw new ApiError('invalid-response', `${what}: the answer does not match the contract`, {
          status: response.status,
          details: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: issue.message })),
        })
      }
      return parsed.data
    },
  }
}
