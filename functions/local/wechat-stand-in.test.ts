import { devOpenId, startWeChatStandIn, type WeChatStandIn } from './wechat-stand-in';

const APPID = 'wx-standin-test';
const SECRET = 'standin-secret';

let clock = Date.parse('2026-11-23T08:00:00Z');
let standIn: WeChatStandIn;

beforeAll(async () => {
  standIn = await startWeChatStandIn({ appId: APPID, secret: SECRET, tokenTtlSeconds: 7200, now: () => clock });
});
afterAll(() => standIn.close());
beforeEach(async () => {
  await post('/_inspect/reset', {});
});

async function post(path: string, body: unknown): Promise<any> {
  const response = await fetch(`${standIn.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.json();
}
async function get(path: string): Promise<any> {
  const response = await fetch(`${standIn.baseUrl}${path}`);
  return response.json();
}
const token = (force = false) =>
  post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: SECRET, force_refresh: force });
const data = { thing1: { value: '徐汇店' }, time2: { value: '2026年11月23日 15:01' }, thing3: { value: '邀请您评价本次服务' } };

describe('stable_token', () => {
  test('wrong appid, wrong secret, wrong grant type', async () => {
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'nope', secret: SECRET })).errcode).toBe(40013);
    expect((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APPID, secret: 'nope' })).errcode).toBe(40125);
    expect((await post('/cgi-bin/stable_token', { grant_type: 'password', appid: APPID, secret: SECRET })).errcode).toBe(40002);
    expect((await post('/cgi-bin/stable_token', 'not json')).errcode).toBe(47001);
  });

  test('normal mode keeps the token, renews it in its last 5 minutes, and the old one lives on until it expires', async () => {
    const first = await token();
    expect(first.access_token).toEqual(expect.any(String));
    clock += 60_000;
    const again = await token();
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBeLessThan(first.expires_in);

    clock += (first.expires_in - 60 - 299) * 1000; // 299 s left: inside the renewal window
    const renewed = await token();
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.expires_in).toBe(7200);
    const link = { path: 'pages/survey/index', query: 'inv=a' };
    expect((await post(`/wxa/generate_urllink?access_token=${first.access_token}`, link)).errcode).toBe(0);

    clock += 300_000; // the old token has now expired; the new one is fine
    expect((await post(`/wxa/generate_urllink?access_token=${first.access_token}`, link)).errcode).toBe(42001);
    expect((await post(`/wxa/generate_urllink?access_token=${renewed.access_token}`, link)).errcode).toBe(0);
  });

  test('force refresh invalidates the previous token (40001); unknown 40001; missing 41001', async () => {
    const before = await token();
    const after = await token(true);
    expect(after.access_token).not.toBe(before.access_token);
    const link = { path: '', query: '' };
    expect((await post(`/wxa/generate_urllink?access_token=${before.access_token}`, link)).errcode).toBe(40001);
    expect((await post('/wxa/generate_urllink?access_token=made-up', link)).errcode).toBe(40001);
    expect((await post('/wxa/generate_urllink', link)).errcode).toBe(41001);
    expect((await get('/_inspect/stats')).forceRefreshCalls).toBe(1);
  });

  test('expire-tokens makes every issued token answer 42001 and the next call issue a new one', async () => {
    const before = await token();
    await post('/_inspect/expire-tokens', {});
    expect((await post(`/wxa/generate_urllink?access_token=${before.access_token}`, { path: '', query: '' })).errcode).toBe(42001);
    expect((await token()).access_token).not.toBe(before.access_token);
  });
});

describe('jscode2session', () => {
  const login = (code: string, secret = SECRET) =>
    get(`/sns/jscode2session?appid=${APPID}&secret=${secret}&js_code=${encodeURIComponent(code)}&grant_type=authorization_code`);

  test('dev-<name> gives a deterministic openid once; the same code again 40163; anything else 40029', async () => {
    const first = await login('dev-alice');
    expect(first.openid).toBe(devOpenId('alice'));
    expect(first.openid).toHaveLength(28);
    expect(first.session_key).toEqual(expect.any(String));
    expect((await login('dev-alice')).errcode).toBe(40163);
    expect((await login('dev-bob')).openid).toBe(devOpenId('bob'));
    // A fresh one-time suffix is a new code for the same consumer, as each wx.login is.
    expect((await login('dev-alice~n1')).openid).toBe(first.openid);
    expect((await login('dev-alice~n2')).openid).toBe(first.openid);
    expect((await login('dev-alice~n1')).errcode).toBe(40163);
    expect((await login('0a1b2c3d')).errcode).toBe(40029);
    expect((await login('dev-carol', 'nope')).errcode).toBe(40125);
  });
});

describe('subscribe message', () => {
  const send = async (body: Record<string, unknown>) => post(`/cgi-bin/message/subscribe/send?access_token=${(await token()).access_token}`, body);
  const alice = devOpenId('alice');

  test('43101 without a grant; each grant allows one message; grants stack', async () => {
    const message = { touser: alice, template_id: 'tmpl-a', page: 'pages/survey/index?inv=x', data };
    expect((await send(message)).errcode).toBe(43101);
    await post('/_inspect/grant', { openid: alice, template_id: 'tmpl-a' });
    await post('/_inspect/grant', { openid: alice, template_id: 'tmpl-a' });
    expect((await send(message)).errcode).toBe(0);
    expect((await send(message)).errcode).toBe(0);
    expect((await send(message)).errcode).toBe(43101);
    // a grant is per template
    await post('/_inspect/grant', { openid: alice, template_id: 'tmpl-b' });
    expect((await send(message)).errcode).toBe(43101);

    const recorded = await get('/_inspect/messages');
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toEqual({ touser: alice, template_id: 'tmpl-a', page: 'pages/survey/index?inv=x', data, at: expect.any(String) });
  });

  test.each([
    ['thing over 20 characters', { thing1: { value: '一'.repeat(21) } }],
    ['phrase over 5 characters', { phrase1: { value: '六个汉字啊啊' } }],
    ['character_string over 32', { character_string1: { value: 'x'.repeat(33) } }],
    ['time that is not a time', { time1: { value: 'tomorrow' } }],
    ['an unknown keyword type', { foo1: { value: 'x' } }],
    ['no data', {}],
  ])('47003 for %s, and the grant is kept', async (_label, badData) => {
    await post('/_inspect/grant', { openid: alice, template_id: 'tmpl-a' });
    expect((await send({ touser: alice, template_id: 'tmpl-a', data: badData })).errcode).toBe(47003);
    expect((await send({ touser: alice, template_id: 'tmpl-a', data })).errcode).toBe(0);
  });
});

describe('url link', () => {
  const generate = async (body: Record<string, unknown>) => post(`/wxa/generate_urllink?access_token=${(await token()).access_token}`, body);

  test('returns a wxaurl.cn link and records path and query', async () => {
    const answer = await generate({ path: 'pages/survey/index', query: 'inv=abc', is_expire: true, expire_type: 1, expire_interval: 30 });
    expect(answer.url_link).toMatch(/^https:\/\/wxaurl\.cn\/[A-Za-z0-9_-]+$/);
    const links = await get('/_inspect/urllinks');
    expect(links).toEqual([
      expect.objectContaining({ url_link: answer.url_link, path: 'pages/survey/index', query: 'inv=abc', env_version: 'release', expiresAt: expect.any(String) }),
    ]);
  });

  test.each([
    ['query over 1024 characters', { path: 'p', query: 'q'.repeat(1025) }, 40212],
    ['expiry over 30 days', { path: 'p', query: 'q', is_expire: true, expire_type: 1, expire_interval: 31 }, 85401],
    ['expiry of 0 days', { path: 'p', query: 'q', is_expire: true, expire_type: 1, expire_interval: 0 }, 85401],
    ['a query inside the path', { path: 'p?x=1', query: '' }, 40165],
    ['an unknown env_version', { path: 'p', query: '', env_version: 'beta' }, 85402],
  ])('%s → %s', async (_label, body, errcode) => {
    expect((await generate(body)).errcode).toBe(errcode);
  });

  test('a query of exactly 1024 characters is fine', async () => {
    expect((await generate({ path: 'p', query: 'q'.repeat(1024) })).errcode).toBe(0);
  });
});

describe('sms and wecom', () => {
  test('sms is recorded; a bad phone is refused', async () => {
    expect(await post('/sms/send', { phone: '13800138000', text: 'hello' })).toMatchObject({ ok: true, errcode: 0 });
    expect(await post('/sms/send', { phone: 'abc', text: 'hello' })).toMatchObject({ ok: false });
    expect(await get('/_inspect/sms')).toEqual([{ phone: '13800138000', text: 'hello', at: expect.any(String) }]);
  });

  test('wecom markdown is recorded; over 4096 bytes 40058; no key 93000', async () => {
    const ok = await post('/cgi-bin/webhook/send?key=robot-1', { msgtype: 'markdown', markdown: { content: '**hi**' } });
    expect(ok).toEqual({ errcode: 0, errmsg: 'ok' });
    const big = await post('/cgi-bin/webhook/send?key=robot-1', { msgtype: 'markdown', markdown: { content: '字'.repeat(1366) } });
    expect(big.errcode).toBe(40058); // 1366 × 3 bytes = 4098
    expect((await post('/cgi-bin/webhook/send?key=', { msgtype: 'markdown', markdown: { content: 'x' } })).errcode).toBe(93000);
    expect((await post('/cgi-bin/webhook/send?key=k', { msgtype: 'image', image: {} })).errcode).toBe(40008);
    expect(await get('/_inspect/wecom')).toEqual([{ key: 'robot-1', msgtype: 'markdown', content: '**hi**', at: expect.any(String) }]);
  });
});

describe('faults, stats and reset', () => {
  test('a fault answers its errcode the given number of times, then the endpoint works again', async () => {
    await post('/_inspect/faults', { path: '/cgi-bin/stable_token', errcode: 45009, times: 2 });
    expect((await token()).errcode).toBe(45009);
    expect((await token()).errcode).toBe(45009);
    expect((await token()).access_token).toEqual(expect.any(String));
    expect((await get('/_inspect/stats')).stableTokenCalls).toBe(3);
  });

  test('a fault applies before the endpoint does anything: a faulted login does not use up the code', async () => {
    await post('/_inspect/faults', { path: '/sns/jscode2session', errcode: -1 });
    const url = `/sns/jscode2session?appid=${APPID}&secret=${SECRET}&js_code=dev-dora&grant_type=authorization_code`;
    expect((await get(url)).errcode).toBe(-1);
    expect((await get(url)).openid).toBe(devOpenId('dora'));
  });

  test('faults on sms answer ok:false', async () => {
    await post('/_inspect/faults', { path: '/sms/send', errcode: 1001 });
    expect(await post('/sms/send', { phone: '13800138000', text: 'x' })).toMatchObject({ ok: false, errcode: 1001 });
  });

  test('reset clears records, grants and faults', async () => {
    await post('/_inspect/grant', { openid: 'o1', template_id: 't' });
    await post('/_inspect/faults', { path: '/sms/send', errcode: 1001 });
    await post('/sms/send', { phone: '13800138000', text: 'x' });
    await post('/_inspect/reset', {});
    expect(await post('/sms/send', { phone: '13800138000', text: 'y' })).toMatchObject({ ok: true });
    expect(await get('/_inspect/sms')).toHaveLength(1);
    const send = await post(`/cgi-bin/message/subscribe/send?access_token=${(await token()).access_token}`, { touser: 'o1', template_id: 't', data });
    expect(send.errcode).toBe(43101);
  });

  test('unknown endpoints are 404', async () => {
    const response = await fetch(`${standIn.baseUrl}/cgi-bin/nothing`);
    expect(response.status).toBe(404);
    await response.body?.cancel();
  });
});
