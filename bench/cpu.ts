/**
 * CPU per submit and per trigger, measured where nothing else competes for the two cores: a DynamoDB
 * Local of its own (its stream on, nobody reading it) and the handlers in a process of their own
 * (bench/submit-worker.ts `cpu`), called as Lambda calls a warm instance — one event at a time, after
 * as many calls again to warm it (JIT), with a CPU profile of the submits attributed by script URL
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

interface CpuResult {
  n: number;
  submit: { cpuMean: number; cpuP50: number; wallMean: number; wallP50: number };
  trigger: { cpuMean: number; cpuP50: number; wallMean: number; wallP50: number };
  breakdown: Record<string, number>;
}

export async function cpuSection(options: { port: number }): Promise<Figure[]> {
  const n = 300;
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
    const r = await spawnWorker<CpuResult>(env, { sessions, store: storeKeys[0] }, ['cpu', String(n)]);
    return [
      { section: 'cpu', metric: `submit handler CPU per response (own process, warm, mean of ${n}; p50 ${r.submit.cpuP50.toFixed(2)} ms)`, value: r.submit.cpuMean, unit: 'ms', budget: 3, key: 'submit.cpu' },
      ...Object.entries(r.breakdown).map(([category, share]) => ({ section: 'cpu', metric: `submit CPU profile: ${category}`, value: share, unit: '%' })),
      { section: 'cpu', metric: `submit handler duration (wall, against DynamoDB Local; p50 ${r.submit.wallP50.toFixed(1)} ms)`, value: r.submit.wallMean, unit: 'ms', key: 'submit.duration' },
      { section: 'cpu', metric: `trigger handler CPU per trigger (own process, warm, mean of ${n}; p50 ${r.trigger.cpuP50.toFixed(2)} ms)`, value: r.trigger.cpuMean, unit: 'ms' },
      { section: 'cpu', metric: `trigger handler duration (wall, against DynamoDB Local; p50 ${r.trigger.wallP50.toFixed(1)} ms)`, value: r.trigger.wallMean, unit: 'ms', key: 'trigger.duration' },
    ];
  } finally {
    await dynamo.stop();
  }
}
