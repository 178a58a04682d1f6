/**
 * Re-survey after a resolve, end to end: the resolved task makes a recovery invitation that goes
 * the same way as any invitation (scheduled out of quiet hours, sent by the dispatcher — here an
 * SMS with a URL link), the customer answers "did we resolve it?" + NPS, and the stream brings the
 * recovered score back to the task. No second task is made.
 */
import { answerAsCustomer, eventually, http, stack, unique } from './followup-helpers';
import { uniquePhone } from './helpers';
import { dynamoClient } from '../functions/src/lib/dynamo';
import { getTask } from '../functions/src/data/tasks-repo';
import { getInvitation } from '../functions/src/data/invitations-repo';
import { handler as dispatch } from '../functions/src/dispatch/send-due-invitations';

afterAll(() => dynamoClient.destroy());

const demo = (username: string) => stack.staff.find((s) => s.username === username)!;
const login = async (username: string) => (await http('POST', '/v1/staff/login', undefined, { username, password: demo(username).password })).body.token as string;

test('resolve → recovery invitation → SMS → answer → recovered score on the task', async () => {
  const phone = uniquePhone('137');
  const answered = await answerAsCustomer({ nps: 2, comment: '商品过期' }, { storeId: 'gz-001', phone });
  await eventually(() => getTask(answered.responseId, true));
  const agent = await login('agent.south');
  await http('POST', `/v1/tasks/${answered.responseId}/claim`, agent);
  await http('POST', `/v1/tasks/${answered.responseId}/attempts`, agent, { result: 'reached' });
  const resolved = await http('POST', `/v1/tasks/${answered.responseId}/resolve`, agent, { outcome: 'resolved', rootCause: 'expired_goods' });
  expect(resolved.status).toBe(200);
  const invited = (resolved.body.timeline as any[]).find((e) => e.type === 'recovery_invited');
  expect(invited).toMatchObject({ status: 'scheduled' });
  expect(resolved.body.recovery).toMatchObject({ invitationId: invited.invitationId });

  const invitation = await getInvitation(invited.invitationId);
  expect(invitation).toMatchObject({ kind: 'recovery', taskId: answered.responseId, surveyId: 'recovery-check', channel: 'sms', status: 'scheduled' });
  // An hour later (then out of quiet hours, in the store's zone), not before.
  expect(Date.parse(invitation!.sendAt!)).toBeGreaterThanOrEqual(Date.now() + 59 * 60_000);
  const localHour = (Number(invitation!.sendAt!.slice(11, 13)) + 8) % 24;
  expect(localHour >= 9 && localHour < 21).toBe(true);

  await dispatch({ time: new Date(Date.parse(invitation!.sendAt!) + 1000).toISOString() });
  expect(await getInvitation(invited.invitationId)).toMatchObject({ status: 'sent', channel: 'sms' });
  const sms = (await (await fetch(`${stack.wechatBaseUrl}/_inspect/sms`)).json()) as { phone: string; text: string }[];
  expect(sms.some((m) => m.phone === phone)).toBe(true);
  const links = (await (await fetch(`${stack.wechatBaseUrl}/_inspect/urllinks`)).json()) as { query: string }[];
  const query = links.map((l) => new URLSearchParams(l.query).get('inv') ?? '').find((inv) => inv.startsWith(invited.invitationId));
  expect(query).toBeDefined();

  const session = await http('POST', '/v1/session', undefined, { code: `dev-${unique('customer')}` });
  const view = await http('GET', `/v1/invitations/${encodeURIComponent(query!)}`, session.body.token);
  expect(view.body.survey.surveyId).toBe('recovery-check');
  const answer = await http('POST', '/v1/responses', session.body.token, {
    invitationToken: query,
    clientResponseId: unique('client'),
    answers: { nps: 9, reasons: ['issue_resolved'] },
  });
  expect(answer.status).toBe(201);

  const { value: task } = await eventually(async () => {
    const t = await getTask(answered.responseId, true);
    return t?.recovery?.responseId ? t : undefined;
  });
  expect(task?.recovery).toMatchObject({ nps: 9, resolved: true, responseId: answer.body.responseId });
  expect(await getTask(answer.body.responseId, true)).toBeUndefined();
  const detail = await http('GET', `/v1/tasks/${answered.responseId}`, agent);
  expect(detail.body.recovery).toMatchObject({ nps: 9, resolved: true });
  expect((detail.body.timeline as any[]).map((e) => e.type)).toContain('recovered');
});

test('an unreachable outcome sends no recovery survey; a customer we cannot reach gets none either', async () => {
  const agent = await login('agent.south');
  const a = await answerAsCustomer({ nps: 4 }, { storeId: 'gz-001', phone: uniquePhone('137') });
  const b = await answerAsCustomer({ nps: 4 }, { storeId: 'gz-001' });
  await eventually(() => getTask(b.responseId, true));
  await eventually(() => getTask(a.responseId, true));
  await http('POST', `/v1/tasks/${a.responseId}/claim`, agent);
  const unreachable = await http('POST', `/v1/tasks/${a.responseId}/resolve`, agent, { outcome: 'unreachable', rootCause: 'no answer' });
  expect((unreachable.body.timeline as any[]).some((e) => e.type === 'recovery_invited')).toBe(false);
  await http('POST', `/v1/tasks/${b.responseId}/claim`, agent);
  const noChannel = await http('POST', `/v1/tasks/${b.responseId}/resolve`, agent, { outcome: 'resolved', rootCause: 'x' });
  expect((noChannel.body.timeline as any[]).find((e) => e.type === 'recovery_invited')).toMatchObject({ status: 'suppressed', reason: 'no_channel' });
});
