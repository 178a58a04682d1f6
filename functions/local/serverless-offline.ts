import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface OfflineApi {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * V8 flags for the serverless-offline process. Left alone, V8 lets an idle heap grow lazily (~490 MB
 * RSS after every handler has run once); a capped old space and smaller young generation keep the
 * same process at ~320 MB, which is most of what the "whole local stack ≤ 1 GB" figure needs.
 * XS_OFFLINE_NODE_FLAGS replaces them.
 */
export const OFFLINE_NODE_FLAGS = process.env.XS_OFFLINE_NODE_FLAGS ?? '--max-old-space-size=256 --max-semi-space-size=4';

/** Runs `serverless offline` (in-process handlers) from serverless.yml and waits until the API answers. */
export async function startServerlessOffline(options: { port: number; lambdaPort: number; env: Record<string, string>; logFile: string }): Promise<OfflineApi> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(
    process.execPath,
    [...OFFLINE_NODE_FLAGS.split(' ').filter(Boolean), join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js'), 'offline', 'start', '--stage', 'local', '--httpPort', String(options.port), '--lambdaPort', String(options.lambdaPort)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...options.env,
        XS_ESBUILD_WORK_FOLDER: `.esbuild/offline-${options.port}`,
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        SLS_DEPRECATION_DISABLE: '*',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    },
  );
  let output = '';
  const collect = (d: Buffer) => {
    log.write(d);
    if (output.length < 20_000) output += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.on('exit', () => (exited = true));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`serverless offline exited:\n${output.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`serverless offline did not answer on ${baseUrl}:\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${baseUrl}/v1/openapi.json`);
      await res.arrayBuffer(); // drain it, so no half-read keep-alive socket is left for the next request
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => {
          log.end();
          resolve();
        });
        child.kill('SIGINT');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
