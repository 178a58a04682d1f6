/**
 * The WeChat client over real HTTP against the local stand-in, with the token shared through a
 * real DynamoDB Local. The stand-in and the clients share a fake clock, so expiry is exact.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createTables, startDynamoDbLocal, type DynamoDbLocal } from '../../../local/dynamodb-local';
import { caught, freePort } from '../../../local/test-kit';
import { devOpenId, startWeChatStandIn, type WeChatStandIn } from '../../../local/wechat-stand-in';
import type * as AccessTokenModule from './access-token';
import type * as ClientModule from './client';
import type * as WeChatErrorsModule from './errors';
import type * as DynamoModule from '../../lib/dynamo';
import type * as ErrorsModule from '../../lib/errors';

const TABLE_PREFIX = 'xs-wechat-client-test';
const SECRET = 'client-test-secret';
const TEMPLATE = 'tmpl-survey-invitation';
const DATA = { thing1: { value: '徐汇店' }, time2: { value: '2026年11月23日 15:01' }, thing3: { value: '邀请您评价本次服务' } };

let ddb: DynamoDbLocal;
let client: typeof ClientModule;
let accessToken: typeof AccessTokenModule;
let wechatErrors: typeof WeChatErrorsModule;
let dynamo: typeof DynamoModule;
let errors: typeof ErrorsModule;

let clock: number;
let standIn: WeChatStandIn;
let appId: string;
let appCounter = 0;

beforeAll(async () => {
  ddb = await startDynamoDbLocal({ port: await freePort() });
  await createTables(ddb.endpoint, (t) => `${TABLE_PREFIX}-${t.suffix}`);
  // Configuration is parsed when the modules load: point it at this DynamoDB first.
  process.env.XS_DYNAMODB_ENDPOINT = ddb.endpoint;
  process.env.XS_MAIN_TABLE = `${TABLE_PREFIX}-main`;
  client = await import('./client');
  accessToken = await import('./access-token');
  wechatErrors = await import('./errors');
  dynamo = await import('../../lib/dynamo');
  errors = await import('../../lib/errors');
}, 60_000);

afterAll(async () => {
  dynamo?.dynamoClient.destroy();
  await ddb?.stop();
});

beforeEach(async () => {
  clock = Date.parse('2026-11-23T08:00:00Z');
  appId = `wx-client-test-${++appCounter}`; // each test its own app, so its own token item
  standIn = await startWeChatStandIn({ appId, secret: SECRET, now: () => clock });
});
afterEach(() => standIn.close());

/** A client as a fresh function instance would build it: its own memo, the shared DynamoDB store. */
function newClient(overrides: Partial<ClientModule.WeChatClientOptions> = {}) {
  return new client.WeChatClient({
    baseUrl: standIn.baseUrl,
    appId,
    secret: SECRET,
    now: () => clock,
    backoffBaseMs: 5,
    backoffCapMs: 20,
    ...overrides,
  });
}

const stableTokenCalls = () => standIn.stats().stableTokenCalls;
const link = (c: ClientModule.WeChatClient) => c.generateUrlLink({ path: 'pages/survey/index', query: 'inv=abc', expireIntervalDays: 7 });

