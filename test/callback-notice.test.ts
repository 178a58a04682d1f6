/**
 * The callback notice end to end over real HTTP on the local stack (DynamoDB Local, the main
 * table's stream poller, the WeChat stand-in): a detractor who accepted the callback template
 * reports the grant, the agent works the task, and the stand-in receives exactly one subscribe
 * message — within WeChat's field limits, linking back to the survey's thank-you.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { consumerSession, inspect, inspectPost, receiptInvitation, tokenFromPage, unique } from './helpers';
import { eventually, http, stack } from './followup-helpers';
import { CALLBACK_TEMPLATE_ID } from '../functions/local/stack';
import { devOpenId, type SentSubscribeMessage } from '../functions/local/wechat-stand-in';
import { templateValueProblem } from '../functions/src/channels/wechat/template-data';
import { dynamoClient } from '../functions/src/lib/dynamo';
import { getGrant } from '../functions/src/data/callback-notice-repo';
import { getTask, taskItem } from '../functions/src/data/tasks-repo';
import { processNoticeRecord } from '../functions/src/followup/callback-notice-stream';
import { WeChatClient } from '../functions/src/channels/wechat/client';

afterAll(() => dynamoClient.destroy());

const SEND = '/cgi-bin/message/subscribe/send';
/** The stand-in's subscribe-message sends to this customer, answered or refused (other tests' dispatches go to others). */
const sendsTo = async (openid: string) => (await inspect<{ sendsTo: Record<string, number> }>('stats')).sendsTo[openid] ?? 0;

