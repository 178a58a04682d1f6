import type { ErrorBody } from '@xinsheng/shared'

export type ApiErrorKind =
  /** No HTTP answer: offline, timeout, DNS, CORS. */
  | 'network'
  /** The server answered with a non-2xx status. */
  | 'http'
  /** A 2xx whose body does not match the contract. */
  | 'invalid-response'

type ErrorDetails = NonNullable<ErrorBody['error']['details']>

/** The one error family of the mini-program's API client. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind
  readonly status?: number
  readonly code?: string
  readonly details: ErrorDetails
  /** From Retry-After on 429/503. */
  readonly retryAfterMs?: number

  constructor(
    kind: ApiErrorKind,
    message: string,
    extra: { status?: number; code?: string; details?: ErrorDetails; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.kind = kind
    this.status = extra.status
    this.code = extra.code
    this.details = extra.details ?? []
    this.retryAfterMs = extra.retryAfterMs
    if (extra.cause !== undefined) (this as { cause?: unknown }).cause = extra.cause
  }
}

/** Thrown by a login-code provider when this environment cannot log a consumer in (h5 outside WeChat). */
export class LoginUnavailableError extends Error {
  constructor(message = 'login is not available in this environment') {
    super(message)
    this.name = 'LoginUnavailableError'
  }
}

/**
 * Worth sending again unchanged: no answer at all, a timeout, throttling or a server fault.
 * 4xx answers are final (the same request would get the same answer).
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false
  if (error.kind === 'network') return true
  if (error.kind !== 'http' || error.status === undefined) return false
  return error.status === 408 || error.status === 429 || error.status >= 500
}
