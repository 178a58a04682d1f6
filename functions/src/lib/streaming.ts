import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StreamifyHandler } from 'aws-lambda';
import { errorResult, type HttpEvent, type HttpResult } from './http';
import { beginInvocation, logger } from './logger';

/**
 * Responses too large to buffer (API Gateway and a buffered Lambda stop at 6 MB): a handler returns
 * its status and headers plus an async iterable of chunks, and an adapter writes each chunk as it
 * comes — Lambda response streaming in AWS (`awslambda.streamifyResponse`, a Function URL with
 * `invokeMode: RESPONSE_STREAM`), a Node HTTP response locally (functions/local/api-front.ts).
 * Everything that can fail a request (auth, validation, scope) happens before the first chunk, so
 * those failures are ordinary JSON errors; a failure half-way aborts the transfer (the client sees
 * a broken download, never a short file that looks whole).
 */
export interface StreamingResult {
  statusCode: number;
  headers: Record<string, string>;
  body: AsyncIterable<string>;
}

export type StreamingHandle = (event: HttpEvent) => Promise<StreamingResult>;

/** The handle's stream, or the JSON error it threw (the one error mapping of lib/http). */
export async function openStream(handle: StreamingHandle, event: HttpEvent): Promise<StreamingResult | HttpResult> {
  try {
    return await handle(event);
  } catch (error) {
    return errorResult(error);
  }
}

/** Writes a result to a writable as it is produced, respecting back-pressure (pipeline awaits drain). */
export async function writeResult(result: StreamingResult | HttpResult, open: (statusCode: number, headers: Record<string, string>) => Writable): Promise<void> {
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)]));
  const target = open(result.statusCode ?? 200, headers);
  const body = 'body' in result && typeof result.body === 'object' ? result.body : [result.body ?? ''];
  await pipeline(Readable.from(body), target);
}

/**
 * The Lambda handler of a streaming endpoint (Function URL, RESPONSE_STREAM). `awslambda` is the
 * Node.js Lambda runtime's global (typed by @types/aws-lambda); outside Lambda it is absent (or, under
 * some tools, a stub without streamifyResponse) and
 * there is no Lambda handler — the local adapter drives `handle` itself.
 */
export function streamingLambdaHandler(handle: StreamingHandle): StreamifyHandler<HttpEvent> | undefined {
  if (typeof awslambda === 'undefined' || typeof awslambda.streamifyResponse !== 'function') return undefined;
  return awslambda.streamifyResponse<HttpEvent>(async (event, responseStream, context) => {
    beginInvocation(context);
    const result = await openStream(handle, event);
    try {
      await writeResult(result, (statusCode, headers) => awslambda.HttpResponseStream.from(responseStream, { statusCode, headers }));
    } catch (error) {
      logger.error('stream aborted', { error: error as Error });
      throw error;
    }
  });
}
