import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { z } from 'zod';

/**
 * Keys whose values are personal data or a customer's own words. Whatever a caller hands the logger
 * (an error's details, a record's key), these never reach a log line.
 */
export const REDACTED_LOG_KEYS: ReadonlySet<string> = new Set([
  'phone', 'phoneEnc', 'phoneHash', 'maskedPhone',
  'openid', 'openId', 'openidEnc', 'openidHash', 'unionid', 'session_key', 'sessionKey',
  'comment', 'comments', 'note', 'text',
]);

/** JSON.stringify replacer for every log line: named personal fields become `[redacted]`. */
export function redactPersonalData(key: string, value: unknown): unknown {
  return REDACTED_LOG_KEYS.has(key) && value !== undefined && value !== null ? '[redacted]' : value;
}

// Quiet locally unless LOG_LEVEL says otherwise; serverless.yml sets INFO on AWS.
const ZLogLevel = z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL']).catch('WARN');

/** Structured JSON logs (Powertools): the Lambda request id and the brand on every line, no personal data. */
export const logger = new Logger({
  serviceName: 'xinsheng',
  logLevel: ZLogLevel.parse(process.env.LOG_LEVEL?.toUpperCase()),
  jsonReplacerFn: redactPersonalData,
});

/**
 * Starts an invocation's log context: the request id, function name and cold start from the Lambda
 * context (what Powertools' `injectLambdaContext` does), and nothing left from the previous invocation
 * (a brand appended by the last request must not label this one).
 */
export function beginInvocation(context: Context | undefined): void {
  logger.resetKeys();
  if (context) logger.addContext(context);
}

/** Labels the rest of this invocation's log lines with the brand it acts for. */
export function logBrand(brandId: string): void {
  logger.appendKeys({ brandId });
}

/** Wraps any Lambda handler so its log lines carry the invocation's context. */
export function withLogContext<E, R>(handle: (event: E, context?: Context) => Promise<R>) {
  return async (event: E, context?: Context): Promise<R> => {
    beginInvocation(context);
    return handle(event, context);
  };
}
