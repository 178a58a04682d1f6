/** Races a store or a consumer can cause: each natural key still yields exactly one thing. */
import { answer, api, consumerSession, receiptInvitation, storeKey, submit, trigger, triggerBody, unique } from './helpers';
import { signedHeaders } from '../functions/local/store-client';
import { getResponseForInvitation } from '../functions/src/data/responses-repo';
import { dynamoClient } from '../functions/src/lib/dynamo';

afterAll(() => dynamoClient.destroy());

const statuses = (results: { status: number }[]) =>
  results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

it('50 concurrent identical triggers → one invitation (one 202, the rest 200 with the same body)', async () => {
  const body = triggerBody();
  const results = await Promise.all(Array.from({ length: 50 }, () => trigger(body)));
  expect(statuses(results)).toEqual({ 202: 1, 200: 49 });
  expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
});

it('100 concurrent identical submits → one response (one 201, the rest 200 with the same body)', async () => {
  const { token, invitationId } = await receiptInvitation();
  const session = await consumerSession();
  const body = answer(token, { nps: 4, reasons: ['long_wait'] });
  const results = await Promise.all(Array.from({ length: 100 }, () => submit(session, body)));
  expect(statuses(results)).toEqual({ 201: 1, 200: 99 });
  expect(new Set(results.map((r) => r.body.responseId)).size).toBe(1);
  expect((await getResponseForInvitation(invitationId))?.responseId).toBe(results[0].body.responseId);
});

it('two different answers at once → one stored, the other 409', async () => {
  const { token, invitationId } = await receiptInvitation();
  const session = await consumerSession();
  const results = await Promise.all([submit(session, answer(token, { nps: 9 })), submit(session, answer(token, { nps: 2 }))]);
  expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  const winner = results.find((r) => r.status === 201)!;
  expect((await getResponseForInvitation(invitationId))?.responseId).toBe(winner.body.responseId);
});

it('50 concurrent requests reusing one nonce → exactly one accepted', async () => {
  const path = '/v1/triggers';
  const nonce = unique('shared-nonce-value');
  const results = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const payload = JSON.stringify(triggerBody());
      const res = await fetch(`${api}${path}`, { method: 'POST', headers: signedHeaders(storeKey(), 'POST', path, payload, new Date(), nonce), body: payload });
      return { status: res.status };
    }),
  );
  expect(statuses(results)).toEqual({ 202: 1, 401: 49 });
});
