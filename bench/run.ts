/**
 * `npm run bench`: starts its own local stack (in memory, on its own ports, with the capacity meter),
 * runs each section, prints a table and writes bench/results/latest.json. Not a test: it never fails
 * on a figure; budgets are shown next to the figures they govern.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT, startLocalStack } from '../functions/local/stack';
import { printTable, type BenchContext, type BenchSection, type Figure } from './lib';
import { pipelineSection } from './pipeline';
import { followupSection } from './followup';
import { miniappSection } from './miniapp';
import { loadSection } from './load';
import { COST_ASSUMPTIONS, PRICES, costSection } from './cost';

const sections: [string, BenchSection][] = [
  ['pipeline', pipelineSection], ['load', loadSection], ['follow-up', followupSection], ['cost', costSection], ['miniapp', miniappSection],
];

async function main() {
  const base = Number(process.env.XS_BENCH_PORT_BASE ?? 23000);
  const stack = await startLocalStack({
    apiPort: base, lambdaPort: base + 2, dynamoPort: base + 10, faultProxyPort: base + 11, wechatPort: base + 20,
    h5BaseUrl: `http://localhost:${base + 30}`, runSchedules: false, logDir: join(ROOT, '.xinsheng', 'bench-logs'),
  });
  const figures: Figure[] = [];
  const context: BenchContext = { stack: stack as BenchContext['stack'], httpSeconds: Number(process.env.BENCH_HTTP_SECONDS ?? 60), figures };
  try {
    const only = process.env.BENCH_SECTIONS?.split(',');
    for (const [name, run] of sections.filter(([name]) => !only || only.includes(name))) {
      console.error(`bench: ${name}…`);
      figures.push(...(await run(context)));
    }
  } finally {
    await stack.stop();
  }
  printTable(figures);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, costAssumptions: { prices: PRICES, notes: COST_ASSUMPTIONS }, figures }, null, 2)}\n`);
  console.log(`\nwrote bench/results/latest.json`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
