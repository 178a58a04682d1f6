/**
 * The write path under load, on the stack as `npm start` runs it (serverless-offline, DynamoDB Local
 * with its stream, the poller):
 * - DynamoDB Local's own ceiling for a submit's operations (repositories called directly, from a
 *   separate process), so the HTTP figures read as a share of what the database can take;
 * - POST /v1/responses at 50 connections, every 10th answer a detractor whose task is polled for
 *   (submit → task readable), then at 200 connections, each request answering a fresh invitation;
 * - POST /v1/triggers (signed, unique order ids) at 200 connections;
 * - the RSS of every process of the stack, sampled every 500 ms during the 200-connection loads;
 * - the CPU time of every process during the 50-connection submit load, per submit: where the cores go.
 * The load generator (autocannon) runs in a process of its own (bench/load-worker.ts): it is no part
 * of the stack, and in the bench's process it competed with the stand-ins and the poller.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { httpFigures, percentile, session, type BenchContext, type Figure } from './lib';
import { LOAD_GENERATOR, startCpuMeter, startRssSampler, type CpuUse, type RssPeaks } from './rss';
import { runWorker } from './worker';

const SECTION = 'load';
const SUBMIT_FLOOR = { rate: 300, p99: 300 };

/** Fresh invitations for one load: their tokens in a file the load generator reads. */
interface Pool {
  file: string;
  size: number;
}

async function seedPool(ctx: BenchContext, sessions: string[], n: number, dir: string, name: string): Promise<Pool> {
  const file = join(dir, `${name}.json`);
  const seeded = await runWorker<{ seeded: number; seconds: number }>(ctx, sessions, ['seed', String(n), file]);
  console.error(`bench: seeded ${seeded.seeded} invitations for ${name} in ${seeded.seconds.toFixed(1)} s`);
  return { file, size: seeded.seeded };
}

