/**
 * Month roll-ups stay equal to their days although a closed month's days still change: a callback's
 * loop events, a repeat purchase and a re-survey are counted under the day of the response they are
 * about, days or weeks later. Against DynamoDB Local: a roll-up a reader stored is marked stale by
 * such a write and summed again on the next read; readers and late writes racing never leave a stored
 * roll-up that lacks a write; the stream marks a re-survey's month; a live answer rolls up the month
 * it closes ahead of the first read.
 * (helpers must be imported first: it points this process at the test stack before the functions load.)
 */
import { unique } from './helpers';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { ZResponseRecord, counterAttributes, type Increments } from '@xinsheng/shared';
import { TABLES, db, dynamoClient, transactWrite } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { counterAdds } from '../functions/src/data/insight-events-repo';
import { sumDayRows } from '../functions/src/data/history-repo';
import { readGroups, type CounterGroup } from '../functions/src/data/insight-read-repo';
import { readPlan } from '../functions/src/insight/read-plan';
import { aggregateRecords } from '../functions/src/insight/aggregate-stream';

afterAll(() => dynamoClient.destroy());

/** Long after the month of the rows below: every write to them is "late". */
const NOW = new Date('2026-03-20T04:00:00Z');
const MONTH = '2026-01';
const janPlan = readPlan([{ from: '2026-01-01', to: '2026-01-31' }], () => true);

function storeGroup(): { brandId: string; group: CounterGroup } {
  return { brandId: unique('ru-brand'), group: { dimension: 'store', key: unique('ru-store') } };
}

/** A counter write as the task transitions and the invitation events make it (one transaction, marks included). */
const lateAdd = (brandId: string, group: CounterGroup, day: string, increments: Increments) => transactWrite(counterAdds(brandId, [group], day, increments, NOW));

/** The month as the metrics read it (roll-up or sum of days). */
async function readMonth(brandId: string, group: CounterGroup): Promise<Increments> {
  const [rows] = await readGroups(brandId, [group], janPlan);
  expect(rows.days.size).toBe(0);
  return counterAttributes(rows.months.get(MONTH) ?? {});
}

const storedRollUp = async (brandId: string, group: CounterGroup) =>
  (await db.send(new GetCommand({ TableName: TABLES.insight, Key: keys.counterMonth(brandId, group.dimension, group.key, MONTH), ConsistentRead: true }))).Item;

const daysOf = (brandId: string, group: CounterGroup) => sumDayRows(brandId, group.dimension, group.key, '2026-01-01', '2026-01-31');

test('a late write marks the stored roll-up stale; the next read sums the days again and stores them', async () => {
  const { brandId, group } = storeGroup();
  await lateAdd(brandId, group, '2026-01-10', { n9: 2, n3: 1 });
  // Marked at once: no roll-up existed, so the mark is a bare marker the reader replaces.
  expect((await storedRollUp(brandId, group))?.stale).toEqual(expect.any(String));
  expect(await readMonth(brandId, group)).toEqual({ n9: 2, n3: 1 });
  expect(await storedRollUp(brandId, group)).toMatchObject({ n9: 2, n3: 1, days: 1 });
  expect((await storedRollUp(brandId, group))?.stale).toBeUndefined();

  // Weeks later, the detractor's callback is resolved: counted under its response's day.
  await lateAdd(brandId, group, '2026-01-10', { 'l:rv': 1 });
  expect((await storedRollUp(brandId, group))?.stale).toEqual(expect.any(String));
  expect(await readMonth(brandId, group)).toEqual({ n9: 2, n3: 1, 'l:rv': 1 });
  expect(await storedRollUp(brandId, group)).toMatchObject({ 'l:rv': 1 });
  expect(await readMonth(brandId, group)).toEqual(await daysOf(brandId, group));
});

test('a write to the current month marks nothing (a live answer costs no extra write)', async () => {
  const { brandId, group } = storeGroup();
  await transactWrite(counterAdds(brandId, [group], '2026-03-19', { n10: 1 }, NOW));
  const marker = await db.send(new GetCommand({ TableName: TABLES.insight, Key: keys.counterMonth(brandId, group.dimension, group.key, '2026-03'), ConsistentRead: true }));
  expect(marker.Item).toBeUndefined();
});

test('readers racing late writes never store a roll-up that lacks one of them', async () => {
  const { brandId, group } = storeGroup();
  for (let round = 0; round < 12; round++) {
    await Promise.all([
      ...Array.from({ length: 4 }, () => readMonth(brandId, group)),
      ...Array.from({ length: 3 }, (_, i) => lateAdd(brandId, group, `2026-01-${String(1 + ((round * 3 + i) % 28)).padStart(2, '0')}`, { n7: 1, 'rp:promoter:30': 1 })),
    ]);
  }
  const days = await daysOf(brandId, group);
  expect(days).toEqual({ n7: 36, 'rp:promoter:30': 36 });
  // Whatever the interleaving, what a read returns now is the days' sum — and what is stored, if clean, is too.
  expect(await readMonth(brandId, group)).toEqual(days);
  const stored = await storedRollUp(brandId, group);
  if (stored?.stale === undefined) expect(counterAttributes(stored ?? {})).toEqual(days);
});

