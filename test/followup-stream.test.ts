/**
 * The follow-up loop on the local stack: the poller reads DynamoDB Local's real stream and hands
 * it to the follow-up handler; here we look at what it wrote.
 */
import { answerAsCustomer, eventually, stack, wecomSent } from './followup-helpers';
import { getTask } from '../functions/src/data/tasks-repo';
import { dynamoClient } from '../functions/src/lib/dynamo';

// The SDK keeps sockets open; jest waits for them otherwise.
afterAll(() => dynamoClient.destroy());


describe('responses stream → callback task', () => {
  test('a detractor becomes one task within 5 s; an urgent one is announced on WeCom', async () => {
    const answered = await answerAsCustomer({ nps: 2, comment: '排队太久，店员态度很差，我要投诉！' });
    expect(answered.followUp.callback).toBe(true);
    const { value: task, ms } = await eventually(() => getTask(answered.responseId, true), 5000);
    expect(task).toBeDefined();
    expect(ms).toBeLessThan(5000);
    expect(task).toMatchObject({ status: 'open', priority: 'urgent', queue: 'region:east', storeId: 'sh-001', region: 'east' });
    const { value: notice } = await eventually(async () => (await wecomSent()).find((m) => m.content.includes(answered.responseId)), 5000);
    expect(notice?.content).toContain('上海南京西路店');
    expect(notice?.content).toContain('NPS 2');
  });

  test('a WeCom outage never holds up the task: the failure is retried, then recorded on it', async () => {
    const fault = await fetch(`${stack.wechatBaseUrl}/_inspect/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/cgi-bin/webhook/send', errcode: -1, times: 3 }),
    });
    expect(fault.ok).toBe(true);
    const answered = await answerAsCustomer({ nps: 0 });
    const { value: task } = await eventually(() => getTask(answered.responseId, true), 5000);
    expect(task).toMatchObject({ status: 'open', priority: 'urgent' });
    const { value: failed } = await eventually(async () => {
      const t = await getTask(answered.responseId, true);
      return t?.notices.urgent?.state === 'failed' ? t : undefined;
    }, 15_000);
    expect(failed?.notices.urgent).toMatchObject({ state: 'failed', attempts: 3 });
    expect(failed?.timeline.find((e) => e.type === 'notified')).toMatchObject({ kind: 'urgent', ok: false, attempts: 3 });
    expect((await wecomSent()).some((m) => m.content.includes(answered.responseId))).toBe(false);
  });

  test.each([[8], [10]])('NPS %d (passive/promoter) makes no task', async (nps) => {
    const answered = await answerAsCustomer({ nps });
    expect(answered.followUp.callback).toBe(false);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await getTask(answered.responseId, true)).toBeUndefined();
  });
});
