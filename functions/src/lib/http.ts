import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { DomainError, badRequest, unavailable, zodDetails } from './errors';
import { isDependencyTimeout, isThrottling } from './dynamo';
import { beginInvocation, logger } from './logger';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** The raw body as the client sent it (for signatures), decoded from base64 if API Gateway encoded it. */
export function rawBody(event: HttpEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** Parse the JSON body through a schema; a 400 naming each bad field otherwise. */
export function parseBody<S extends z.core.$ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(rawBody(event) || 'null');
  } catch {
    throw badRequest('the body is not valid JSON', [{ path: ['body'], message: 'not valid JSON' }]);
  }
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw badRequest('the body is invalid', zodDetails(parsed.error, ['body']));
  return parsed.data;
}

/** Parse any part of a request (path, query) through a schema; details are prefixed with `where`. */
export function parseWith<S extends z.core.$ZodType>(value: unknown, schema: S, where: (string | number)[]): z.infer<S> {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw badRequest(`${where.join('.')} is invalid`, zodDetails(parsed.error, where));
  return parsed.data;
}

export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function bearerToken(event: HttpEvent): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '');
  return match?.[1];
}

/** One error → HTTP mapping for every handler: exposed domain errors as-is, anything else a bare 500. */
export function errorResult(error: unknown): HttpResult {
  if (error instanceof DomainError && error.expose) {
    return json(
      error.status,
      { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
      error.headers,
    );
  }
  if (isThrottling(error)) return errorResult(unavailable(1));
  if (isDependencyTimeout(error)) {
    logger.warn('a dependency timed out; answered 503', { error: error as Error });
    return errorResult(unavailable(2));
  }
  logger.error('unhandled error', { error: error as Error });
  return json(500, { error: { code: 'internal', message: 'internal error' } });
}

/** Wraps a handler so it only has to return a result or throw a DomainError. */
export function httpHandler(handle: (event: HttpEvent) => Promise<HttpResult>) {
  return async (event: HttpEvent, context?: Context): Promise<HttpResult> => {
    beginInvocation(context);
    try {
      return await handle(event);
    } catch (error) {
      return errorResult(error);
    }
  };
}
