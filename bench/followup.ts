/**
 * Follow-up figures: how long a detractor's answer takes to become a task (submit → task readable,
 * through DynamoDB Local's stream and the poller), and the DynamoDB capacity one follow-up costs
 * (metered by the fault proxy from ReturnConsumedCapacity).
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ulid } from 'ulidx';
import { ZResponseRecord } from '@xinsheng/shared';
import { takeConsumedCapacity } from '../functions/local/dynamodb-fault-proxy';
import { json, percentile, receiptTokens, session, type BenchContext, type Figure, meterOf } from './lib';

const SECTION = 'follow-up';

/** Submit → task visible, for `n` detractors, `concurrency` at a time. */
async function latency(ctx: BenchContext, n = 200, concurrency = 8): Promise<Figure[]> {
  const { getTask } = await import('../functions/src/data/tasks-repo');
  const api = ctx.stack.apiBaseUrl;
  const tokens = await receiptTokens(ctx, n, 'bench-fu');
  const consumer = await session(api, `bench-followup-${Date.now()}`);
  const times: number[] = [];
  let missing = 0;
  const queue = tokens.map((token, i) => ({ token, i }));
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const start = performance.now();
      const res = await json(`${api}/v1/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${consumer}` },
        body: JSON.stringify({ invitationToken: next.token, clientResponseId: `bench-fu-${next.i}-${Date.now()}`, answers: { nps: next.i % 7, comment: '排队太久' } }),
      });
      const taskId = res.body.responseId as string;
      for (;;) {
        if (await getTask(taskId, true)) {
          times.push(performance.now() - start);
          break;
        }
        if (performance.now() - start > 30_000) {
          missing++;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return [
    { section: SECTION, metric: `detractor submit → task readable, p50 (${n}, ${concurrency} at a time)`, value: percentile(times, 50), unit: 'ms' },
    { section: SECTION, metric: 'detractor submit → task readable, p95', value: percentile(times, 95), unit: 'ms', budget: 5000 },
    { section: SECTION, metric: 'detractors with no task after 30 s', value: missing, unit: 'tasks', budget: 0 },
  ];
}

/** Capacity of one follow-up, from the handler itself on hand-made stream records. */
async function capacity(ctx: BenchContext, n = 50): Promise<Figure[]> {
  const { createFollowUpHandler } = await import('../functions/src/followup/on-response-stream');
  const handler = createFollowUpHandler({ notifier: { sendMarkdown: async () => ({ ok: true, attempts: 1 }) }, now: () => new Date() });
  const record = (nps: number, seq: number): DynamoDBRecord => {
    const id = ulid();
    const response = ZResponseRecord.parse({
      responseId: id, invitationId: ulid(), clientResponseId: `b-${id}`, brandId: 'demo-brand', storeId: 'sh-001', region: 'east', orderId: `o-${id}`,
      touchpoint: 'in_store', surveyId: 'retail-nps', surveyVersion: 1, answers: { nps }, band: 'detractor', submittedAt: new Date().toISOString(),
      day: '2026-01-01', timeZone: 'Asia/Shanghai', kind: 'survey', followUp: { callback: true },
    });
    const keys = { pk: `RESP#${response.invitationId}`, sk: 'RESPONSE' };
    return { eventName: 'INSERT', dynamodb: { Keys: marshall(keys) as any, NewImage: marshall({ ...keys, ...response }, { removeUndefinedValues: true }) as any, SequenceNumber: String(seq) } };
  };
  await handler({ Records: [record(5, 1), record(1, 2)] }); // warm the policy/store caches and the region marker
  const measure = async (nps: number) => {
    await takeConsumedCapacity(meterOf(ctx));
    for (let i = 0; i < n; i++) await handler({ Records: [record(nps, 100 + i)] });
    const used = await takeConsumedCapacity(meterOf(ctx));
    return { write: used.write / n, read: used.read / n };
  };
  const normal = await measure(5);
  const urgent = await measure(1);
  const again = await (async () => {
    const records = Array.from({ length: n }, (_, i) => record(5, 1000 + i));
    for (const r of records) await handler({ Records: [r] });
    await takeConsumedCapacity(meterOf(ctx));
    for (const r of records) await handler({ Records: [r] });
    const used = await takeConsumedCapacity(meterOf(ctx));
    return { write: used.write / n, read: used.read / n };
  })();
  return [
    { section: SECTION, metric: 'write units per follow-up (normal: the task)', value: normal.write, unit: 'WCU' },
    { section: SECTION, metric: 'write units per follow-up (urgent: task + notice claim + result)', value: urgent.write, unit: 'WCU' },
    { section: SECTION, metric: 'read units per follow-up (urgent)', value: urgent.read, unit: 'RCU' },
    { section: SECTION, metric: 'write units per redelivered record (no-op)', value: again.write, unit: 'WCU' },
  ];
}

export async function followupSection(ctx: BenchContext): Promise<Figure[]> {
  return [...(await latency(ctx)), ...(await capacity(ctx))];
}
