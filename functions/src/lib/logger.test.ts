import type { Context } from 'aws-lambda';

/** The log lines one call of `run` writes, parsed. */
async function linesOf(run: (mod: typeof import('./logger')) => Promise<void> | void): Promise<Record<string, unknown>[]> {
  const saved = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'INFO';
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const spies = [jest.spyOn(process.stdout, 'write').mockImplementation(capture), jest.spyOn(process.stderr, 'write').mockImplementation(capture)];
  try {
    await jest.isolateModulesAsync(async () => {
      await run(await import('./logger'));
    });
  } finally {
    for (const spy of spies) spy.mockRestore();
    process.env.LOG_LEVEL = saved;
  }
  return written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const context = (awsRequestId: string): Context => ({
  awsRequestId,
  functionName: 'xinsheng-prod-postResponse',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:xinsheng-prod-postResponse',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/xinsheng-prod-postResponse',
  logStreamName: 's',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 1000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

describe('logger', () => {
  it('puts the Lambda request id and the brand on every line of an invocation, and not on the next one', async () => {
    const lines = await linesOf(async ({ logger, withLogContext, logBrand }) => {
      const handler = withLogContext(async (event: { brand?: string }) => {
        if (event.brand) logBrand(event.brand);
        logger.info('handled');
      });
      await handler({ brand: 'brand-a' }, context('req-1'));
      await handler({}, context('req-2'));
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ message: 'handled', function_request_id: 'req-1', brandId: 'brand-a', service: 'xinsheng' });
    expect(lines[1]).toMatchObject({ message: 'handled', function_request_id: 'req-2' });
    expect(lines[1].brandId).toBeUndefined();
  });

  it('never writes a phone, an openid or a comment, however deep a caller put it', async () => {
    const secrets = ['13812345678', 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', '店员态度很差，我要投诉'];
    const lines = await linesOf(({ logger }) => {
      logger.warn('failed', { phone: secrets[0], openid: secrets[1], task: { answers: { nps: 2, comment: secrets[2] } } });
      logger.error('boom', { error: Object.assign(new Error('send failed'), { details: { openid: secrets[1], phone: secrets[0] } }) });
    });
    expect(lines).toHaveLength(2);
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ phone: '[redacted]', openid: '[redacted]', task: { answers: { nps: 2, comment: '[redacted]' } } });
  });
});
