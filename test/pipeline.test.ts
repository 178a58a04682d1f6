/**
 * The survey pipeline over real HTTP: serverless-offline + DynamoDB Local + the WeChat stand-in.
 * (helpers must be imported first: it points this process at the test stack before the functions load.)
 */
import {
  answer, api, call, consumerSession, inspect, inspectPost, receiptInvitation, signedPost, storeKey, submit, tokenFromPage,
  trigger, triggerBody, unique, uniquePhone,
} from './helpers';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { signedHeaders } from '../functions/local/store-client';
import { SURVEY_TEMPLATE_ID } from '../functions/local/stack';
import { handler as dispatch } from '../functions/src/dispatch/send-due-invitations';
import { db, TABLES, dynamoClient } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { getResponseForInvitation } from '../functions/src/data/responses-repo';
import { getInvitation } from '../functions/src/data/invitations-repo';
import { blindIndex } from '../functions/src/lib/crypto';

afterAll(() => dynamoClient.destroy());

/** Runs the dispatch schedule as EventBridge would, at a given time. */
const runDispatchAt = (iso: string) => dispatch({ time: new Date(Date.parse(iso) + 1000).toISOString() });

describe('trigger → dispatch → WeChat message → session → survey → stored answer', () => {
  it('works end to end on the subscribe-message channel', async () => {
    const shopper = unique('alice');
    const openid = devOpenId(shopper);
    await inspectPost('grant', { openid, template_id: SURVEY_TEMPLATE_ID });

    const created = await trigger(triggerBody({ customer: { openid } }));
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'scheduled', channel: 'subscribe_message', sendAt: expect.any(String) });

    const summary = await runDispatchAt(String(created.body.sendAt));
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    const messages = await inspect<{ touser: string; template_id: string; page: string; data: Record<string, { value: string }> }[]>('messages');
    const message = messages.find((m) => m.touser === openid);
    expect(message).toMatchObject({ template_id: SURVEY_TEMPLATE_ID, page: expect.stringMatching(/^pages\/survey\/index\?inv=/) });
    expect(message!.data.thing1.value).toBe('上海南京西路店');
    expect((await getInvitation(String(created.body.invitationId)))?.status).toBe('sent');

    // The consumer taps the notice: the mini-program signs in and opens the link.
    const token = tokenFromPage(message!.page);
    const session = await consumerSession(shopper);
    const view = await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ state: 'open', store: { name: '上海南京西路店' }, survey: { surveyId: 'retail-nps', version: 1 } });

    const submitted = await submit(session, answer(token, { nps: 3, csat: 2, reasons: ['long_wait', 'staff_attitude'], comment: '排队太久了' }));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toEqual({ responseId: expect.any(String), followUp: { callback: true, slaHours: 4 } });

    const stored = await getResponseForInvitation(String(created.body.invitationId));
    expect(stored).toMatchObject({
      responseId: submitted.body.responseId, storeId: 'sh-001', region: 'east', staffId: 'sh-001-wang', band: 'detractor',
      answers: { nps: 3, csat: 2, reasons: ['long_wait', 'staff_attitude'], comment: '排队太久了' },
      openidHash: blindIndex('openid', openid),
    });
    const again = await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session);
    expect(again.body).toMatchObject({ state: 'answered', answer: { responseId: submitted.body.responseId, nps: 3 } });
  });

  it('a receipt trigger answers with a survey URL and QR payload at once, not bound to anyone', async () => {
    const receipt = await receiptInvitation();
    expect(receipt.body).toMatchObject({ status: 'scheduled', channel: 'receipt', surveyUrl: expect.stringContaining('#/pages/survey/index?inv='), qrPayload: expect.any(String) });
    const view = await call('GET', `/v1/invitations/${encodeURIComponent(receipt.token)}`, await consumerSession());
    expect(view.body.state).toBe('open');
  });

  it('43101 (no subscription quota) falls back to an SMS with a URL link', async () => {
    const openid = devOpenId(unique('no-grant'));
    const phone = uniquePhone('138');
    const created = await trigger(triggerBody({ customer: { openid, phone } }));
    await runDispatchAt(String(created.body.sendAt));
    const sms = await inspect<{ phone: string; text: string }[]>('sms');
    const links = await inspect<{ url_link: string; path: string; query: string }[]>('urllinks');
    const link = links.find((l) => l.query.includes(String(created.body.invitationId)));
    expect(link).toMatchObject({ path: 'pages/survey/index' });
    expect(sms.find((m) => m.text.includes(link!.url_link))).toMatchObject({ phone });
    const invitation = await getInvitation(String(created.body.invitationId));
    expect(invitation).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(invitation!.deliveries.map((d) => [d.channel, d.ok, d.errcode])).toEqual([['subscribe_message', false, 43101], ['sms', true, undefined]]);
  });

  it('43101 with no phone to fall back on: the invitation is marked failed, nothing is sent', async () => {
    const openid = devOpenId(unique('no-grant-no-phone'));
    const created = await trigger(triggerBody({ customer: { openid } }));
    await runDispatchAt(String(created.body.sendAt));
    expect(await getInvitation(String(created.body.invitationId))).toMatchObject({ status: 'failed' });
    expect((await inspect<{ touser: string }[]>('messages')).some((m) => m.touser === openid)).toBe(false);
  });

  it.each([
    [40001, 'the access token is invalid: the client refreshes it once and retries'],
    [45009, 'rate limited: the client backs off and retries'],
  ])('WeChat answers %i (%s) → the message still goes out once', async (errcode) => {
    const openid = devOpenId(unique(`fault-${errcode}`));
    await inspectPost('grant', { openid, template_id: SURVEY_TEMPLATE_ID });
    const created = await trigger(triggerBody({ customer: { openid } }));
    await inspectPost('faults', { path: '/cgi-bin/message/subscribe/send', errcode, times: 1 });
    await runDispatchAt(String(created.body.sendAt));
    expect((await inspect<{ touser: string }[]>('messages')).filter((m) => m.touser === openid)).toHaveLength(1);
    expect(await getInvitation(String(created.body.invitationId))).toMatchObject({ status: 'sent' });
  });

  it('two overlapping dispatch runs send each invitation once', async () => {
    const openid = devOpenId(unique('overlap'));
    await inspectPost('grant', { openid, template_id: SURVEY_TEMPLATE_ID });
    await inspectPost('grant', { openid, template_id: SURVEY_TEMPLATE_ID });
    const created = await trigger(triggerBody({ customer: { openid } }));
    await Promise.all([runDispatchAt(String(created.body.sendAt)), runDispatchAt(String(created.body.sendAt))]);
    expect((await inspect<{ touser: string }[]>('messages')).filter((m) => m.touser === openid)).toHaveLength(1);
  });
});

