/**
 * `npm run bench`: starts its own local stack (in memory, on its own ports, with the capacity meter),
 * runs each section, prints a table and writes bench/results/latest.json. Not a test: it never fails
 * on a figure; budgets are shown next to the figures they govern.
 *
 * `npm run bench -- insight` (or `metered`, `cpu`, `plain`, several of them) runs only those phases and
 * writes bench/results/latest-<phases>.json instead, so a partial run never replaces the full one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ROOT, startLocalStack } from '../functions/local/stack';
import { printTable, type BenchContext, type BenchSection, type Figure } from './lib';
import { pipelineSection, readLoadSection } from './pipeline';
import { followupSection } from './followup';
import { miniappSection } from './miniapp';
import { loadSection } from './load';
import { COST_ASSUMPTIONS, PRICES, costSection } from './cost';
import { insightSection, insightSizes } from './insight';
import { cpuSection } from './cpu';

/**
 * Two stacks, one after the other. The metered sections count DynamoDB's consumed capacity through a
 * proxy between the functions and DynamoDB Local; that proxy runs in this process, so under load it
 * would compete with autocannon for the event loop. The load runs therefore get a stack as `npm start`
 * runs it: the functions talk to DynamoDB Local directly.
 */
const meteredSections: [string, BenchSection][] = [['follow-up', followupSection], ['pipeline', pipelineSection]];
/**
 * The mini-program's paint first, on a quiet stack: measured last, right after the 200-connection loads
 * (the stream readers and the JVM still catching up), the same page read 1,232 / 1,712 ms against
 * 836 / 1,405 on its own.
 */
const plainSections: [string, BenchSection][] = [['miniapp', miniappSection], ['read-load', readLoadSection], ['load', loadSection], ['cost', costSection]];

async function runSections(list: [string, BenchSection][], metered: boolean, figures: Figure[]): Promise<void> {
  const only = process.env.BENCH_SECTIONS?.split(',');
  const chosen = list.filter(([name]) => !only || only.includes(name));
  if (!chosen.length) return;
  // Each stack on its own ports, so the second never waits for the first's sockets to close.
  const base = Number(process.env.XS_BENCH_PORT_BASE ?? 23000) + (metered ? 0 : 100);
  // The plain stack keeps its database on disk as npm start does (.data/dynamodb), in a folder of its own.
  mkdirSync(join(ROOT, '.xinsheng'), { recursive: true });
  const dataDir = metered ? undefined : mkdtempSync(join(ROOT, '.xinsheng', 'bench-dynamodb-'));
  const stack = await startLocalStack({
    apiPort: base, lambdaPort: base + 2, dynamoPort: base + 10, wechatPort: base + 20, ...(metered ? { faultProxyPort: base + 11 } : {}),
    h5BaseUrl: `http://localhost:${base + 30}`, runSchedules: false, logDir: join(ROOT, '.xinsheng', 'bench-logs'), dataDir,
  });
  const context: BenchContext = { stack, httpSeconds: Number(process.env.BENCH_HTTP_SECONDS ?? 60), figures };
  try {
    for (const [name, run] of chosen) {
      console.error(`bench: ${name}${metered ? ' (metered stack)' : ''}…`);
      figures.push(...(await run(context)));
    }
  } finally {
    await stack.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One stack per process: the functions' modules read their configuration (the DynamoDB endpoint among
 * it) once, so a second stack in the same process would still talk to the first one's. Each phase
 * therefore runs in its own child process, which adds its figures to the file it is given.
 */
const PHASES = ['metered', 'cpu', 'plain', 'insight'] as const;
type Phase = (typeof PHASES)[number];
const isPhase = (name: string | undefined): name is Phase => PHASES.some((p) => p === name);

async function runPhase(phase: Phase, file: string): Promise<void> {
  const figures: Figure[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  if (phase === 'cpu') {
    // Its own DynamoDB Local and nothing else running: the handlers' CPU without the stack beside them.
    const port = Number(process.env.XS_BENCH_PORT_BASE ?? 23000) + 60;
    console.error(`bench: cpu (DynamoDB Local on ${port})…`);
    figures.push(...(await cpuSection({ port })));
  } else if (phase === 'insight') {
    // Its own DynamoDB Local (no functions, no proxy), between the metered stack's ports and the plain one's.
    const port = Number(process.env.XS_BENCH_PORT_BASE ?? 23000) + 50;
    console.error(`bench: insight (DynamoDB Local on ${port})…`);
    figures.push(...(await insightSection({ port, ...insightSizes(), log: (line) => console.error(line) })));
  } else {
    await runSections(phase === 'metered' ? meteredSections : plainSections, phase === 'metered', figures);
  }
  writeFileSync(file, JSON.stringify(figures));
}

/**
 * The Node flags and allocator setting `npm start` runs its process with (package.json's start script,
 * the one place they are written): the stack phases' processes hold the stack, so they run the same way.
 */
function startScriptSettings(): { flags: string[]; env: Record<string, string> } {
  const start = z.object({ scripts: z.object({ start: z.string() }) }).parse(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))).scripts.start;
  const words = start.split(/\s+/);
  return {
    flags: words.filter((w) => /^--max-[a-z-]+=\d+$/.test(w)),
    env: Object.fromEntries(words.filter((w) => /^[A-Z_]+=\S+$/.test(w)).map((w) => w.split('=') as [string, string])),
  };
}

function spawnPhase(phase: Phase, file: string): Promise<void> {
  const stack = phase === 'metered' || phase === 'plain' ? startScriptSettings() : { flags: [], env: {} };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...stack.flags, '--import', 'tsx', __filename], { stdio: 'inherit', env: { ...process.env, ...stack.env, XS_BENCH_PHASE: phase, XS_BENCH_FIGURES: file } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench phase ${phase} exited ${code}`))));
  });
}

async function main() {
  const phase = process.env.XS_BENCH_PHASE;
  if (isPhase(phase)) return runPhase(phase, String(process.env.XS_BENCH_FIGURES));
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !isPhase(name));
  if (unknown.length) throw new Error(`unknown bench phase ${unknown.join(', ')}; phases: ${PHASES.join(', ')}`);
  const chosen = asked.length ? PHASES.filter((p) => asked.includes(p)) : PHASES;
  const file = join(mkdtempSync(join(tmpdir(), 'xinsheng-bench-')), 'figures.json');
  for (const p of chosen) await spawnPhase(p, file);
  const figures: Figure[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  printTable(figures);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const name = chosen.length === PHASES.length ? 'latest.json' : `latest-${chosen.join('-')}.json`;
  writeFileSync(join(dir, name), `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, costAssumptions: { prices: PRICES, notes: COST_ASSUMPTIONS }, figures }, null, 2)}\n`);
  console.log(`\nwrote bench/results/${name}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
