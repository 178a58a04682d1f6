/**
 * A child process of the bench that holds only the functions' code and talks to DynamoDB Local
 * directly (no serverless-offline, no fault proxy, no load generator in the way). Three jobs,
 * each printing one JSON line on stdout as its last line:
 * - `seed <n> <out.json>`: n receipt invitations (through the trigger's own domain function),
 *   their tokens written to out.json — so the HTTP load answers fresh invitations only;
 * - `ceiling <tokens.json> <seconds> <concurrency>`: the DynamoDB operations of a submit (session
 *   read, invitation read, the response transaction) straight through the repositories, as fast
 *   as DynamoDB Local takes them: its own ceiling for our write path;
 * - `cpu <rounds> <perRound>`: the postResponse and postTrigger handlers called rounds × perRound times
 *   each with prepared events, after 300 warming calls: CPU per call by round and wall time per call
 *   (process.cpuUsage, `measure`), and a CPU profile
 *   of the submits attributed by script URL (bench/cpu.ts runs it beside a DynamoDB Local of its own).
 * Sessions and store credentials come in through XS_BENCH_WORKER (JSON).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';
import type { TriggerRequest } from '@xinsheng/shared';

interface WorkerInput {
  sessions: string[];
  store: { storeId: string; keyId: string; secret: string };
}

const input = JSON.parse(process.env.XS_BENCH_WORKER ?? '{}') as WorkerInput;
const RESULTS = join(__dirname, 'results');

const receiptTrigger = (prefix: string, i: number): TriggerRequest => ({
  storeId: input.store.storeId, orderId: `${prefix}-${Date.now()}-${i}-${Math.random().toString(36).slice(2, 8)}`, touchpoint: 'in_store',
  occurredAt: new Date().toISOString(), customer: {}, channel: 'receipt',
}) as TriggerRequest;

/** Runs `job(i)` for i in [0, n) with `concurrency` at a time. */
async function pool(n: number, concurrency: number, job: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, async () => {
    for (let i = next++; i < n; i = next++) await job(i);
  }));
}

async function seedTokens(n: number, prefix: string): Promise<string[]> {
  const { createInvitationForTrigger } = await import('../functions/src/triggers/create-invitation');
  const tokens: string[] = new Array(n);
  await pool(n, 24, async (i) => {
    const { body } = await createInvitationForTrigger(receiptTrigger(prefix, i), new Date());
    if (!('surveyUrl' in body) || !body.surveyUrl) throw new Error(`no receipt link: ${JSON.stringify(body)}`);
    tokens[i] = new URL(body.surveyUrl.replace('/#/', '/')).searchParams.get('inv')!;
  });
  return tokens;
}

async function seed(n: number, out: string) {
  const started = performance.now();
  const tokens = await seedTokens(n, 'bench-load');
  writeFileSync(out, JSON.stringify(tokens));
  return { seeded: tokens.length, seconds: (performance.now() - started) / 1000 };
}