async function login(username: string): Promise<string> {
  const account = stack.staff.find((s) => s.username === username);
  const res = await http('POST', '/v1/staff/login', undefined, { username, password: account?.password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return res.body.token;
}

let agent: string;
beforeAll(async () => {
  agent = await login('agent.east');
});

interface Detractor {
  openid: string;
  session: string;
  invitationToken: string;
  taskId: string;
}

/** A consumer answers a receipt survey as a detractor (sh-001, east); their task exists when this returns. */
async function detractor(nps = 3): Promise<Detractor> {
  const name = unique('notice');
  const session = await consumerSession(name);
  const { token: invitationToken } = await receiptInvitation({ storeId: 'sh-001', occurredAt: new Date(Date.now() - 30 * 60_000).toISOString() });
  const submitted = await http('POST', '/v1/responses', session, { invitationToken, clientResponseId: unique('client'), answers: { nps, comment: '排队太久' } });
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  const taskId = String(submitted.body.responseId);
  const { value: task } = await eventually(() => getTask(taskId, true), 10_000);
  if (!task) throw new Error('no task');
  return { openid: devOpenId(name), session, invitationToken, taskId };
}

/** What WeChat records when the consumer taps "accept" (the stand-in's grant), and what the mini-program then reports. */
async function grant(d: Detractor, options: { atWeChat?: boolean } = {}) {
  if (options.atWeChat ?? true) await inspectPost('grant', { openid: d.openid, template_id: CALLBACK_TEMPLATE_ID });
  return http('POST', '/v1/callback-notice', d.session, { invitationToken: d.invitationToken, clientGrantId: unique('grant') });
}

const messagesTo = async (openid: string) => (await inspect<SentSubscribeMessage[]>('messages')).filter((m) => m.touser === openid);

async function claim(d: Detractor) {
  expect((await http('POST', `/v1/tasks/${d.taskId}/claim`, agent)).status).toBe(200);
}
const attempt = (d: Detractor, result: string) => http('POST', `/v1/tasks/${d.taskId}/attempts`, agent, { result });
const resolve = (d: Detractor, outcome = 'resolved') => http('POST', `/v1/tasks/${d.taskId}/resolve`, agent, { outcome, rootCause: 'queue', resurvey: false });

/** The grant once it has settled (sent, refused, failed). */
async function settledGrant(taskId: string, timeoutMs = 10_000) {
  const { value } = await eventually(async () => {
    const g = await getGrant(taskId);
    return g && g.state !== 'granted' && g.state !== 'sending' ? g : undefined;
  }, timeoutMs);
  return value;
}

const noticeLines = async (taskId: string) => (await http('GET', `/v1/tasks/${taskId}`, agent)).body.timeline.filter((e: { type: string }) => e.type === 'customer_notified');

describe('POST /v1/callback-notice', () => {
  test('records one grant per answer: 201, then 200 for a retried report and for a second tap', async () => {
    const d = await detractor();
    const clientGrantId = unique('grant');
    const first = await http('POST', '/v1/callback-notice', d.session, { invitationToken: d.invitationToken, clientGrantId });
    expect({ status: first.status, body: first.body }).toEqual({ status: 201, body: { notice: 'granted' } });
    const again = await http('POST', '/v1/callback-notice', d.session, { invitationToken: d.invitationToken, clientGrantId });
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: { notice: 'granted' } });
    const secondTap = await http('POST', '/v1/callback-notice', d.session, { invitationToken: d.invitationToken, clientGrantId: unique('grant') });
    expect(secondTap.status).toBe(200);
    const stored = await getGrant(d.taskId);
    expect(stored).toMatchObject({ clientGrantId, state: 'granted', attempts: 0, templateId: CALLBACK_TEMPLATE_ID });
    // The openid is sealed: never stored (or answered) in the clear.
    expect(JSON.stringify(stored)).not.toContain(d.openid);
    expect(JSON.stringify([first.body, again.body])).not.toContain(d.openid);
  });

  test('401 without a session, 400 naming the field, 403 for another WeChat user, 404 for a forged token, 409 without a callback or an answer', async () => {
    const d = await detractor();
    const body = { invitationToken: d.invitationToken, clientGrantId: unique('grant') };
    expect((await http('POST', '/v1/callback-notice', undefined, body)).status).toBe(401);
    const staffToken = await http('POST', '/v1/callback-notice', agent, body);
    expect(staffToken.status).toBe(401); // a staff token is no consumer session
    const bad = await http('POST', '/v1/callback-notice', d.session, { invitationToken: d.invitationToken, clientGrantId: 'x' });
    expect({ status: bad.status, path: bad.body.error.details[0].path }).toEqual({ status: 400, path: ['body', 'clientGrantId'] });
    const other = await http('POST', '/v1/callback-notice', await consumerSession(unique('other')), body);
    expect({ status: other.status, code: other.body.error.code }).toEqual({ status: 403, code: 'forbidden' });
    const forged = `${d.invitationToken.split('.')[0]}.${'A'.repeat(32)}`;
    expect((await http('POST', '/v1/callback-notice', d.session, { ...body, invitationToken: forged })).status).toBe(404);

    const promoter = await consumerSession(unique('promoter'));
    const { token } = await receiptInvitation();
    expect((await http('POST', '/v1/callback-notice', promoter, { invitationToken: token, clientGrantId: unique('grant') })).status).toBe(409); // not answered yet
    expect((await http('POST', '/v1/responses', promoter, { invitationToken: token, clientResponseId: unique('client'), answers: { nps: 10 } })).status).toBe(201);
    const noCallback = await http('POST', '/v1/callback-notice', promoter, { invitationToken: token, clientGrantId: unique('grant') });
    expect({ status: noCallback.status, code: noCallback.body.error.code }).toEqual({ status: 409, code: 'conflict' });
  });
});

