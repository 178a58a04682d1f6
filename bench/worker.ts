import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext } from './lib';

export interface WorkerOptions {
  /** The script (bench/submit-worker.ts: the functions' code, straight to DynamoDB Local; bench/load-worker.ts: the HTTP load). */
  script?: 'submit-worker.ts' | 'load-worker.ts';
  /** The store whose key the worker signs with (default: the stack's first). */
  store?: number;
  /** Each line the worker prints that is not its (JSON) result, as it comes. */
  onLine?: (line: string) => void;
}

/**
 * Runs a job of a bench worker in its own Node process and returns the JSON it prints last. The
 * submit worker talks to DynamoDB Local directly (not through the fault proxy); the load worker to
 * the stack's HTTP API.
 */
export function runWorker<T>(ctx: BenchContext, sessions: string[], args: string[], options: WorkerOptions = {}): Promise<T> {
  const key = ctx.stack.storeKeys[options.store ?? 0];
  return spawnWorker<T>({ ...ctx.stack.env, XS_DYNAMODB_ENDPOINT: ctx.stack.dynamoEndpoint }, { sessions, store: key }, args, options);
}

/** The same, for a worker beside a DynamoDB Local of its own (no stack): `env` is the functions' environment. */
export function spawnWorker<T>(
  env: Record<string, string>, input: { sessions: string[]; store: { storeId: string; keyId: string; secret: string } }, args: string[], options: Omit<WorkerOptions, 'store'> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, options.script ?? 'submit-worker.ts'), ...args], {
      cwd: join(__dirname, '..'),
      env: {
        ...process.env, ...env,
        XS_BENCH_WORKER: JSON.stringify({ sessions: input.sessions, store: { storeId: input.store.storeId, keyId: input.store.keyId, secret: input.store.secret } }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    let last = '';
    let err = '';
    // The result is the last JSON line; any other line goes to onLine at once.
    const take = (line: string) => {
      if (line.startsWith('{')) last = line;
      else if (line.trim()) options.onLine?.(line);
    };
    child.stdout.on('data', (d) => {
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) take(line);
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      take(pending);
      if (code !== 0) return reject(new Error(`bench worker ${args[0]} exited ${code}: ${err.slice(-3000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`bench worker ${args[0]} printed no result: ${last.slice(-2000)} ${err.slice(-2000)}`));
      }
    });
  });
}