describe('access token', () => {
  test('one stable_token call serves two function instances; the token is sealed at rest', async () => {
    const first = newClient();
    const second = newClient();
    await link(first);
    await link(second);
    await link(first);
    expect(stableTokenCalls()).toBe(1);
    expect(standIn.stats().calls['/wxa/generate_urllink']).toBe(3);

    const token = await first.getAccessToken();
    const { Item } = await dynamo.db.send(new GetCommand({ TableName: `${TABLE_PREFIX}-main`, Key: { pk: `WXTOKEN#${appId}`, sk: 'TOKEN' } }));
    expect(Item).toMatchObject({ tokenSealed: expect.stringMatching(/^v1\./), expiresAt: clock + 7_200_000 });
    expect(JSON.stringify(Item)).not.toContain(token);
  });

  test('ten instances starting at once make one stable_token call (the refresh lease)', async () => {
    const instances = Array.from({ length: 10 }, () => newClient());
    const tokens = await Promise.all(instances.map((c) => c.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(stableTokenCalls()).toBe(1);
  });

  test('the in-process memo answers without DynamoDB until the refresh time', async () => {
    const store = accessToken.dynamoTokenStore;
    let reads = 0;
    const counting: AccessTokenModule.TokenStore = {
      read: (id) => (reads++, store.read(id)),
      acquireLease: (...a) => store.acquireLease(...a),
      save: (...a) => store.save(...a),
      releaseLease: (...a) => store.releaseLease(...a),
    };
    const c = newClient({ tokenStore: counting });
    await c.getAccessToken();
    const afterFirst = reads;
    await link(c);
    await link(c);
    expect(reads).toBe(afterFirst);
  });

  test('refreshed 5 minutes before expiry; the others pick the new token up from DynamoDB', async () => {
    const first = newClient();
    const old = await first.getAccessToken();
    clock += (7200 - 300 + 1) * 1000; // inside the 5-minute margin, not expired
    const renewed = await first.getAccessToken();
    expect(renewed).not.toBe(old);
    expect(stableTokenCalls()).toBe(2);
    expect(standIn.stats().forceRefreshCalls).toBe(0);

    const second = newClient();
    expect(await second.getAccessToken()).toBe(renewed);
    expect(stableTokenCalls()).toBe(2);
    // nothing expired on the way: no call was refused
    await link(second);
  });

  test('40001 (injected): one refresh, forced because WeChat hands back the same token, and one retry', async () => {
    const c = newClient();
    const before = await c.getAccessToken();
    standIn.fault({ path: '/wxa/generate_urllink', errcode: 40001, times: 1 });
    await expect(link(c)).resolves.toMatch(/^https:\/\/wxaurl\.cn\//);
    expect(standIn.stats().calls['/wxa/generate_urllink']).toBe(2);
    expect(standIn.stats().forceRefreshCalls).toBe(1);
    const after = await c.getAccessToken();
    expect(after).not.toBe(before);

    // another instance reads the replacement from DynamoDB instead of forcing again
    const other = newClient();
    await link(other);
    expect(standIn.stats().forceRefreshCalls).toBe(1);
  });

  test('40001 because someone else forced a refresh: normal mode already gives the new token, no force needed', async () => {
    const c = newClient();
    await c.getAccessToken();
    await fetch(`${standIn.baseUrl}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret: SECRET, force_refresh: true }),
    }).then((r) => r.json());
    await expect(link(c)).resolves.toMatch(/^https:/);
    expect(standIn.stats().forceRefreshCalls).toBe(1); // only the outside one
  });

  test('42001: the token expired early at WeChat; one refresh and the retry succeeds', async () => {
    const c = newClient();
    const before = await c.getAccessToken();
    standIn.expireTokens();
    await expect(link(c)).resolves.toMatch(/^https:/);
    expect(await c.getAccessToken()).not.toBe(before);
    expect(standIn.stats().forceRefreshCalls).toBe(0);
  });

  test('a token refused twice is refreshed only once, then the error surfaces', async () => {
    const c = newClient();
    standIn.fault({ path: '/wxa/generate_urllink', errcode: 40001, times: 2 });
    const error = await caught(link(c));
    expect(error).toBeInstanceOf(wechatErrors.WeChatApiError);
    expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 40001 });
    expect(standIn.stats().calls['/wxa/generate_urllink']).toBe(2);
  });

  test('wrong secret: 40125 surfaces and the lease is released for the next instance', async () => {
    const wrong = newClient({ secret: 'nope' });
    expect(await caught(wrong.getAccessToken())).toMatchObject({ errcode: 40125 });
    const right = newClient({ leaseWaitMs: 0 });
    await expect(right.getAccessToken()).resolves.toEqual(expect.any(String));
    expect(stableTokenCalls()).toBe(2);
  });

  test('busy stable_token is retried with back-off', async () => {
    standIn.fault({ path: '/cgi-bin/stable_token', errcode: -1, times: 2 });
    await expect(newClient().getAccessToken()).resolves.toEqual(expect.any(String));
    expect(stableTokenCalls()).toBe(3);
  });
});

describe('back-off on -1 and 45009', () => {
  const sleeps: number[] = [];
  const recorded = (random: number) =>
    newClient({ sleep: async (ms) => void sleeps.push(ms), random: () => random, backoffBaseMs: 200, backoffCapMs: 2000, maxAttempts: 3 });
  beforeEach(() => {
    sleeps.length = 0;
    standIn.grant(devOpenId('alice'), TEMPLATE, 2);
  });
  const send = (c: ClientModule.WeChatClient) =>
    c.sendSubscribeMessage({ touser: devOpenId('alice'), template_id: TEMPLATE, page: 'pages/survey/index?inv=abc', data: DATA });

  test.each([[45009], [-1]])('%s twice, then success: two jittered, growing waits', async (errcode) => {
    standIn.fault({ path: '/cgi-bin/message/subscribe/send', errcode, times: 2 });
    await expect(send(recorded(1))).resolves.toEqual({ msgid: expect.any(String) });
    expect(sleeps).toEqual([200, 400]); // random() = 1: the ceiling of each full-jitter window
    expect(standIn.messages()).toHaveLength(1);
  });

  test('the wait is drawn within the window', async () => {
    standIn.fault({ path: '/cgi-bin/message/subscribe/send', errcode: -1, times: 2 });
    await send(recorded(0.25));
    expect(sleeps).toEqual([50, 100]);
  });

  test.each([
    [45009, 60],
    [-1, 2],
  ])('%s past the bound: a typed error that maps to 503 Retry-After %s; the grant is not used up', async (errcode, retryAfter) => {
    standIn.fault({ path: '/cgi-bin/message/subscribe/send', errcode, times: 3 });
    const error = await caught(send(recorded(1)));
    expect(error).toBeInstanceOf(wechatErrors.WeChatApiError);
    expect(error).toMatchObject({ errcode, busy: true, retryAfterSeconds: retryAfter });
    expect(sleeps).toHaveLength(2);
    const mapped = wechatErrors.toDomainError(error);
    expect(mapped).toBeInstanceOf(errors.DomainError);
    expect(mapped).toMatchObject({ status: 503, headers: { 'Retry-After': String(retryAfter) } });
    await expect(send(recorded(1))).resolves.toBeDefined();
  });
});

describe('subscribe message', () => {
  const alice = devOpenId('alice');
  const message = { touser: alice, template_id: TEMPLATE, page: 'pages/survey/index?inv=abc', data: DATA };

  test('43101 without a grant (the dispatcher falls back to SMS); with a grant it is sent once', async () => {
    const c = newClient();
    const refused = await caught(c.sendSubscribeMessage(message));
    expect(wechatErrors.isSubscriptionRefused(refused)).toBe(true);
    expect(refused).toMatchObject({ errcode: 43101, busy: false });
    expect(wechatErrors.toDomainError(refused)).toBe(refused);

    standIn.grant(alice, TEMPLATE);
    await expect(c.sendSubscribeMessage(message)).resolves.toEqual({ msgid: expect.any(String) });
    expect(standIn.messages()).toEqual([
      { ...message, miniprogram_state: 'formal', lang: 'zh_CN', at: new Date(clock).toISOString() },
    ]);
    // the grant was consumed
    expect(wechatErrors.isSubscriptionRefused(await caught(c.sendSubscribeMessage(message)))).toBe(true);
  });

  test('47003 for data outside the keyword limits', async () => {
    standIn.grant(alice, TEMPLATE);
    const error = await caught(newClient().sendSubscribeMessage({ ...message, data: { thing1: { value: '一'.repeat(21) } } }));
    expect(error).toMatchObject({ name: 'WeChatApiError', errcode: 47003 });
  });

  test('a send that times out is not repeated (it may have been delivered)', async () => {
    standIn.grant(alice, TEMPLATE, 2);
    const c = newClient({ timeoutMs: 100 });
    await c.getAccessToken();
    standIn.fault({ path: '/cgi-bin/message/subscribe/send', delayMs: 300, times: 1 });
    const error = await caught(c.sendSubscribeMessage(message));
    expect(error).toMatchObject({ errcode: -1, transport: true });
    expect(standIn.stats().calls['/cgi-bin/message/subscribe/send']).toBe(1);
  });
});

describe('code2Session', () => {
  test('dev code → openid and session key; used again → 40163; unknown → 40029; both map to 401', async () => {
    const c = newClient();
    const session = await c.code2Session('dev-alice');
    expect(session).toEqual({ openid: devOpenId('alice'), session_key: expect.any(String), unionid: expect.any(String) });

    const reused = await caught(c.code2Session('dev-alice'));
    expect(reused).toMatchObject({ errcode: 40163 });
    expect(wechatErrors.isInvalidLoginCode(reused)).toBe(true);
    expect(wechatErrors.toDomainError(reused)).toMatchObject({ status: 401, code: 'unauthorized' });

    const bad = await caught(c.code2Session('081abcDEF'));
    expect(bad).toMatchObject({ errcode: 40029 });
    expect(wechatErrors.toDomainError(bad)).toMatchObject({ status: 401 });
    expect(stableTokenCalls()).toBe(0); // no access token needed
  });
});

describe('url link', () => {
  test('path, query and a 1–30 day expiry reach WeChat; the link comes back', async () => {
    const c = newClient({ envVersion: 'trial' });
    const url = await c.generateUrlLink({ path: 'pages/survey/index', query: `inv=${'a'.repeat(1020)}`, expireIntervalDays: 30 });
    expect(standIn.urlLinks()).toEqual([
      expect.objectContaining({ url_link: url, path: 'pages/survey/index', query: `inv=${'a'.repeat(1020)}`, env_version: 'trial' }),
    ]);
  });

  test.each([
    ['a query over 1024 characters', { query: `inv=${'a'.repeat(1021)}`, expireIntervalDays: 7 }],
    ['31 days', { query: 'inv=a', expireIntervalDays: 31 }],
    ['0 days', { query: 'inv=a', expireIntervalDays: 0 }],
    ['half a day', { query: 'inv=a', expireIntervalDays: 1.5 }],
  ])('%s is refused before calling WeChat', async (_label, request) => {
    const error = await caught(newClient().generateUrlLink({ path: 'pages/survey/index', ...request }));
    expect(error).toBeInstanceOf(RangeError);
    expect(standIn.stats().calls['/wxa/generate_urllink']).toBeUndefined();
  });

  test('an idempotent call that times out is retried', async () => {
    const c = newClient({ timeoutMs: 100 });
    await c.getAccessToken();
    standIn.fault({ path: '/wxa/generate_urllink', delayMs: 300, times: 1 });
    await expect(link(c)).resolves.toMatch(/^https:/);
    expect(standIn.stats().calls['/wxa/generate_urllink']).toBe(2);
  });
});