/** What a submit does to DynamoDB, through the same repository functions, without the HTTP and handler layers. */
async function ceiling(tokensFile: string, seconds: number, concurrency: number) {
  const { ulid } = await import('ulidx');
  const { npsBand, zonedDay, needsCallback } = await import('@xinsheng/shared');
  const { sha256Hex } = await import('../functions/src/lib/crypto');
  const { getSession } = await import('../functions/src/data/sessions-repo');
  const { getInvitation } = await import('../functions/src/data/invitations-repo');
  const { getStore } = await import('../functions/src/data/catalog-repo');
  const { putResponse } = await import('../functions/src/data/responses-repo');
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as string[];
  const sessionHashes = input.sessions.map((s) => sha256Hex(s));
  let next = 0;
  let ok = 0;
  let errors = 0;
  let readMs = 0;
  let putMs = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline && next < tokens.length) {
      const i = next++;
      const token = tokens[i];
      try {
        const now = new Date();
        // Read together, as the handler does (the repositories coalesce them into one BatchGetItem).
        const t0 = performance.now();
        const [session, invitation] = await Promise.all([getSession(sessionHashes[i % sessionHashes.length]), getInvitation(token.slice(0, token.indexOf('.')))]);
        readMs += performance.now() - t0;
        const store = await getStore(invitation!.storeId); // cached, as in the handler
        if (!session || !invitation || !store) throw new Error('seeded items missing');
        const answers = { nps: 9, csat: 5 };
        const t1 = performance.now();
        const stored = await putResponse({
          responseId: ulid(now.getTime()), invitationId: invitation.invitationId, clientResponseId: `bench-ceiling-${i}`, brandId: invitation.brandId,
          storeId: invitation.storeId, region: invitation.region, staffId: invitation.staffId, orderId: invitation.orderId, touchpoint: invitation.touchpoint,
          surveyId: invitation.surveyId, surveyVersion: invitation.surveyVersion, answers, band: npsBand(answers.nps), submittedAt: now.toISOString(),
          day: zonedDay(now, store.timeZone), timeZone: store.timeZone, openidHash: session.openidHash, kind: invitation.kind,
          followUp: { callback: needsCallback(answers) },
        }, now);
        putMs += performance.now() - t1;
        if (stored) ok++;
        else errors++;
      } catch {
        errors++;
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return { ok, errors, seconds: elapsed, perSecond: ok / elapsed, exhausted: next >= tokens.length, readMs: readMs / (ok + errors), putMs: putMs / (ok + errors) };
}

type Category = 'AWS SDK' | 'zod' | 'crypto' | 'our code' | 'node http/net (socket I/O the SDK starts)' | 'GC' | 'other';

/** The category of one script: what the sample is charged to. */
function categoryOf(url: string): Category | undefined {
  if (/node:internal\/crypto|node:crypto|functions\/src\/lib\/crypto/.test(url)) return 'crypto';
  if (/node_modules\/(@aws-sdk|@smithy)\//.test(url)) return 'AWS SDK';
  if (/node_modules\/zod\//.test(url)) return 'zod';
  if (/\/(functions|shared)\//.test(url) && !/node_modules/.test(url)) return 'our code';
  // Socket writes and response parsing run in later ticks, with no SDK frame above them.
  if (/^node:(_http_|net$|internal\/(streams|stream_base_commons|http|net))/.test(url)) return 'node http/net (socket I/O the SDK starts)';
  return undefined;
}

/**
 * Each sample goes to the first frame, from the leaf up, whose script is ours, zod, the SDK or crypto:
 * Node's own internals (streams, http, timers) are charged to whoever called them. Idle time is left out.
 */
export function attribute(profile: Profiler.Profile): Record<Category, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const cache = new Map<number, Category | 'idle'>();
  const categorize = (id: number): Category | 'idle' => {
    const cached = cache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    let result: Category | 'idle';
    if (node.callFrame.functionName === '(idle)') result = 'idle';
    else if (node.callFrame.functionName === '(garbage collector)') result = 'GC';
    else {
      const own = categoryOf(node.callFrame.url);
      const up = parent.get(id);
      result = own ?? (up === undefined ? 'other' : categorize(up));
      if (result === 'idle') result = 'other';
    }
    cache.set(id, result);
    return result;
  };
  const totals: Record<Category, number> = { 'AWS SDK': 0, zod: 0, crypto: 0, 'our code': 0, 'node http/net (socket I/O the SDK starts)': 0, GC: 0, other: 0 };
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const category = categorize(id);
    if (category !== 'idle') totals[category] += deltas[i] ?? 0;
  });
  const sum = Object.values(totals).reduce((a, b) => a + b, 0) || 1;
  return Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, (100 * v) / sum])) as Record<Category, number>;
}

const cpuMs = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1000;
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];

/** What `measure` found: CPU per call by round (the figure is their median), p50 of every call, wall time. */
export interface Measured { cpuMedianOfRounds: number; cpuRounds: number[]; cpuP50: number; wallMean: number; wallP50: number }

/**
 * `call(0 … rounds × perRound − 1)`, one at a time, in rounds: each round's CPU per call is its process
 * CPU time over its calls (GC and JIT threads included, as Lambda's meter would see them). This VM's CPU
 * time for the same call varies by up to ±40 % from one minute to the next (1.8 to 4.1 ms per submit in
 * four runs of one 300-call round), so the figure is the median of the rounds and the range is shown.
 */