describe('store trigger API', () => {
  const path = '/v1/triggers';
  const body = () => JSON.stringify(triggerBody());

  it('the same order again → 200 with the same invitation', async () => {
    const first = triggerBody();
    const a = await trigger(first);
    const b = await trigger(first);
    expect([a.status, b.status]).toEqual([202, 200]);
    expect(b.body).toEqual(a.body);
  });

  it.each([
    ['no signature headers', { 'x-signature': '' }, 'unauthorized'],
    ['a wrong signature', { 'x-signature': 'a'.repeat(64) }, 'unauthorized'],
    ['an unknown key', { 'x-store-key': 'key-nobody' }, 'unauthorized'],
    ['a short nonce', { 'x-nonce': 'short' }, 'unauthorized'],
  ])('401 for %s', async (_name, patch, code) => {
    const res = await signedPost(path, body(), storeKey(), patch);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(code);
  });

  it('401 for a timestamp more than 300 s off (either way)', async () => {
    expect((await signedPost(path, body(), storeKey(), {}, new Date(Date.now() - 301_000))).status).toBe(401);
    expect((await signedPost(path, body(), storeKey(), {}, new Date(Date.now() + 301_000))).status).toBe(401);
    expect((await signedPost(path, body(), storeKey(), {}, new Date(Date.now() - 290_000))).status).toBe(202);
  });

  it('401 for a replayed nonce (the exact same signed request again)', async () => {
    const payload = body();
    const headers = signedHeaders(storeKey(), 'POST', path, payload);
    const send = () => fetch(`${api}${path}`, { method: 'POST', headers, body: payload });
    expect((await send()).status).toBe(202);
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as any).error.message).toMatch(/nonce/);
  });

  it('a refused request does not spend its nonce: the corrected body with the same nonce is accepted', async () => {
    const nonce = unique('nonce-for-a-bad-body');
    const bad = JSON.stringify(triggerBody({ touchpoint: 'moon' }));
    const good = body();
    const post = (payload: string) => fetch(`${api}${path}`, { method: 'POST', headers: signedHeaders(storeKey(), 'POST', path, payload, new Date(), nonce), body: payload });
    expect((await post(bad)).status).toBe(400);
    expect((await post(good)).status).toBe(202);
  });

  it('403 when the key is not allowed for the storeId', async () => {
    const res = await trigger(triggerBody({ storeId: 'gz-001' }), storeKey('sh-001'));
    expect(res.status).toBe(403);
  });

  it('400 names every bad field', async () => {
    const res = await trigger(triggerBody({ touchpoint: 'moon', occurredAt: 'yesterday', customer: { phone: '123' } }));
    expect(res.status).toBe(400);
    expect((res.body as any).error.details.map((d: { path: string[] }) => d.path.join('.'))).toEqual(
      expect.arrayContaining(['body.touchpoint', 'body.occurredAt', 'body.customer.phone']),
    );
  });

  it('400 for a body that is not JSON', async () => {
    const res = await signedPost(path, '{"storeId":', storeKey());
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toEqual(['body']);
  });

  it('suppresses with a reason: no_channel, fatigue, opted_out', async () => {
    expect((await trigger(triggerBody({ customer: {} }))).body).toMatchObject({ status: 'suppressed', reason: 'no_channel' });

    const openid = devOpenId(unique('tired'));
    expect((await trigger(triggerBody({ customer: { openid } }))).body.status).toBe('scheduled');
    // Another store of the same brand, the next day: still within 7 days.
    expect((await trigger(triggerBody({ storeId: 'gz-001', customer: { openid } }), storeKey('gz-001'))).body).toMatchObject({ status: 'suppressed', reason: 'fatigue' });

    const phone = uniquePhone();
    await db.send(new UpdateCommand({ TableName: TABLES.main, Key: keys.optOut('demo-brand', blindIndex('phone', phone)), UpdateExpression: 'SET optedOutAt = :now', ExpressionAttributeValues: { ':now': new Date().toISOString() } }));
    expect((await trigger(triggerBody({ customer: { phone } }))).body).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
  });

  it('a suppressed order stays suppressed when retried (same body)', async () => {
    const first = triggerBody({ customer: {} });
    const a = await trigger(first);
    const b = await trigger(first);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
  });
});

