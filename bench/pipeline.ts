/**
 * The pipeline's figures: DynamoDB capacity per trigger and per submit (summed over the whole path,
 * from ReturnConsumedCapacity), bundle size per function (handler CPU: bench/cpu.ts),
 * module load time, and GET throughput/latency under autocannon (the write loads: bench/load.ts).
 */
import { execFileSync } from 'node:child_process';
import type { Plugin } from 'esbuild';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import { takeConsumedCapacity } from '../functions/local/dynamodb-fault-proxy';
import { postTrigger } from '../functions/local/store-client';
import { devOpenId } from '../functions/local/wechat-stand-in';
import type autocannon from 'autocannon';
import { httpFigures, json, median, meterOf, receiptTokens, session, type BenchContext, type Figure } from './lib';

// The same esbuild plugins serverless-esbuild uses for the function bundles (a CommonJS list).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain .js config file shared with serverless.yml, loaded as CommonJS
const esbuildPlugins: Plugin[] = require('../functions/esbuild/plugins.js');
// The native modules serverless-esbuild keeps external (jieba): not bundled, installed beside the bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config module shared with serverless.yml
const nativeExternals: string[] = require('../functions/esbuild/native-modules.js').external;
import { runWorker } from './worker';

const ROOT = join(__dirname, '..');
const OUT = join(__dirname, '.out');
const SECTION = 'pipeline';

const trigger = (i: number, extra: Record<string, unknown> = {}) => ({
  storeId: 'sh-001', orderId: `bench-${Date.now()}-${i}-${Math.random().toString(36).slice(2, 8)}`, touchpoint: 'in_store',
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(), customer: { openid: devOpenId(`bench-${Date.now()}-${i}`) }, staffId: 'sh-001-wang', ...extra,
});

async function capacity(ctx: BenchContext): Promise<Figure[]> {
  const n = 50;
  const key = ctx.stack.storeKeys[0];
  const api = ctx.stack.apiBaseUrl;
  await takeConsumedCapacity(meterOf(ctx));
  for (let i = 0; i < n; i++) await postTrigger(api, key, trigger(i));
  const perTrigger = await takeConsumedCapacity(meterOf(ctx));

  const tokens = await receiptTokens(ctx, n);
  const consumer = await session(api, `bench-capacity-${Date.now()}`);
  await takeConsumedCapacity(meterOf(ctx));
  for (const [i, token] of tokens.entries()) {
    await json(`${api}/v1/responses`, { method: 'POST', headers: { authorization: `Bearer ${consumer}` }, body: JSON.stringify({ invitationToken: token, clientResponseId: `bench-cap-${i}-${Date.now()}`, answers: { nps: 9, csat: 5 } }) });
  }
  const perSubmit = await takeConsumedCapacity(meterOf(ctx));
  return [
    { section: SECTION, metric: 'write units per trigger (scheduled, subscribe channel)', value: perTrigger.write / n, unit: 'WCU', budget: 4, key: 'trigger.wcu' },
    { section: SECTION, metric: 'read units per trigger', value: perTrigger.read / n, unit: 'RCU', key: 'trigger.rcu' },
    { section: SECTION, metric: 'write units per submitted response', value: perSubmit.write / n, unit: 'WCU', budget: 2, key: 'submit.wcu' },
    { section: SECTION, metric: 'read units per submitted response', value: perSubmit.read / n, unit: 'RCU', key: 'submit.rcu' },
  ];
}

function functionHandlers(): { name: string; entry: string }[] {
  const yml = readFileSync(join(ROOT, 'serverless.yml'), 'utf8');
  return [...yml.matchAll(/^ {2}(\w+):\n {4}handler: ([\w/.-]+)\.handler$/gm)].map(([, name, path]) => ({ name, entry: join(ROOT, `${path}.ts`) }));
}

async function bundles(): Promise<Figure[]> {
  mkdirSync(OUT, { recursive: true });
  const figures: Figure[] = [];
  for (const { name, entry } of functionHandlers()) {
    const outfile = join(OUT, `${name}.js`);
    await build({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', target: 'node24', format: 'cjs', external: ['@aws-sdk/*', ...nativeExternals], plugins: esbuildPlugins, outfile, logLevel: 'silent' });
    figures.push({ section: 'bundle', metric: `${name} (minified / gzip)`, value: statSync(outfile).size / 1024, unit: `KiB / ${(gzipSync(readFileSync(outfile)).length / 1024).toFixed(1)} KiB gz` });
  }
  const loads = Array.from({ length: 7 }, () =>
    Number(execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(join(OUT, 'postResponse.js'))});console.log(Number(process.hrtime.bigint()-t)/1e6)`], {
      cwd: ROOT, env: { ...process.env, XS_DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' }, encoding: 'utf8',
    }).trim()),
  );
  figures.push({ section: 'bundle', metric: 'postResponse module load (cold, median of 7)', value: median(loads), unit: 'ms' });
  return figures;
}

async function http(ctx: BenchContext): Promise<Figure[]> {
  const api = ctx.stack.apiBaseUrl;
  const [token] = await receiptTokens(ctx, 1);
  const consumer = await session(api, `bench-http-${Date.now()}`);
  // The load generator in its own process (bench/load-worker.ts), as for the write loads.
  const { result: read } = await runWorker<{ result: autocannon.Result }>(
    ctx, [consumer], ['get', `${api}/v1/invitations/${encodeURIComponent(token)}`, '50', String(ctx.httpSeconds)], { script: 'load-worker.ts' },
  );
  return httpFigures('http', `GET /v1/invitations/{token}, 50 conns, ${ctx.httpSeconds} s`, read);
}

/** What needs the capacity meter (write/read units), and the figures that need no load. */
export async function pipelineSection(ctx: BenchContext): Promise<Figure[]> {
  return [...(await capacity(ctx)), ...(await bundles())];
}

/** The read path under load, on the stack as npm start runs it. */
export const readLoadSection = http;
