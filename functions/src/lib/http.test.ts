import { z } from 'zod';
import { conflict, unavailable } from './errors';
import { errorResult, httpHandler, parseBody, type HttpEvent } from './http';

const event = (body: string | undefined, isBase64Encoded = false) => ({ body, isBase64Encoded, headers: {} }) as unknown as HttpEvent;

describe('errorResult', () => {
  it('an unexpected error is a bare 500 with nothing internal', () => {
    const result = errorResult(new Error('connect ECONNREFUSED 10.0.0.1:8000 at /var/task/index.js'));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(String(result.body))).toEqual({ error: { code: 'internal', message: 'internal error' } });
  });
  it('a domain error keeps its status and code', () => {
    expect(errorResult(conflict('answered already'))).toMatchObject({ statusCode: 409, body: JSON.stringify({ error: { code: 'conflict', message: 'answered already' } }) });
  });
  it('503 carries Retry-After', () => {
    expect(errorResult(unavailable(3))).toMatchObject({ statusCode: 503, headers: expect.objectContaining({ 'Retry-After': '3' }) });
  });
  it('DynamoDB throttling that outlasted the retries becomes 503 Retry-After, not 500', () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    expect(errorResult(throttled)).toMatchObject({ statusCode: 503, headers: expect.objectContaining({ 'Retry-After': '1' }) });
  });
  it('a database call that timed out or lost its socket after the SDK retries becomes 503 Retry-After (the writes are idempotent)', () => {
    const timedOut = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET', $metadata: { attempts: 4 } });
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', $metadata: { attempts: 3 } });
    for (const error of [timedOut, reset]) expect(errorResult(error)).toMatchObject({ statusCode: 503, headers: expect.objectContaining({ 'Retry-After': '2' }) });
    // Not every error named so: without the SDK's metadata it is ours, and a 500.
    expect(errorResult(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toMatchObject({ statusCode: 500 });
  });
});

describe('parseBody', () => {
  const schema = z.object({ n: z.number() });
  it('names the field', () => {
    expect(() => parseBody(event('{"n":"x"}'), schema)).toThrow(expect.objectContaining({ status: 400, details: [{ path: ['body', 'n'], message: expect.any(String) }] }));
  });
  it('decodes a base64 body', () => expect(parseBody(event(Buffer.from('{"n":1}').toString('base64'), true), schema)).toEqual({ n: 1 }));
  it('refuses a body that is not JSON', () => expect(() => parseBody(event('{'), schema)).toThrow(expect.objectContaining({ status: 400 })));
});

describe('httpHandler', () => {
  it('maps what the handler throws', async () => {
    const handler = httpHandler(async () => {
      throw new TypeError('boom');
    });
    expect((await handler(event(undefined))).statusCode).toBe(500);
  });
});