describe('the notice', () => {
  test('a detractor who granted: the first reached attempt sends one message (template, limits, link); the resolve sends none', async () => {
    const d = await detractor();
    expect((await grant(d)).status).toBe(201);
    await claim(d);
    expect((await attempt(d, 'no_answer')).status).toBe(200);
    // Not reached yet: nothing goes out.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await messagesTo(d.openid)).toEqual([]);

    expect((await attempt(d, 'reached')).status).toBe(200);
    const { value: sent } = await eventually(async () => ((await messagesTo(d.openid)).length ? messagesTo(d.openid) : undefined), 10_000);
    expect(sent).toHaveLength(1);
    const [message] = sent!;
    expect(message).toMatchObject({ template_id: CALLBACK_TEMPLATE_ID, miniprogram_state: 'developer', lang: 'zh_CN' });
    expect(message.data).toEqual({
      thing1: { value: '上海南京西路店' },
      phrase2: { value: '已回电' },
      time3: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
      thing4: { value: '门店已与您电话沟通' },
    });
    for (const [key, { value }] of Object.entries(message.data)) expect({ key, problem: templateValueProblem(key, value) }).toEqual({ key, problem: undefined });
    // The link: the survey page of this invitation, told it comes from the notice (its thank-you).
    expect(message.page).toMatch(/^pages\/survey\/index\?inv=[^&]+&from=notice$/);
    expect(tokenFromPage(message.page!)).toBe(d.invitationToken);

    expect(await settledGrant(d.taskId)).toMatchObject({ state: 'sent', trigger: 'reached', attempts: 1, msgid: expect.any(String) });
    const { value: lines } = await eventually(async () => ((await noticeLines(d.taskId)).length ? noticeLines(d.taskId) : undefined));
    expect(lines).toEqual([expect.objectContaining({ trigger: 'reached', ok: true })]);

    // Resolving afterwards: no second message, even with a grant left at WeChat.
    await inspectPost('grant', { openid: d.openid, template_id: CALLBACK_TEMPLATE_ID });
    expect((await resolve(d)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messagesTo(d.openid)).toHaveLength(1);
    expect(await noticeLines(d.taskId)).toHaveLength(1);
  });

  test('resolved without a reached attempt: the resolve sends it', async () => {
    const d = await detractor();
    expect((await grant(d)).status).toBe(201);
    await claim(d);
    expect((await resolve(d, 'unreachable')).status).toBe(200);
    const { value: sent } = await eventually(async () => ((await messagesTo(d.openid)).length ? messagesTo(d.openid) : undefined), 10_000);
    expect(sent).toHaveLength(1);
    expect(sent![0].data).toMatchObject({ phrase2: { value: '已处理' }, thing4: { value: '多次致电未能联系上您' } });
    expect(await settledGrant(d.taskId)).toMatchObject({ state: 'sent', trigger: 'resolved' });
  });

  test('the grant reported after the call: sent at once (the grant is the later of the two)', async () => {
    const d = await detractor();
    await claim(d);
    expect((await attempt(d, 'reached')).status).toBe(200);
    expect((await grant(d)).status).toBe(201);
    expect(await settledGrant(d.taskId)).toMatchObject({ state: 'sent', trigger: 'reached' });
    expect(await messagesTo(d.openid)).toHaveLength(1);
  });

  test('a detractor who did not grant gets nothing', async () => {
    const d = await detractor();
    await claim(d);
    expect((await attempt(d, 'reached')).status).toBe(200);
    expect((await resolve(d)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messagesTo(d.openid)).toEqual([]);
    expect(await getGrant(d.taskId)).toBeUndefined();
    expect(await noticeLines(d.taskId)).toEqual([]);
  });

  test('duplicate stream records (the poller and two more consumers at once): still one message', async () => {
    const d = await detractor();
    expect((await grant(d)).status).toBe(201);
    await claim(d);
    const before = await sendsTo(d.openid);
    expect((await attempt(d, 'reached')).status).toBe(200);
    // The same record the poller is handling, delivered twice more, concurrently.
    const task = (await getTask(d.taskId, true))!;
    const image = marshall(taskItem(task, new Date()), { removeUndefinedValues: true });
    const record = { eventName: 'MODIFY', dynamodb: { Keys: { pk: image.pk, sk: image.sk }, NewImage: image, SequenceNumber: '1' } } as unknown as DynamoDBRecord;
    const client = new WeChatClient({ baseUrl: stack.wechatBaseUrl, appId: stack.env.XS_WECHAT_APPID, secret: stack.env.XS_WECHAT_SECRET, envVersion: 'develop' });
    const deps = { wechat: client, now: () => new Date() };
    const results = await Promise.all([processNoticeRecord(record, deps), processNoticeRecord(record, deps)]);
    expect(await settledGrant(d.taskId)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await messagesTo(d.openid)).toHaveLength(1);
    expect(results.filter((r) => r === 'sent').length).toBeLessThanOrEqual(1);
    // And once more after it settled: nothing to spend.
    expect(await processNoticeRecord(record, deps)).toBe('no_grant');
    expect(await messagesTo(d.openid)).toHaveLength(1);
    expect((await sendsTo(d.openid)) - before).toBe(1);
  });

  test('43101 from WeChat (the grant reported, none left at WeChat): recorded on the timeline, spent, not retried; the task goes on', async () => {
    const d = await detractor();
    expect((await grant(d, { atWeChat: false })).status).toBe(201);
    await claim(d);
    const before = await sendsTo(d.openid);
    expect((await attempt(d, 'reached')).status).toBe(200);
    expect(await settledGrant(d.taskId)).toMatchObject({ state: 'refused', errcode: 43101, attempts: 1 });
    const { value: lines } = await eventually(async () => ((await noticeLines(d.taskId)).length ? noticeLines(d.taskId) : undefined));
    expect(lines).toEqual([expect.objectContaining({ trigger: 'reached', ok: false, errcode: 43101 })]);
    // The task is unaffected: it resolves as any other, and no retry storm follows.
    expect((await resolve(d)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await sendsTo(d.openid)) - before).toBe(1);
    expect((await http('GET', `/v1/tasks/${d.taskId}`, agent)).body).toMatchObject({ status: 'resolved' });
    expect(await messagesTo(d.openid)).toEqual([]);
  });

  test('WeChat busy through a whole round: the grant is given back and the next round sends it, once', async () => {
    const d = await detractor();
    expect((await grant(d)).status).toBe(201);
    await claim(d);
    // The client tries 3 times a round (with back-off): the first round fails entirely.
    await inspectPost('faults', { path: SEND, errcode: -1, times: 3 });
    expect((await attempt(d, 'reached')).status).toBe(200);
    expect(await settledGrant(d.taskId, 20_000)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await messagesTo(d.openid)).toHaveLength(1);
    expect(await noticeLines(d.taskId)).toEqual([expect.objectContaining({ ok: true })]);
  });

  test('the send is off the request path: a slow WeChat does not slow claim, attempt or resolve', async () => {
    const d = await detractor();
    expect((await grant(d)).status).toBe(201);
    await inspectPost('faults', { path: SEND, delayMs: 3000, times: 1 });
    const timed = async (call: () => Promise<{ status: number }>) => {
      const start = Date.now();
      const res = await call();
      expect(res.status).toBe(200);
      return Date.now() - start;
    };
    const claimMs = await timed(() => http('POST', `/v1/tasks/${d.taskId}/claim`, agent));
    const attemptMs = await timed(() => attempt(d, 'reached'));
    // The stream has picked the task up and is waiting on WeChat while the agent resolves.
    await eventually(async () => ((await getGrant(d.taskId))?.state === 'sending' ? true : undefined), 5000, 50);
    const resolveMs = await timed(() => resolve(d));
    expect(await getGrant(d.taskId)).toMatchObject({ state: 'sending' });
    for (const ms of [claimMs, attemptMs, resolveMs]) expect(ms).toBeLessThan(1500);
    expect(await settledGrant(d.taskId, 15_000)).toMatchObject({ state: 'sent' });
    expect(await messagesTo(d.openid)).toHaveLength(1);
  });
});
