import type { z } from 'zod';

export interface ErrorDetail {
  path: (string | number)[];
  message: string;
}

/** The one error family: `status` and `code` go to the client when `expose` (status < 500). */
export class DomainError extends Error {
  readonly expose: boolean;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.expose = status < 500 || status === 503;
  }
}

export const badRequest = (message: string, details?: ErrorDetail[]) => new DomainError(400, 'invalid_request', message, details);
export const unauthorized = (message: string) => new DomainError(401, 'unauthorized', message);
export const forbidden = (message: string) => new DomainError(403, 'forbidden', message);
export const notFound = (message: string) => new DomainError(404, 'not_found', message);
export const conflict = (message: string) => new DomainError(409, 'conflict', message);
export const gone = (message: string) => new DomainError(410, 'gone', message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new DomainError(429, 'rate_limited', 'too many requests', undefined, { 'Retry-After': String(retryAfterSeconds) });
export const unavailable = (retryAfterSeconds: number) =>
  new DomainError(503, 'unavailable', 'a dependency is busy; retry later', undefined, { 'Retry-After': String(retryAfterSeconds) });

/** zod issues → details with paths, prefixed with where the value came from (e.g. "body"). */
export function zodDetails(error: z.ZodError, prefix: (string | number)[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
}
