import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext } from './lib';

/**
 * Runs a job of bench/submit-worker.ts in its own Node process, talking to DynamoDB Local directly
 * (not through the fault proxy), and returns the JSON it prints last.
 */
export function runWorker<T>(ctx: BenchContext, sessions: string[], args: string[]): Promise<T> {
  const key = ctx.stack.storeKeys[0];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'submit-worker.ts'), ...args], {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env, ...ctx.stack.env, XS_DYNAMODB_ENDPOINT: ctx.stack.dynamoEndpoint,
        XS_BENCH_WORKER: JSON.stringify({ sessions, store: { storeId: key.storeId, keyId: key.keyId, secret: key.secret } }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`bench worker ${args[0]} exited ${code}: ${err.slice(-3000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`bench worker ${args[0]} printed no result: ${out.slice(-2000)} ${err.slice(-2000)}`));
      }
    });
  });
}
