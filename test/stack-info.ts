import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoStoreKey } from '../functions/local/seed';
import type { DemoStaff } from '../functions/local/seed-followup';

export const TEST_STACK_FILE = join(__dirname, '..', '.xinsheng', 'test-stack.json');

/**
 * Test ports differ from npm start's, so the suite runs while a local stack is up. They sit below
 * Linux's ephemeral range (32768–60999): a fixed port inside it can be taken at random by one of the
 * stack's own outgoing connections, and DynamoDB Local then fails to start.
 */
export function testPorts() {
  const base = Number(process.env.XS_TEST_PORT_BASE ?? 21000);
  return { api: base, lambda: base + 2, dynamo: base + 10, wechat: base + 20, h5: base + 30, faultProxy: base + 11 };
}

export interface TestStack {
  apiBaseUrl: string;
  wechatBaseUrl: string;
  dynamoEndpoint: string;
  faultProxyEndpoint: string;
  storeKeys: DemoStoreKey[];
  staff: DemoStaff[];
  env: Record<string, string>;
}

/**
 * The running test stack. Also puts its environment on this process, so functions modules
 * imported by a test (after this call) talk to the same DynamoDB Local and stand-in.
 */
export function testStack(): TestStack {
  const stack = JSON.parse(readFileSync(TEST_STACK_FILE, 'utf8')) as TestStack;
  Object.assign(process.env, stack.env);
  return stack;
}
