/**
 * The staff side of the loop over real HTTP on the local stack: a detractor's answer becomes a
 * task the right agent sees within 5 s, and is worked claim → attempt → reveal → resolve.
 */
import { answerAsCustomer, eventually, http, listAllTasks, stack } from './followup-helpers';
import { maskedPhone, uniquePhone } from './helpers';
import { dynamoClient } from '../functions/src/lib/dynamo';

afterAll(() => dynamoClient.destroy());

const demo = (username: string) => {
  const account = stack.staff.find((s) => s.username === username);
  if (!account) throw new Error(`no demo account ${username}`);
  return account;
};

async function login(username: string, password = demo(username).password): Promise<string> {
  const res = await http('POST', '/v1/staff/login', undefined, { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

let agentEast: string;
let supervisorEast: string;
let agentSouth: string;

beforeAll(async () => {
  [agentEast, supervisorEast, agentSouth] = await Promise.all([login('agent.east'), login('supervisor.east'), login('agent.south')]);
});

describe('POST /v1/staff/login', () => {
  test('a wrong password, an unknown user and a bad body', async () => {
    expect((await http('POST', '/v1/staff/login', undefined, { username: 'agent.east', password: 'nope' })).body.error.code).toBe('invalid_credentials');
    expect((await http('POST', '/v1/staff/login', undefined, { username: 'nobody', password: 'nope' })).status).toBe(401);
    expect((await http('POST', '/v1/staff/login', undefined, { username: 'agent.east' })).status).toBe(400);
  });

  test('five wrong passwords lock the username for the window (429, Retry-After), even with the right one', async () => {
    const { putStaff } = await import('../functions/src/data/staff-repo');
    const { hashPassword } = await import('../functions/src/staff/passwords');
    const username = `locked.${Date.now()}`;
    await putStaff({ staffId: username, brandId: 'demo-brand', name: 'x', role: 'agent', scope: { allRegions: false, regions: ['east'], stores: [] }, passwordHash: await hashPassword('right-password'), disabled: false, createdAt: new Date().toISOString() });
    for (let i = 0; i < 5; i++) expect((await http('POST', '/v1/staff/login', undefined, { username, password: `wrong-${i}` })).status).toBe(401);
    const res = await fetch(`${stack.apiBaseUrl}/v1/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'right-password' }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(900);
  });

  test('GET /v1/staff/me answers who the token belongs to', async () => {
    const me = await http('GET', '/v1/staff/me', supervisorEast);
    expect(me.body).toEqual({ staffId: 'supervisor.east', brandId: 'demo-brand', name: expect.any(String), role: 'supervisor', scope: { allRegions: false, regions: ['east'], stores: [] } });
    expect((await http('GET', '/v1/staff/me')).status).toBe(401);
  });

  test('the token works only as a staff token', async () => {
    expect((await http('GET', '/v1/tasks')).status).toBe(401);
    expect((await http('GET', '/v1/tasks', 'not-a-token')).status).toBe(401);
    expect((await http('GET', '/v1/tasks', agentEast)).status).toBe(200);
  });
});

describe('a detractor, worked to a close', () => {
  test('visible to the region agent within 5 s; claim → attempt → reveal → resolve; timeline complete', async () => {
    const phone = uniquePhone('138');
    const answered = await answerAsCustomer({ nps: 3, reasons: ['long_wait'], comment: '结账排队半小时\n第二行' }, { storeId: 'hz-001', phone });
    const { value: row, ms } = await eventually(async () => {
      return (await listAllTasks(agentEast)).find((t) => t.taskId === answered.responseId);
    }, 5000, 100);
    expect(row).toBeDefined();
    expect(ms).toBeLessThan(5000);
    expect(row).toMatchObject({ storeId: 'hz-001', storeName: '杭州西湖店', status: 'open', priority: 'urgent', nps: 3, commentPreview: '结账排队半小时' });

    // The other region's agent sees nothing of it.
    expect((await listAllTasks(agentSouth)).some((t) => t.taskId === answered.responseId)).toBe(false);
    expect((await http('GET', `/v1/tasks/${answered.responseId}`, agentSouth)).status).toBe(404);

    const id = answered.responseId;
    const detail = await http('GET', `/v1/tasks/${id}`, agentEast);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ phoneMasked: maskedPhone(phone), orderId: expect.any(String), store: { name: '杭州西湖店' }, answers: { nps: 3 } });
    expect(JSON.stringify(detail.body)).not.toContain(phone);

    expect((await http('POST', `/v1/tasks/${id}/attempts`, agentEast, { result: 'no_answer' })).body.error.code).toBe('not_claimed');
    const claimed = await http('POST', `/v1/tasks/${id}/claim`, agentEast);
    expect(claimed.body).toMatchObject({ status: 'in_progress', assignee: 'agent.east' });
    expect((await http('POST', `/v1/tasks/${id}/attempts`, agentEast, { result: 'no_answer', note: '无人接听' })).status).toBe(200);
    const revealed = await http('POST', `/v1/tasks/${id}/reveal-phone`, agentEast);
    expect(revealed.body.phone).toBe(phone);
    const reached = await http('POST', `/v1/tasks/${id}/attempts`, agentEast, { result: 'reached' });
    expect(reached.body.firstContactAt).toBeDefined();
    expect((await http('POST', `/v1/tasks/${id}/attempts`, agentEast, { result: 'hung_up' })).status).toBe(400);

    const resolved = await http('POST', `/v1/tasks/${id}/resolve`, agentEast, { outcome: 'compensated', rootCause: 'staffing', note: '送优惠券' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'compensated', rootCause: 'staffing' });
    const again = await http('POST', `/v1/tasks/${id}/resolve`, agentEast, { outcome: 'resolved', rootCause: 'staffing' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_resolved');

    const final = await http('GET', `/v1/tasks/${id}`, agentEast);
    const types = (final.body.timeline as any[]).map((e) => e.type);
    expect(types.filter((t) => t !== 'notified')).toEqual(['created', 'claimed', 'attempt', 'phone_revealed', 'attempt', 'resolved', 'recovery_invited']);
    const who = (final.body.timeline as any[]).filter((e) => e.by).map((e) => e.by.staffId);
    expect(new Set(who)).toEqual(new Set(['agent.east']));
    // The recovery survey went the same way as any invitation: scheduled for the dispatcher, by SMS.
    expect(final.body.timeline.find((e: any) => e.type === 'recovery_invited')).toMatchObject({ status: 'scheduled', invitationId: expect.any(String) });

    // Reopen is the supervisor's.
    expect((await http('POST', `/v1/tasks/${id}/reopen`, agentEast, {})).status).toBe(403);
    const reopened = await http('POST', `/v1/tasks/${id}/reopen`, supervisorEast, { note: '客户再次来电' });
    expect(reopened.body).toMatchObject({ status: 'open' });
    expect(reopened.body.assignee).toBeUndefined();
    expect((await http('POST', `/v1/tasks/${id}/reopen`, supervisorEast, {})).body.error.code).toBe('not_resolved');
  });

  test('a supervisor picks whom to hand a task to from those who can take it', async () => {
    const answered = await answerAsCustomer({ nps: 6 }, { storeId: 'sh-001' });
    const id = answered.responseId;
    await eventually(async () => ((await http('GET', `/v1/tasks/${id}`, supervisorEast)).status === 200 ? true : undefined));
    const { putStaff, setStaffDisabled } = await import('../functions/src/data/staff-repo');
    const { hashPassword } = await import('../functions/src/staff/passwords');
    const gone = `gone.${Date.now()}`;
    await putStaff({ staffId: gone, brandId: 'demo-brand', name: '已离职', role: 'agent', scope: { allRegions: false, regions: ['east'], stores: [] }, passwordHash: await hashPassword('x-password-1'), disabled: false, createdAt: new Date().toISOString() });
    await setStaffDisabled(gone, true, new Date());

    const res = await http('GET', `/v1/tasks/${id}/assignees`, supervisorEast);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ staffId: string; name: string; role: string }>;
    const ids = items.map((i) => i.staffId);
    expect(ids).toEqual(expect.arrayContaining(['agent.east', 'supervisor.east']));
    // Not the other region's agent, not the manager (who does not call customers), not a disabled account.
    for (const absent of ['agent.south', 'supervisor.south', 'manager', gone]) expect(ids).not.toContain(absent);
    expect(items.find((i) => i.staffId === 'agent.east')).toEqual({ staffId: 'agent.east', name: demo('agent.east').name, role: 'agent' });
    const roles = items.map((i) => i.role);
    expect(roles.lastIndexOf('agent')).toBeLessThan(roles.indexOf('supervisor'));
    expect((await http('GET', `/v1/tasks/${id}/assignees`, agentEast)).body.error.code).toBe('forbidden_role');

    // Someone who is not on that list is refused, naming the field; someone on it takes the task.
    const refused = await http('POST', `/v1/tasks/${id}/assign`, supervisorEast, { staffId: 'agent.south' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error)).toContain('staffId');
    const assigned = await http('POST', `/v1/tasks/${id}/assign`, supervisorEast, { staffId: 'agent.east' });
    expect(assigned.body).toMatchObject({ status: 'in_progress', assignee: 'agent.east' });
  });

  test('two concurrent claims: one wins, the other gets 409', async () => {
    const answered = await answerAsCustomer({ nps: 5 }, { storeId: 'sh-001' });
    await eventually(async () => ((await http('GET', `/v1/tasks/${answered.responseId}`, agentEast)).status === 200 ? true : undefined));
    const results = await Promise.all([
      http('POST', `/v1/tasks/${answered.responseId}/claim`, agentEast),
      http('POST', `/v1/tasks/${answered.responseId}/claim`, supervisorEast),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body.error.code).toBe('already_claimed');
  });
});

describe('GET /v1/tasks', () => {
  test('the brand-wide manager sees both regions; filters by queue, status and mine', async () => {
    const [east, south] = await Promise.all([answerAsCustomer({ nps: 4 }, { storeId: 'sh-001' }), answerAsCustomer({ nps: 4 }, { storeId: 'gz-001' })]);
    const manager = await login('manager');
    const { value: both } = await eventually(async () => {
      const ids = (await listAllTasks(manager)).map((t) => t.taskId);
      return ids.includes(east.responseId) && ids.includes(south.responseId) ? ids : undefined;
    });
    expect(both).toBeDefined();
    expect((await http('POST', `/v1/tasks/${east.responseId}/claim`, manager)).status).toBe(403);

    await http('POST', `/v1/tasks/${east.responseId}/claim`, agentEast);
    const mine = await listAllTasks(agentEast, 'mine=true');
    expect(mine.every((t) => t.assignee === 'agent.east')).toBe(true);
    expect(mine.some((t) => t.taskId === east.responseId)).toBe(true);
    expect((await listAllTasks(agentEast, 'status=open')).some((t) => t.taskId === east.responseId)).toBe(false);
    const queue = await listAllTasks(manager, 'queue=region:south');
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((t) => t.queue === 'region:south')).toBe(true);
    expect((await http('GET', '/v1/tasks?status=closed', manager)).status).toBe(400);
    expect((await http('GET', '/v1/tasks?cursor=bogus', manager)).status).toBe(400);
  });

  test('pages follow each other by due time, none skipped or repeated', async () => {
    const answered: Array<{ responseId: string }> = [];
    for (let i = 0; i < 5; i++) answered.push(await answerAsCustomer({ nps: i }, { storeId: i % 2 ? 'sh-001' : 'gz-001' }));
    const manager = await login('manager');
    /** Every task the manager sees, page by page (each page 200 and within its size), as "dueAt#taskId". */
    const walk = async (pageSize: number) =>
      (await listAllTasks(manager, 'status=open,in_progress,resolved', pageSize)).map((t) => `${t.dueAt}#${t.taskId}`);
    // Every one of them has its task before the walks (a task arriving mid-walk would look like a skip).
    const { value: arrived } = await eventually(async () => {
      const ids = (await walk(100)).map((key) => key.split('#')[1]);
      return answered.every((a) => ids.includes(a.responseId)) ? true : undefined;
    });
    expect(arrived).toBe(true);

    const expected = await walk(100);
    expect(expected).toEqual([...expected].sort());
    expect(new Set(expected).size).toBe(expected.length);
    expect(await walk(3)).toEqual(expected);
  });
});