test("a late write between a reader's sum of the days and its PUT: the PUT is refused, the next read has the write", async () => {
  const { brandId, group } = storeGroup();
  await lateAdd(brandId, group, '2026-01-05', { n8: 1 });
  const pk = keys.counterPartition(brandId, group.dimension, group.key);
  let injected = false;
  // Right after the reader's Query of the month's days returns, before it PUTs the roll-up.
  dynamoClient.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = JSON.stringify(args.input);
      if (!injected && context.commandName === 'QueryCommand' && input.includes(pk) && input.includes('"D#2026-01-01"')) {
        injected = true;
        await lateAdd(brandId, group, '2026-01-06', { n8: 1 });
      }
      return result;
    },
    { step: 'initialize', name: 'lateWriteMidRead' },
  );
  try {
    expect(await readMonth(brandId, group)).toEqual({ n8: 1 }); // what the days held when it summed them
  } finally {
    dynamoClient.middlewareStack.remove('lateWriteMidRead');
  }
  expect(injected).toBe(true);
  expect((await storedRollUp(brandId, group))?.stale).toEqual(expect.any(String));
  expect(await readMonth(brandId, group)).toEqual({ n8: 2 });
  expect(counterAttributes((await storedRollUp(brandId, group)) ?? {})).toEqual({ n8: 2 });
});

/** A stream record of a response (NEW_IMAGE of the stored item). */
function record(response: Record<string, unknown>, seq: string): DynamoDBRecord {
  const parsed = ZResponseRecord.parse(response);
  const item = { ...keys.response(parsed.invitationId), ...response };
  return {
    eventName: 'INSERT',
    dynamodb: { Keys: marshall(keys.response(parsed.invitationId)) as never, NewImage: marshall(item, { removeUndefinedValues: true }) as never, SequenceNumber: seq, StreamViewType: 'NEW_IMAGE' },
  };
}

function response(brandId: string, storeId: string, day: string, nps: number, extra: Record<string, unknown> = {}) {
  const id = unique('ru-resp');
  return {
    responseId: id, invitationId: `inv-${id}`, clientResponseId: id, brandId, storeId, region: 'ru-region', orderId: `o-${id}`, touchpoint: 'in_store',
    surveyId: 'retail-nps', surveyVersion: 1, answers: { nps }, band: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor',
    submittedAt: `${day}T04:00:00.000Z`, day, timeZone: 'Asia/Shanghai', followUp: { callback: nps <= 6 }, ...extra,
  };
}

test("the stream marks a re-survey's month stale (it is counted under the original answer's day)", async () => {
  const { brandId, group } = storeGroup();
  const original = response(brandId, group.key, '2026-01-15', 3);
  await aggregateRecords([record(original, '100')], { themes: () => [], now: NOW });
  expect(await readMonth(brandId, group)).toMatchObject({ n3: 1 });
  expect((await storedRollUp(brandId, group))?.stale).toBeUndefined();

  const resurvey = response(brandId, group.key, '2026-03-20', 9, { kind: 'recovery', taskId: original.responseId, surveyId: 'recovery' });
  const cohort = { brandId, region: 'ru-region', storeId: group.key, touchpoint: 'in_store', day: '2026-01-15', nps: 3 };
  await aggregateRecords([record(resurvey, '101')], { themes: () => [], now: NOW, originalOf: async () => cohort });
  expect((await storedRollUp(brandId, group))?.stale).toEqual(expect.any(String));
  expect(await readMonth(brandId, group)).toMatchObject({ n3: 1, 'l:rs': 1, 'l:rc': 1, 'l:sb': 3, 'l:sa': 9 });
  expect(await readMonth(brandId, group)).toEqual(await daysOf(brandId, group));
});

test('a live answer rolls up the month it closes on each of its groups, before anyone reads it', async () => {
  const { brandId, group } = storeGroup();
  const february = { brandId, group: { dimension: 'store' as const, key: group.key } };
  const monthOfFeb = (g: CounterGroup) => db.send(new GetCommand({ TableName: TABLES.insight, Key: keys.counterMonth(brandId, g.dimension, g.key, '2026-02'), ConsistentRead: true }));
  await aggregateRecords([record(response(brandId, group.key, '2026-02-10', 10), '200'), record(response(brandId, group.key, '2026-02-27', 6), '201')], { themes: () => [], now: new Date('2026-02-27T04:00:00Z') });
  expect((await monthOfFeb(february.group)).Item).toBeUndefined();

  // 1 March: February is not closed yet (a day's answers may still be on their way): nothing rolled up.
  await aggregateRecords([record(response(brandId, group.key, '2026-03-01', 8), '202')], { themes: () => [], now: new Date('2026-03-01T04:00:00Z'), closeMonths: true });
  expect((await monthOfFeb(february.group)).Item).toBeUndefined();
  // 2 March, live: February closes — its roll-up is there on the store's and the region's partitions.
  await aggregateRecords([record(response(brandId, group.key, '2026-03-02', 9), '203')], { themes: () => [], now: new Date('2026-03-02T04:00:00Z'), closeMonths: true });
  expect((await monthOfFeb(february.group)).Item).toMatchObject({ n10: 1, n6: 1, days: 2 });
  expect((await monthOfFeb({ dimension: 'region', key: 'ru-region' })).Item).toMatchObject({ n10: 1, n6: 1 });
  // A backfill of a past day closes nothing.
  const other = storeGroup();
  await aggregateRecords([record(response(other.brandId, other.group.key, '2026-01-05', 9), '300'), record(response(other.brandId, other.group.key, '2026-02-05', 9), '301')], { themes: () => [], now: NOW, closeMonths: true });
  expect((await storedRollUp(other.brandId, other.group))).toBeUndefined();
});
