/**
 * Starts the local stack once for the whole jest run (DynamoDB Local in memory, WeChat stand-in,
 * serverless-offline) on test ports, and hands its environment to the tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startLocalStack, type LocalStack } from '../functions/local/stack';
import { TEST_STACK_FILE, testPorts } from './stack-info';

declare global {
  var __XINSHENG_STACK__: LocalStack | undefined;
}

export default async function globalSetup(): Promise<void> {
  const ports = testPorts();
  const stack = await startLocalStack({
    apiPort: ports.api,
    lambdaPort: ports.lambda,
    dynamoPort: ports.dynamo,
    wechatPort: ports.wechat,
    h5BaseUrl: `http://localhost:${ports.h5}`,
    runSchedules: false,
    runStreamPoller: true,
    faultProxyPort: ports.faultProxy,
    // A revoked store key is refused within this many seconds (production: 30, at most 60).
    storeKeyCacheSeconds: 2,
    logDir: join(ROOT, '.xinsheng', 'test-logs'),
  });
  globalThis.__XINSHENG_STACK__ = stack;
  mkdirSync(join(ROOT, '.xinsheng'), { recursive: true });
  writeFileSync(
    TEST_STACK_FILE,
    JSON.stringify({ apiBaseUrl: stack.apiBaseUrl, wechatBaseUrl: stack.wechatBaseUrl, dynamoEndpoint: stack.dynamoEndpoint, faultProxyEndpoint: stack.faultProxyEndpoint, storeKeys: stack.storeKeys, staff: stack.staff, env: stack.env }, null, 2),
  );
}