/** Waits until the stream poller has read everything (or `limitMs` passes); the seconds it took. */
async function pollerCatchUp(ctx: BenchContext, limitMs = 120_000): Promise<number> {
  const started = performance.now();
  let quietSince = 0;
  while (performance.now() - started < limitMs) {
    if (ctx.stack.streams?.caughtUp() ?? true) {
      quietSince ||= performance.now();
      if (performance.now() - quietSince > 1000) break; // caught up for a second: not a pause between pages
    } else quietSince = 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Math.max(0, (quietSince || performance.now()) - started) / 1000;
}

/**
 * Submits at `connections` from the load generator's own process (bench/load-worker.ts), each request
 * answering the next fresh invitation of `pool`; every `detractorEvery`-th a detractor, pushed onto
 * `detractors` as its 201 comes back (the task watcher reads it meanwhile).
 */
async function submitLoad(ctx: BenchContext, sessions: string[], pool: Pool, connections: number, seconds: number, detractorEvery = 0, detractors: Detractor[] = []) {
  const { result, reused } = await runWorker<{ result: autocannon.Result; reused: number }>(
    ctx, sessions, ['submit', ctx.stack.apiBaseUrl, pool.file, String(connections), String(seconds), String(detractorEvery)],
    {
      script: 'load-worker.ts',
      onLine: (line) => {
        const [kind, responseId, sentAt] = line.split(' ');
        if (kind === 'detractor') detractors.push({ responseId, sentAt: Number(sentAt) });
      },
    },
  );
  return { result, detractors, reused };
}

interface Detractor {
  responseId: string;
  sentAt: number;
}

/**
 * Watches for the detractors' tasks from the start of the load until 30 s after its end: every 250 ms
 * one BatchGetItem for the 100 oldest still missing (tasks appear roughly in order), so the watching
 * itself costs DynamoDB Local a few requests a second — a read per task every 100 ms was ~240 reads/s,
 * a large share of what the engine serves under load. Submit → task seen, per detractor (±250 ms).
 */
function taskWatcher(detractors: Detractor[]) {
  const latencies: number[] = [];
  let pending: Detractor[] = [];
  let seen = 0;
  let loadEndedAt: number | undefined;
  const done = (async () => {
    const { existingTaskIds } = await import('../functions/src/data/tasks-repo');
    for (;;) {
      pending.push(...detractors.slice(seen));
      seen = detractors.length;
      const batch = pending.slice(0, 100);
      const found = batch.length ? await existingTaskIds(batch.map((d) => d.responseId)).catch(() => new Set<string>()) : new Set<string>();
      const at = Date.now();
      for (const d of batch) if (found.has(d.responseId)) latencies.push(at - d.sentAt);
      pending = pending.filter((d) => !found.has(d.responseId));
      if (loadEndedAt && ((pending.length === 0 && seen === detractors.length) || at - loadEndedAt > 30_000)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    /** The load is over: keep watching up to 30 s more, then report. */
    finish: async () => {
      loadEndedAt = Date.now();
      await done;
      pending.push(...detractors.slice(seen));
      return { latencies, missing: pending.length };
    },
  };
}

function rssFigures(peaks: RssPeaks): Figure[] {
  return [
    // Roles that held nothing (the database when it is on disk, a process seen as it exited) are left out.
    ...Object.entries(peaks.perRole).filter(([, mib]) => mib >= 1).sort((a, b) => b[1] - a[1]).map(([role, mib]) => ({ section: 'memory', metric: `peak RSS: ${role}`, value: mib, unit: 'MiB' })),
    { section: 'memory', metric: `the stack's script at its peak: V8 heap in use (of ${peaks.own.heapTotal.toFixed(0)} MiB allocated), outside the heap ${peaks.own.external.toFixed(0)} MiB (native modules, buffers)`, value: peaks.own.heapUsed, unit: 'MiB' },
    { section: 'memory', metric: `peak RSS: whole local stack (sum per sample, load generator left out, ${peaks.samples} samples)`, value: peaks.total, unit: 'MiB', budget: 1024 },
  ];
}

/**
 * Where the two cores went during the 50-connection submit load: CPU time per submit of each process
 * of the stack (and of the load generator, apart), and how many cores it kept busy on average.
 */
function cpuFigures(used: CpuUse, submits: number): Figure[] {
  const entries = Object.entries(used.perRole).filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  const stack = entries.filter(([role]) => role !== LOAD_GENERATOR).reduce((sum, [, s]) => sum + s, 0);
  const row = (what: string, cpuSeconds: number): Figure => ({
    section: 'load', metric: `CPU during the 50-conn submit load: ${what} (${(cpuSeconds / used.seconds).toFixed(2)} cores)`, value: (1000 * cpuSeconds) / submits, unit: 'ms/submit',
  });
  return [...entries.map(([role, s]) => row(role, s)), row('whole local stack, load generator left out', stack)];
}

export async function loadSection(ctx: BenchContext): Promise<Figure[]> {
  const api = ctx.stack.apiBaseUrl;
  const seconds = ctx.httpSeconds;
  const dir = mkdtempSync(join(tmpdir(), 'xinsheng-bench-load-'));
  const figures: Figure[] = [];
  try {
    const sessions = await Promise.all(Array.from({ length: 20 }, (_, i) => session(api, `bench-load-${Date.now()}-${i}`)));

    // DynamoDB Local's ceiling first, on a fresh stack: the best the database does for our operations.
    const ceilingSeconds = Math.min(seconds, 20);
    const ceilingPool = await seedPool(ctx, sessions, Math.round(600 * ceilingSeconds), dir, 'ceiling');
    const ceiling = await runWorker<{ ok: number; errors: number; seconds: number; perSecond: number; exhausted: boolean; readMs: number; putMs: number }>(
      ctx, sessions, ['ceiling', join(dir, 'ceiling.json'), String(ceilingSeconds), '64'],
    );
    void ceilingPool;
    figures.push({
      section: SECTION, key: 'ceiling.rate',
      metric: `DynamoDB Local ceiling: a submit's operations via the repositories, 64 concurrent, ${ceiling.seconds.toFixed(0)} s${ceiling.exhausted ? ' (ran out of invitations)' : ''}, ${ceiling.errors} errors (reads ${ceiling.readMs.toFixed(0)} ms + put ${ceiling.putMs.toFixed(0)} ms each)`,
      value: ceiling.perSecond, unit: 'submits/s',
    });
    await pollerCatchUp(ctx);

    // Enough fresh invitations for the 50-conn run: no faster than the ceiling, with some slack. The
    // 200-conn run's are seeded after it, as many as twice the 50-conn rate needs: DynamoDB Local slows as its
    // tables grow (the same code served the 50-conn run at 57/s after 71k invitations had been seeded, at
    // 121/s after 36k), so the bench seeds no more than its runs answer.
    const poolSize = (rate: number) => Math.round(Math.min(1000, rate * 1.15 + 50) * seconds);
    const pool50 = await seedPool(ctx, sessions, poolSize(ceiling.perSecond), dir, 'submit-50');
    await pollerCatchUp(ctx);

    // 50 connections, every 10th a detractor: its task is polled for meanwhile.
    const detractors: Detractor[] = [];
    const watcher = taskWatcher(detractors);
    const cpuMeter = startCpuMeter();
    const run50 = await submitLoad(ctx, sessions, pool50, 50, seconds, 10, detractors);
    const cpu50 = cpuMeter.stop();
    const tasks = await watcher.finish();
    const rate50 = run50.result.requests.total / run50.result.duration;
    figures.push(
      ...httpFigures(SECTION, `POST /v1/responses, 50 conns, ${seconds} s, every 10th a detractor`, run50.result, SUBMIT_FLOOR, 'submit50'),
      { section: SECTION, metric: 'submit throughput at 50 conns as a share of the DynamoDB Local ceiling', value: (100 * rate50) / ceiling.perSecond, unit: '%' },
      ...(run50.reused ? [{ section: SECTION, metric: 'submits that reused an answered invitation (pool too small)', value: run50.reused, unit: 'requests', budget: 0 }] : []),
      { section: 'follow-up', metric: `detractor submit → task readable under the 50-conn load, p50 (${tasks.latencies.length} tasks)`, value: percentile(tasks.latencies, 50), unit: 'ms' },
      { section: 'follow-up', metric: 'detractor submit → task readable under the 50-conn load, p95', value: percentile(tasks.latencies, 95), unit: 'ms', budget: 3000 },
      { section: 'follow-up', metric: 'detractors with no task 30 s after the load', value: tasks.missing, unit: `of ${detractors.length}`, budget: 0 },
    );
    figures.push(...cpuFigures(cpu50, run50.result.requests.total));
    figures.push({ section: 'follow-up', metric: 'stream poller caught up, seconds after the 50-conn load (and task polling)', value: await pollerCatchUp(ctx), unit: 's' });

    const pool200 = await seedPool(ctx, sessions, poolSize(Math.min(ceiling.perSecond, rate50 * 2)), dir, 'submit-200');
    await pollerCatchUp(ctx);

    // 200 connections, with the stack's memory sampled throughout (and through the trigger load).
    const sampler = startRssSampler(500, { role: 'DynamoDB Local database (files on the RAM disk)', dir: ctx.stack.dynamoDataDir });
    const run200 = await submitLoad(ctx, sessions, pool200, 200, seconds);
    figures.push(
      ...httpFigures(SECTION, `POST /v1/responses, 200 conns, ${seconds} s`, run200.result, undefined, 'submit200'),
      { section: SECTION, metric: 'submit throughput at 200 conns as a share of the DynamoDB Local ceiling', value: (100 * run200.result.requests.total) / run200.result.duration / ceiling.perSecond, unit: '%' },
      ...(run200.reused ? [{ section: SECTION, metric: 'submits at 200 conns that reused an answered invitation (pool too small)', value: run200.reused, unit: 'requests', budget: 0 }] : []),
    );
    // Each load on its own: the consumers first work off the 200-conn run's records (aggregation, webhooks).
    figures.push({ section: 'follow-up', metric: 'stream readers caught up, seconds after the 200-conn load', value: await pollerCatchUp(ctx), unit: 's' });
    const { result: triggers } = await runWorker<{ result: autocannon.Result }>(ctx, sessions, ['triggers', api, '200', String(seconds)], { script: 'load-worker.ts', store: 1 });
    figures.push(...httpFigures(SECTION, `POST /v1/triggers (signed, unique orders), 200 conns, ${seconds} s`, triggers));
    figures.push(...rssFigures(sampler.stop()));
    await pollerCatchUp(ctx);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
