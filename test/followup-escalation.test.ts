/**
 * Escalation with a moved clock: the scheduled function, given a time past a task's due time,
 * moves it to the supervisors once, raises its priority once and posts one WeCom notice —
 * however many runs see it, even at the same time. A contacted task never escalates.
 */
import { answerAsCustomer, eventually, http, listAllTasks, stack, wecomSent } from './followup-helpers';
import { handler as escalate } from '../functions/src/followup/escalate-overdue';
import { getTask } from '../functions/src/data/tasks-repo';
import { dynamoClient } from '../functions/src/lib/dynamo';

// The SDK keeps sockets open; jest waits for them otherwise.
afterAll(() => dynamoClient.destroy());

const demo = (username: string) => stack.staff.find((s) => s.username === username)!;
const login = async (username: string) => (await http('POST', '/v1/staff/login', undefined, { username, password: demo(username).password })).body.token as string;

async function taskFor(nps: number, storeId = 'sz-001') {
  const answered = await answerAsCustomer({ nps, comment: '等了很久没人理' }, { storeId });
  const { value } = await eventually(() => getTask(answered.responseId, true));
  if (!value) throw new Error('no task');
  return value;
}

describe('SLA escalation', () => {
  test('past due: escalated once, to the supervisors, priority raised, one notice', async () => {
    const task = await taskFor(5);
    expect(task).toMatchObject({ priority: 'normal', queue: 'region:south', escalated: false });
    const before = Date.parse(task.dueAt) - 60_000;
    const after = new Date(Date.parse(task.dueAt) + 60_000).toISOString();

    await escalate({ time: new Date(before).toISOString() });
    expect(await getTask(task.taskId, true)).toMatchObject({ escalated: false });

    await Promise.all([escalate({ time: after }), escalate({ time: after })]);
    await escalate({ time: new Date(Date.parse(after) + 3_600_000).toISOString() });
    const escalated = await getTask(task.taskId, true);
    expect(escalated).toMatchObject({ escalated: true, queue: 'supervisor:south', priority: 'urgent', breaches: 1 });
    expect(escalated?.timeline.filter((e) => e.type === 'escalated')).toHaveLength(1);
    const notices = (await wecomSent()).filter((m) => m.content.includes(task.taskId) && m.content.includes('超时升级'));
    expect(notices).toHaveLength(1);
    expect(notices[0].content).toContain('supervisor:south');

    // The supervisors' view: the escalated filter finds it.
    const list = await listAllTasks(await login('supervisor.south'), 'escalated=true');
    expect(list.find((t) => t.taskId === task.taskId)).toMatchObject({ escalated: true, breached: true, queue: 'supervisor:south' });
  });

  test('a task whose customer was reached before the due time does not escalate', async () => {
    const task = await taskFor(2);
    const agent = await login('agent.south');
    await http('POST', `/v1/tasks/${task.taskId}/claim`, agent);
    expect((await http('POST', `/v1/tasks/${task.taskId}/attempts`, agent, { result: 'reached' })).status).toBe(200);
    await escalate({ time: new Date(Date.parse(task.dueAt) + 60_000).toISOString() });
    expect(await getTask(task.taskId, true)).toMatchObject({ escalated: false, priority: 'urgent' });
  });

  test('a reopened task gets a fresh SLA and may breach again (once more)', async () => {
    const task = await taskFor(1);
    const agent = await login('agent.south');
    const supervisor = await login('supervisor.south');
    await escalate({ time: new Date(Date.parse(task.dueAt) + 60_000).toISOString() });
    await http('POST', `/v1/tasks/${task.taskId}/claim`, agent);
    await http('POST', `/v1/tasks/${task.taskId}/resolve`, agent, { outcome: 'unreachable', rootCause: 'no answer' });
    const reopened = await http('POST', `/v1/tasks/${task.taskId}/reopen`, supervisor, {});
    expect(reopened.body).toMatchObject({ status: 'open', queue: 'region:south', escalated: false });
    const secondDue = Date.parse(reopened.body.dueAt);
    await escalate({ time: new Date(secondDue + 60_000).toISOString() });
    await escalate({ time: new Date(secondDue + 120_000).toISOString() });
    const twice = await getTask(task.taskId, true);
    expect(twice).toMatchObject({ breaches: 2, priority: 'critical' });
    expect(twice?.timeline.filter((e) => e.type === 'escalated')).toHaveLength(2);
    expect((await wecomSent()).filter((m) => m.content.includes(task.taskId) && m.content.includes('超时升级'))).toHaveLength(2);
  });
});
