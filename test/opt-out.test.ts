/**
 * "不再邀请我" (issue 10 §3) over real HTTP: POST /v1/opt-out with the consumer's session opts the
 * invitation's customer out for its brand — by every identifier the store sends for them once linked
 * (openid, unionid, phone), including identifiers linked after the opt-out and persons merged later.
 */
import { randomInt } from 'node:crypto';
import { api, call, consumerSession, storeKey, triggerBody, unique } from './helpers';
import { postTrigger } from '../functions/local/store-client';
import { devOpenId } from '../functions/local/wechat-stand-in';
import { dynamoClient } from '../functions/src/lib/dynamo';
import { invitationToken } from '../functions/src/lib/crypto';

afterAll(() => dynamoClient.destroy());

const newPhone = () => `137${String(randomInt(10_000_000, 99_999_999))}`;
const newUnionid = () => `u${unique('union').replace(/-/g, '')}`;

async function storeTrigger(customer: Partial<Record<'openid' | 'phone' | 'unionid', string>>, extra: Record<string, unknown> = {}) {
  const res = await postTrigger(api, storeKey('sh-001'), triggerBody({ storeId: 'sh-001', customer, ...extra }));
  expect([200, 202]).toContain(res.status);
  return res.body as { invitationId: string; status: string; reason?: string };
}

const optOut = (session: string | undefined, invitationId: string) =>
  call('POST', '/v1/opt-out', session, { invitationToken: invitationToken(invitationId) });

const OPTED_OUT = { status: 'suppressed', reason: 'opted_out' };

test('the invitation’s customer is opted out by every linked identifier, idempotently', async () => {
  const name = unique('oo-shopper');
  const openid = devOpenId(name);
  const phone = newPhone();
  const unionid = newUnionid();
  const first = await storeTrigger({ openid, phone });
  expect(first.status).toBe('scheduled');
  await storeTrigger({ unionid, phone }); // links the unionid (fatigue-suppressed, but linked all the same)
  const session = await consumerSession(name);

  const res = await optOut(session, first.invitationId);
  expect(res).toMatchObject({ status: 200, body: { optedOut: true } });
  expect((await optOut(session, first.invitationId)).status).toBe(200);

  for (const customer of [{ openid }, { phone }, { unionid }, { openid, phone }]) expect(await storeTrigger(customer)).toMatchObject(OPTED_OUT);
  // On every channel: a receipt too.
  expect(await storeTrigger({ phone }, { channel: 'receipt' })).toMatchObject(OPTED_OUT);
});

test('an identifier first seen with an opted-out one is opted out too; persons merged later as well', async () => {
  const name = unique('oo-merge');
  const openid = devOpenId(name);
  const phone = newPhone();
  const first = await storeTrigger({ openid });
  expect((await optOut(await consumerSession(name), first.invitationId)).status).toBe(200);

  // A new unionid arrives with the opted-out openid: it is opted out from then on.
  const unionid = newUnionid();
  expect(await storeTrigger({ openid, unionid })).toMatchObject(OPTED_OUT);
  expect(await storeTrigger({ unionid })).toMatchObject(OPTED_OUT);

  // Another person (phone + a second unionid) turns out to be the same: merged, and opted out whole.
  const otherUnionid = newUnionid();
  expect((await storeTrigger({ phone, unionid: otherUnionid })).status).not.toBe('suppressed');
  expect(await storeTrigger({ unionid, phone })).toMatchObject(OPTED_OUT);
  expect(await storeTrigger({ unionid: otherUnionid })).toMatchObject(OPTED_OUT);
});

test('a receipt invitation (no identifier) opts out the signed-in openid', async () => {
  const name = unique('oo-receipt');
  const receipt = await storeTrigger({}, { channel: 'receipt' });
  expect((await optOut(await consumerSession(name), receipt.invitationId)).status).toBe(200);
  expect(await storeTrigger({ openid: devOpenId(name) })).toMatchObject(OPTED_OUT);
});

test('401 without a session, 400 for a malformed token, 404 for a forged one, 403 for someone else’s invitation', async () => {
  const name = unique('oo-owner');
  const invitation = await storeTrigger({ openid: devOpenId(name) });
  expect((await optOut(undefined, invitation.invitationId)).status).toBe(401);
  const session = await consumerSession(unique('oo-stranger'));
  const malformed = await call('POST', '/v1/opt-out', session, { invitationToken: 'nope' });
  expect(malformed.status).toBe(400);
  expect(JSON.stringify(malformed.body.error.details)).toContain('invitationToken');
  const forged = `${invitation.invitationId}.${'A'.repeat(32)}`;
  expect((await call('POST', '/v1/opt-out', session, { invitationToken: forged })).status).toBe(404);
  expect((await optOut(session, invitation.invitationId)).status).toBe(403);
  // The stranger's refused attempt opted nobody out.
  expect((await storeTrigger({ openid: devOpenId(name) })).reason).not.toBe('opted_out');
});