async function measure(rounds: number, perRound: number, call: (i: number) => Promise<void>): Promise<Measured> {
  const cpuRounds: number[] = [];
  const perCall: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const before = process.cpuUsage();
    for (let i = r * perRound; i < (r + 1) * perRound; i++) {
      const start = process.cpuUsage();
      const t = performance.now();
      await call(i);
      wall.push(performance.now() - t);
      perCall.push(cpuMs(process.cpuUsage(start)));
    }
    cpuRounds.push(cpuMs(process.cpuUsage(before)) / perRound);
  }
  return { cpuMedianOfRounds: median(cpuRounds), cpuRounds, cpuP50: median(perCall), wallMean: mean(wall), wallP50: median(wall) };
}

async function cpu(rounds: number, perRound: number) {
  // A warm Lambda instance's steady state: 300 calls first, so V8 has compiled the hot path
  // (measured 200 at a time here, the first 200 submits cost about half as much again as later ones).
  const warm = 300;
  const measured = rounds * perRound;
  const profiled = perRound;
  const tokens = await seedTokens(warm + measured + profiled, 'bench-cpu');
  const { handler: postResponse } = await import('../functions/src/responses/post-response');
  const { handler: postTrigger } = await import('../functions/src/triggers/post-trigger');
  const { signedHeaders } = await import('../functions/local/store-client');
  const { devOpenId } = await import('../functions/local/wechat-stand-in');
  const submitEvent = (i: number) =>
    ({
      rawPath: '/v1/responses', headers: { authorization: `Bearer ${input.sessions[i % input.sessions.length]}`, 'content-type': 'application/json' }, isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/v1/responses' } },
      // Every 10th a detractor with reasons and a comment, as in the HTTP load.
      body: JSON.stringify({ invitationToken: tokens[i], clientResponseId: `bench-cpu-${i}-${Date.now()}`, answers: i % 10 === 0 ? { nps: 3, csat: 2, reasons: ['long_wait'], comment: '排队太久' } : { nps: 9, csat: 5 } }),
    }) as never;
  // The scheduled (subscribe channel) trigger of the capacity figures: a new customer each time.
  const triggerEvent = (i: number) => {
    const body = JSON.stringify({
      storeId: input.store.storeId, orderId: `bench-cpu-${Date.now()}-${i}-${Math.random().toString(36).slice(2, 8)}`, touchpoint: 'in_store',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(), customer: { openid: devOpenId(`bench-cpu-${Date.now()}-${i}`) },
    });
    return { rawPath: '/v1/triggers', headers: signedHeaders(input.store, 'POST', '/v1/triggers', body), isBase64Encoded: false, requestContext: { http: { method: 'POST', path: '/v1/triggers' } }, body } as never;
  };
  const expectStatus = (result: unknown, status: number) => {
    if (typeof result !== 'object' || (result as { statusCode?: number }).statusCode !== status) throw new Error(`handler answered ${JSON.stringify(result)}`);
  };
  const submit = async (i: number) => expectStatus(await postResponse(submitEvent(i)), 201);
  const trigger = async (i: number) => expectStatus(await postTrigger(triggerEvent(i)), 202);
  for (let i = 0; i < warm; i++) {
    await submit(measured + profiled + i);
    await trigger(measured + i);
  }

  // CPU first with no profiler attached (sampling every 100 µs costs CPU of its own), then one round of
  // submits again under the profiler, for the breakdown only.
  const submits = await measure(rounds, perRound, submit);

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  for (let i = measured; i < measured + profiled; i++) await submit(i);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  mkdirSync(RESULTS, { recursive: true }); // a fresh clone has no results folder yet
  writeFileSync(join(RESULTS, 'submit.cpuprofile'), JSON.stringify(profile));

  const triggers = await measure(rounds, perRound, trigger);
  return { rounds, perRound, submit: submits, trigger: triggers, breakdown: attribute(profile) };
}

async function main() {
  const [job, ...args] = process.argv.slice(2);
  const result =
    job === 'seed' ? await seed(Number(args[0]), args[1])
    : job === 'ceiling' ? await ceiling(args[0], Number(args[1]), Number(args[2]))
    : job === 'cpu' ? await cpu(Number(args[0]), Number(args[1]))
    : (() => { throw new Error(`unknown job ${job}`); })();
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
