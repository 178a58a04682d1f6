/**
 * The load generator of the bench's HTTP loads, in a process of its own: autocannon and the request
 * bodies, nothing of the stack. (In the bench's own process it held ~550 MiB at 200 connections,
 * which the memory figure then counted as the stack's — the stack as `npm start` runs it has no
 * load generator.) Two jobs; each prints one JSON line last:
 * - `submit <api> <tokens.json> <connections> <seconds> <detractorEvery>`: POST /v1/responses, each
 *   request answering the next fresh invitation; every `detractorEvery`-th (0: none) a detractor,
 *   printed as `detractor <responseId> <sentAt>` the moment its 201 comes back, so the parent can
 *   watch for its task while the load runs;
 * - `triggers <api> <connections> <seconds>`: signed POST /v1/triggers with unique orders;
 * - `get <url> <connections> <seconds>`: GET of one URL with the first session as its bearer.
 * Sessions and the store credentials come in through XS_BENCH_WORKER (JSON), as for submit-worker.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { signedHeaders } from '../functions/local/store-client';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { runAutocannon } from './lib';

const input = z
  .object({ sessions: z.array(z.string()).min(1), store: z.object({ storeId: z.string(), keyId: z.string(), secret: z.string() }) })
  .parse(JSON.parse(process.env.XS_BENCH_WORKER ?? '{}'));

async function submit(api: string, tokensFile: string, connections: number, seconds: number, detractorEvery: number) {
  const tokens = z.array(z.string()).parse(JSON.parse(readFileSync(tokensFile, 'utf8')));
  let next = 0;
  let reused = 0;
  let n = 0;
  const result = await runAutocannon({
    url: api, connections, duration: seconds,
    requests: [{
      method: 'POST', path: '/v1/responses',
      setupRequest: (request, raw) => {
        const context = raw as { detractorSentAt?: number };
        const i = n++;
        if (next >= tokens.length) reused++;
        const token = tokens[next++ % tokens.length];
        const detractor = detractorEvery > 0 && i % detractorEvery === 0;
        context.detractorSentAt = detractor ? Date.now() : undefined;
        const answers = detractor ? { nps: i % 7, csat: 2, reasons: ['long_wait'], comment: '排队太久' } : { nps: 9, csat: 5 };
        return {
          ...request,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${input.sessions[i % input.sessions.length]}` },
          body: JSON.stringify({ invitationToken: token, clientResponseId: `bench-load-${i}-${Date.now()}`, answers }),
        };
      },
      onResponse: (status, body, raw) => {
        const context = raw as { detractorSentAt?: number };
        if (typeof context.detractorSentAt === 'number' && status === 201) {
          const { responseId } = z.object({ responseId: z.string() }).parse(JSON.parse(body));
          process.stdout.write(`detractor ${responseId} ${context.detractorSentAt}\n`);
        }
      },
    }],
  });
  return { result, reused };
}

async function triggers(api: string, connections: number, seconds: number) {
  const key = input.store;
  let t = 0;
  const result = await runAutocannon({
    url: api, connections, duration: seconds,
    requests: [{
      method: 'POST', path: '/v1/triggers',
      setupRequest: (request) => {
        const i = t++;
        const body = JSON.stringify({
          storeId: key.storeId, orderId: `bench-load-${Date.now()}-${i}-${Math.random().toString(36).slice(2, 8)}`, touchpoint: 'in_store',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(), customer: { openid: devOpenId(`bench-load-${Date.now()}-${i}`) }, staffId: 'hz-001-zhao',
        });
        return { ...request, body, headers: signedHeaders(key, 'POST', '/v1/triggers', body) };
      },
    }],
  });
  return { result };
}

async function get(url: string, connections: number, seconds: number) {
  const result = await runAutocannon({ url, connections, duration: seconds, headers: { authorization: `Bearer ${input.sessions[0]}` } });
  return { result };
}

async function main() {
  const [job, api, ...args] = process.argv.slice(2);
  const out =
    job === 'submit' ? await submit(api, args[0], Number(args[1]), Number(args[2]), Number(args[3]))
    : job === 'triggers' ? await triggers(api, Number(args[0]), Number(args[1]))
    : job === 'get' ? await get(api, Number(args[0]), Number(args[1]))
    : undefined;
  if (!out) throw new Error(`unknown job ${job}`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