describe('consumer API', () => {
  it('POST /v1/session: 400 without a code, 401 for a bad or reused code, never the openid', async () => {
    expect((await call('POST', '/v1/session', undefined, {})).status).toBe(400);
    expect((await call('POST', '/v1/session', undefined, { code: 'not-a-real-code' })).status).toBe(401);
    const code = `dev-${unique('once')}`;
    const first = await call('POST', '/v1/session', undefined, { code });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['expiresAt', 'token']);
    expect((await call('POST', '/v1/session', undefined, { code })).status).toBe(401);
  });

  it('401 without a session, 400 for a malformed token, 404 for a forged one', async () => {
    const { token } = await receiptInvitation();
    expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`)).status).toBe(401);
    expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, 'not-a-session')).status).toBe(401);
    const session = await consumerSession();
    const malformed = await call('GET', '/v1/invitations/nope', session);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toEqual(['path', 'token']);
    const forged = `${token.slice(0, 27)}${'A'.repeat(token.length - 27)}`;
    expect((await call('GET', `/v1/invitations/${encodeURIComponent(forged)}`, session)).status).toBe(404);
  });

  it('403 when the invitation was sent to another WeChat user', async () => {
    const created = await trigger(triggerBody({ customer: { openid: devOpenId(unique('owner')) } }));
    const { invitationToken } = await import('../functions/src/lib/crypto');
    const token = invitationToken(String(created.body.invitationId));
    const stranger = await consumerSession(unique('stranger'));
    expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, stranger)).status).toBe(403);
    expect((await submit(stranger, answer(token, { nps: 9 }))).status).toBe(403);
  });

  it('submit: 201, the same again → 200 and the same body, a different answer → 409', async () => {
    const { token } = await receiptInvitation();
    const session = await consumerSession();
    const body = answer(token, { nps: 10, reasons: ['friendly_staff'] });
    const first = await submit(session, body);
    const again = await submit(session, body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(first.body);
    expect(first.body.followUp).toEqual({ callback: false });
    const other = await submit(session, answer(token, { nps: 2 }));
    expect(other.status).toBe(409);
  });

  it('400 names the field: a reason not offered for the band, a question not asked', async () => {
    const { token } = await receiptInvitation();
    const session = await consumerSession();
    const res = await submit(session, answer(token, { nps: 10, reasons: ['long_wait'], ces: 3 }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: (string | number)[] }) => d.path.join('.')).sort()).toEqual(['body.answers.ces', 'body.answers.reasons.0']);
    const invalid = await submit(session, { invitationToken: token, clientResponseId: 'x', answers: { nps: 11 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: (string | number)[] }) => d.path.join('.')).sort()).toEqual(['body.answers.nps', 'body.clientResponseId']);
  });

  it('an expired invitation: state "expired", submit → 410, nothing stored', async () => {
    const { token, invitationId } = await receiptInvitation();
    await db.send(new UpdateCommand({ TableName: TABLES.main, Key: keys.invitation(invitationId), UpdateExpression: 'SET expiresAt = :past', ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() } }));
    const session = await consumerSession();
    expect((await call('GET', `/v1/invitations/${encodeURIComponent(token)}`, session)).body.state).toBe('expired');
    expect((await submit(session, answer(token, { nps: 5 }))).status).toBe(410);
    expect(await getResponseForInvitation(invitationId)).toBeUndefined();
  });

  it('GET /v1/openapi.json serves the committed document', async () => {
    const res = await call('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/triggers', '/v1/session', '/v1/invitations/{token}', '/v1/responses']));
  });

});
