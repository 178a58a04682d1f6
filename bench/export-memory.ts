/**
 * The responses export's memory at 100k rows (not part of `npm run bench`, not a test: it prints
 * figures). Its own DynamoDB Local (in memory, no stream poller, no serverless-offline), 100k
 * responses over 20 stores written with BatchWrite, then GET /v1/exports/responses.csv through the
 * local API front — the same handle the Lambda runs — for one store (5k rows) and for all 100k rows,
 * sampling this process's live heap (after a full GC) and RSS every 100 ms during each download.
 *
 *   node --import tsx bench/export-memory.ts
 * BENCH_EXPORT_ROWS (100000), BENCH_EXPORT_STORES (20), XS_BENCH_EXPORT_PORT (24750: the front; +10 DynamoDB
 * Local). test/insight-export.test.ts runs it small (8k rows) as its memory check: a process of its own,
 * so the test stack's stream poller (which reads every seeded record) does not blur the figures.
 */
import { physicalTableName } from '@xinsheng/infra';
import { createTables, startDynamoDbLocal } from '../functions/local/dynamodb-local';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const STORES = Number(process.env.BENCH_EXPORT_STORES ?? 20);
const port = Number(process.env.XS_BENCH_EXPORT_PORT ?? 24750);

async function main() {
  const dynamo = await startDynamoDbLocal({ port: port + 10 });
  try {
    await createTables(dynamo.endpoint, (t) => physicalTableName(t, 'xinsheng', 'local'));
    Object.assign(process.env, { XS_STAGE: 'local', XS_DYNAMODB_ENDPOINT: dynamo.endpoint, AWS_REGION: 'ap-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    // The functions read their configuration when loaded: after the environment.
    const { putStores, fixtureRecord, responseItem, batchPutResponses } = await import('../functions/local/export-fixtures');
    const { startMemorySampler, drain } = await import('../functions/local/memory-sampler');
    const { startApiFront } = await import('../functions/local/api-front');
    const { STREAMING_ROUTES } = await import('../functions/local/streaming-routes');
    const { putStaff } = await import('../functions/src/data/staff-repo');
    const { issueStaffToken } = await import('../functions/src/staff/tokens');

    const brandId = 'bench-export';
    const stores = Array.from({ length: STORES }, (_, i) => `be-${String(i).padStart(2, '0')}`);
    await putStores(stores.map((storeId, i) => ({ storeId, brandId, name: `门店${i}`, region: i % 2 ? 'east' : 'south', timeZone: 'Asia/Shanghai', staffIds: [`${storeId}-s`] })));
    await putStaff({ staffId: 'bench-admin', brandId, name: 'bench', role: 'admin', scope: { allRegions: true, regions: [], stores: [] }, passwordHash: 'x', disabled: false, createdAt: new Date().toISOString() });
    const { token } = await issueStaffToken('bench-admin', brandId, new Date());

    const comment = '排队太久，收银慢，店员态度一般，下次可能不会再来了。"真的"很失望, 希望改进';
    let at = Date.now();
    const perStore = ROWS / STORES;
    for (const [s, storeId] of stores.entries()) {
      const items = [];
      for (let i = 0; i < perStore; i++) {
        const day = `2026-0${4 + (i % 3)}-${String(1 + (i % 28)).padStart(2, '0')}`;
        items.push(responseItem(fixtureRecord(brandId, { storeId, region: s % 2 ? 'east' : 'south', day, staffId: `${storeId}-s`, phone: '13812345678', answers: { nps: i % 11, csat: 1 + (i % 5), reasons: ['slow_queue'], comment } })));
      }
      await batchPutResponses(items, 8);
      process.stderr.write(`\rseeded ${((s + 1) * perStore).toLocaleString()} / ${ROWS.toLocaleString()}`);
    }
    const seedSeconds = (Date.now() - at) / 1000;
    process.stderr.write('\n');

    const front = await startApiFront({ port, upstreamPort: port + 1, routes: STREAMING_ROUTES });
    try {
      const run = async (label: string, query: string) => {
        const sampler = startMemorySampler(100);
        at = Date.now();
        const res = await fetch(`${front.baseUrl}/v1/exports/responses.csv?from=2026-04-01&to=2026-06-30${query}`, { headers: { authorization: `Bearer ${token}` } });
        const body = await drain(res.body!);
        const seconds = (Date.now() - at) / 1000;
        const memory = sampler.stop();
        return { label, status: res.status, rows: body.lines, bytes: body.bytes, chunks: body.chunks, seconds, rowsPerSecond: Math.round((body.lines - 1) / seconds), ...memory };
      };
      const results = [await run(`${perStore} rows (1 store)`, `&store=${stores[0]}`), await run(`${ROWS} rows (${STORES} stores)`, '')];
      console.log(JSON.stringify({ seedRows: ROWS, seedSeconds, results }, null, 2));
    } finally {
      await front.stop();
    }
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
