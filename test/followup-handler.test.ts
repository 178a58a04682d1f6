/**
 * The follow-up handler against the test stack's DynamoDB Local, fed hand-made stream records
 * (the shape Lambda delivers): redelivery and a crash after the write leave exactly one task,
 * one urgent notice; a failure reports the record and everything after it.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ulid } from 'ulidx';
import { ZResponseRecord, type ResponseRecord } from '@xinsheng/shared';
import { stack } from './followup-helpers';
import { createFollowUpHandler } from '../functions/src/followup/on-response-stream';
import { getTask } from '../functions/src/data/tasks-repo';
import type { StaffNotifier } from '../functions/src/followup/notify';
import { dynamoClient } from '../functions/src/lib/dynamo';

// The SDK keeps sockets open; jest waits for them otherwise.
afterAll(() => dynamoClient.destroy());

void stack;
let sequence = 1000;

function responseRecord(overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  const id = ulid();
  return ZResponseRecord.parse({
    responseId: id,
    invitationId: ulid(),
    clientResponseId: `client-${id}`,
    brandId: 'demo-brand',
    storeId: 'gz-001',
    region: 'south',
    orderId: `order-${id}`,
    touchpoint: 'in_store',
    surveyId: 'retail-nps',
    surveyVersion: 1,
    answers: { nps: 1, comment: '退款一直没到账' },
    band: 'detractor',
    submittedAt: new Date().toISOString(),
    day: '2026-03-10',
    timeZone: 'Asia/Shanghai',
    kind: 'survey',
    followUp: { callback: true, slaHours: 4 },
    ...overrides,
  });
}

function streamRecord(response: ResponseRecord, eventName: 'INSERT' | 'MODIFY' = 'INSERT'): DynamoDBRecord {
  const keys = { pk: `RESP#${response.invitationId}`, sk: 'RESPONSE' };
  return {
    eventID: `event-${sequence}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ap-east-1',
    eventSourceARN: 'arn:aws:dynamodb:ap-east-1:000000000000:table/xinsheng-local-responses/stream/test',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: marshall(keys) as any,
      NewImage: marshall({ ...keys, ...response }, { removeUndefinedValues: true }) as any,
      SequenceNumber: String(sequence++),
      SizeBytes: 512,
      StreamViewType: 'NEW_IMAGE',
    },
  };
}

function countingNotifier(): StaffNotifier & { sent: string[] } {
  const sent: string[] = [];
  return { sent, sendMarkdown: async (content) => (sent.push(content), { ok: true, attempts: 1 }) };
}

describe('follow-up handler', () => {
  test('the same batch delivered twice leaves one task and one notice', async () => {
    const notifier = countingNotifier();
    const handler = createFollowUpHandler({ notifier, now: () => new Date() });
    const response = responseRecord();
    const batch = { Records: [streamRecord(response)] };
    expect(await handler(batch)).toEqual({ batchItemFailures: [] });
    const first = await getTask(response.responseId, true);
    expect(await handler(batch)).toEqual({ batchItemFailures: [] });
    const second = await getTask(response.responseId, true);
    expect(first).toMatchObject({ taskId: response.responseId, status: 'open', priority: 'urgent', queue: 'region:south' });
    expect(second?.timeline.filter((e) => e.type === 'created')).toHaveLength(1);
    expect(second?.dueAt).toBe(first?.dueAt);
    expect(notifier.sent).toHaveLength(1);
    expect(notifier.sent[0]).toContain('退款一直没到账');
  });

  test('a crash right after the write: the record is reported, the retry finishes with one task and one notice', async () => {
    const notifier = countingNotifier();
    let crashes = 1;
    const handler = createFollowUpHandler({
      notifier,
      now: () => new Date(),
      afterTaskWrite: () => {
        if (crashes-- > 0) throw new Error('simulated crash after the write');
      },
    });
    const response = responseRecord();
    const record = streamRecord(response);
    const failed = await handler({ Records: [record] });
    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
    expect(await getTask(response.responseId, true)).toBeDefined();
    expect(notifier.sent).toHaveLength(0);

    expect(await handler({ Records: [record] })).toEqual({ batchItemFailures: [] });
    const task = await getTask(response.responseId, true);
    expect(task?.timeline.filter((e) => e.type === 'created')).toHaveLength(1);
    expect(notifier.sent).toHaveLength(1);
    expect(task?.notices.urgent).toMatchObject({ state: 'sent', attempts: 1 });
  });

  test('a failure mid-batch reports that record and the ones after it; redelivered, each has exactly one task', async () => {
    const notifier = countingNotifier();
    const [a, b, c] = [responseRecord({ answers: { nps: 5 } }), responseRecord({ answers: { nps: 4 } }), responseRecord({ answers: { nps: 6 } })];
    let failOnce = true;
    const handler = createFollowUpHandler({
      notifier,
      now: () => new Date(),
      afterTaskWrite: (task) => {
        if (task.taskId === b.responseId && failOnce) {
          failOnce = false;
          throw new Error('boom');
        }
      },
    });
    const records = [streamRecord(a), streamRecord(b), streamRecord(c)];
    const result = await handler({ Records: records });
    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([records[1].dynamodb!.SequenceNumber, records[2].dynamodb!.SequenceNumber]);
    expect(await getTask(a.responseId, true)).toMatchObject({ priority: 'normal' });
    // The batch's records run at once, so c may be done already; Lambda delivers b and c again either way.
    expect(await handler({ Records: records.slice(1) })).toEqual({ batchItemFailures: [] });
    for (const response of [a, b, c]) {
      expect((await getTask(response.responseId, true))?.timeline.filter((e) => e.type === 'created')).toHaveLength(1);
    }
  });

  test('passives, promoters, MODIFY events and foreign items make nothing', async () => {
    const notifier = countingNotifier();
    const handler = createFollowUpHandler({ notifier, now: () => new Date() });
    const passive = responseRecord({ answers: { nps: 8 }, band: 'passive', followUp: { callback: false } });
    const modified = responseRecord();
    const foreign = streamRecord(responseRecord());
    foreign.dynamodb!.NewImage = marshall({ pk: 'X', sk: 'Y', hello: 'world' }) as any;
    expect(await handler({ Records: [streamRecord(passive), streamRecord(modified, 'MODIFY'), foreign] })).toEqual({ batchItemFailures: [] });
    expect(await getTask(passive.responseId, true)).toBeUndefined();
    expect(await getTask(modified.responseId, true)).toBeUndefined();
    expect(notifier.sent).toHaveLength(0);
  });

  test('a delivery complaint is routed to the delivery team; a CSAT ≤ 2 passive gets a normal task', async () => {
    const handler = createFollowUpHandler({ notifier: countingNotifier(), now: () => new Date() });
    const delivery = responseRecord({ touchpoint: 'delivery', answers: { nps: 6 } });
    const unhappy = responseRecord({ answers: { nps: 8, csat: 2 }, band: 'passive' });
    await handler({ Records: [streamRecord(delivery), streamRecord(unhappy)] });
    expect(await getTask(delivery.responseId, true)).toMatchObject({ queue: 'delivery-team', priority: 'normal' });
    expect(await getTask(unhappy.responseId, true)).toMatchObject({ queue: 'region:south', priority: 'normal' });
  });

  test('a recovery answer is kept with its task once, and makes no task of its own', async () => {
    const handler = createFollowUpHandler({ notifier: countingNotifier(), now: () => new Date() });
    const original = responseRecord();
    await handler({ Records: [streamRecord(original)] });
    const recovery = responseRecord({ kind: 'recovery', taskId: original.responseId, surveyId: 'recovery-check', answers: { nps: 9, reasons: ['issue_resolved'] }, band: 'promoter' });
    const record = streamRecord(recovery);
    await handler({ Records: [record] });
    await handler({ Records: [record] });
    const task = await getTask(original.responseId, true);
    expect(task?.recovery).toMatchObject({ responseId: recovery.responseId, nps: 9, resolved: true });
    expect(task?.timeline.filter((e) => e.type === 'recovered')).toHaveLength(1);
    expect(await getTask(recovery.responseId, true)).toBeUndefined();
  });
});
