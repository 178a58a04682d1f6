/**
 * CPU per submit and per trigger, measured where nothing else competes for the two cores: a DynamoDB
 * Local of its own (its stream on, nobody reading it) and the handlers in a process of their own
 * (bench/submit-worker.ts `cpu`), called as Lambda calls a warm instance — one event at a time, after
 * 300 calls to warm it (JIT), in 5 rounds whose median is the figure (this VM's CPU time per call
 * wanders between rounds; the table shows every round), with a CPU profile of the submits attributed by script URL
 * (bench/results/submit.cpuprofile).
 *
 * Measured inside the loaded stack (the metered phase, its stream readers and the capacity proxy busy on
 * the same cores) the same handlers showed 6.4 ms per submit: a process's CPU time on a VM with more
 * runnable threads than cores includes what the scheduler and the caches take from it.
 */
import { physicalTableName } from '@xinsheng/infra';
import { createTables, startDynamoDbLocal } from '../functions/local/dynamodb-local';
import { localFunctionEnv } from '../functions/local/stack';
import type { Figure } from './lib';
import { spawnWorker } from './worker';
import type { Measured } from './submit-worker';

interface CpuResult {
  rounds: number;
  perRound: number;
  submit: Measured;
  trigger: Measured;
  breakdown: Record<string, number>;
}

/** How a measured call reads in the table: the median round, every round's figure, the p50 call. */
const cpuLabel = (what: string, r: CpuResult, m: Measured) =>
  `${what} (own process, warm; median of ${r.rounds} rounds of ${r.perRound}: ${m.cpuRounds.map((v) => v.toFixed(2)).join(' / ')} ms; p50 call ${m.cpuP50.toFixed(2)} ms)`;

export async function cpuSection(options: { port: number }): Promise<Figure[]> {
  const [rounds, perRound] = [5, 200];
  const dynamo = await startDynamoDbLocal({ port: options.port });
  try {
    await createTables(dynamo.endpoint, (t) => physicalTableName(t, 'xinsheng', 'local'));
    // Nothing listens on these ports: a submit and a receipt trigger call no outside service.
    const env = localFunctionEnv({ dynamoEndpoint: dynamo.endpoint, wechatBaseUrl: `http://127.0.0.1:${options.port + 1}`, h5BaseUrl: 'http://localhost:10086', apiPort: options.port + 2, lambdaPort: options.port + 3 });
    Object.assign(process.env, env);
    const { seedDemoBrand } = await import('../functions/local/seed');
    const { putSession } = await import('../functions/src/data/sessions-repo');
    const { blindIndex, encrypt, randomToken, sha256Hex } = await import('../functions/src/lib/crypto');
    const { storeKeys } = await seedDemoBrand();
    // Consumer sessions as POST /v1/session stores them (no WeChat login in the way).
    const sessions = Array.from({ length: 5 }, () => randomToken(32));
    const now = new Date();
    for (const [i, token] of sessions.entries()) {
      const openid = `bench-cpu-${i}`;
      await putSession(sha256Hex(token), {
        openidHash: blindIndex('openid', openid), openidSealed: encrypt(openid), sessionKeySealed: encrypt('bench'),
        createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      });
    }
    const r = await spawnWorker<CpuResult>(env, { sessions, store: storeKeys[0] }, ['cpu', String(rounds), String(perRound)]);
    return [
      { section: 'cpu', metric: cpuLabel('submit handler CPU per response', r, r.submit), value: r.submit.cpuMedianOfRounds, unit: 'ms', budget: 3, key: 'submit.cpu' },
      ...Object.entries(r.breakdown).map(([category, share]) => ({ section: 'cpu', metric: `submit CPU profile: ${category}`, value: share, unit: '%' })),
      { section: 'cpu', metric: `submit handler duration (wall, against DynamoDB Local; p50 ${r.submit.wallP50.toFixed(1)} ms)`, value: r.submit.wallMean, unit: 'ms', key: 'submit.duration' },
      { section: 'cpu', metric: cpuLabel('trigger handler CPU per trigger', r, r.trigger), value: r.trigger.cpuMedianOfRounds, unit: 'ms' },
      { section: 'cpu', metric: `trigger handler duration (wall, against DynamoDB Local; p50 ${r.trigger.wallP50.toFixed(1)} ms)`, value: r.trigger.wallMean, unit: 'ms', key: 'trigger.duration' },
    ];
  } finally {
    await dynamo.stop();
  }
}
