/**
 * Property tests: random, invalid bodies on every endpoint get a 4xx — never a 5xx — and store nothing.
 */
import fc from 'fast-check';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { api, call, consumerSession, receiptInvitation, storeKey, triggerBody } from './helpers';
import { signedHeaders } from '../functions/local/store-client';
import { TABLES, db, dynamoClient } from '../functions/src/lib/dynamo';

afterAll(() => dynamoClient.destroy());

/** What a consumer or store request can write (follow-up work from earlier tests may still be landing). */
const REQUEST_WRITES = /^(ORDER|INV|NONCE|CONTACT|SESSION|RESP)#/;

/** Test-only: how many such items both tables hold (a Scan is fine here, never on a request path). */
async function itemCount(): Promise<number> {
  let total = 0;
  for (const TableName of [TABLES.main, TABLES.responses]) {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName, ProjectionExpression: 'pk', ExclusiveStartKey }));
      total += (page.Items ?? []).filter((item) => REQUEST_WRITES.test(String(item.pk))).length;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  }
  return total;
}

/** A value that is wrong for every field (no field takes null, booleans, floats or 600-character strings). */
const wrongValue = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer({ min: -1e9, max: -1 }), fc.double({ min: 0.01, max: 0.99 }), fc.string({ minLength: 600, maxLength: 700 }),
  fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 }).map((a) => [...a, { nested: true }]), fc.dictionary(fc.string({ maxLength: 5 }).map((k) => `x_${k}`), fc.jsonValue(), { minKeys: 1, maxKeys: 3 }),
);

/** A valid body with one field replaced by a wrong value, or dropped, or an unknown field added. */
function brokenBody(valid: Record<string, unknown>, required: string[]) {
  return fc.oneof(
    fc.record({ key: fc.constantFrom(...Object.keys(valid)), value: wrongValue }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.constantFrom(...required).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !(k in valid)).map((k) => ({ ...valid, [`x_${k}`]: 1 })),
    fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
  );
}

const anyText = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant('{"unterminated":'));
const runs = { numRuns: 60 };

it('POST /v1/triggers: signed but broken bodies → 4xx, nothing stored', async () => {
  const before = await itemCount();
  const valid = triggerBody({ orderId: 'prop-order' });
  await fc.assert(
    fc.asyncProperty(fc.oneof(brokenBody(valid, ['storeId', 'orderId', 'touchpoint', 'occurredAt', 'customer']).map((b) => JSON.stringify(b)), anyText), async (payload) => {
      const res = await fetch(`${api}/v1/triggers`, { method: 'POST', headers: signedHeaders(storeKey(), 'POST', '/v1/triggers', payload), body: payload });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }),
    runs,
  );
  expect(await itemCount()).toBe(before);
});

it('POST /v1/session: broken bodies → 4xx, nothing stored', async () => {
  const before = await itemCount();
  await fc.assert(
    fc.asyncProperty(fc.oneof(brokenBody({ code: 'x' }, ['code']).map((b) => JSON.stringify(b)), fc.string().filter((s) => !s.startsWith('dev-')).map((code) => JSON.stringify({ code })), anyText), async (payload) => {
      const res = await call('POST', '/v1/session', undefined, payload);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }),
    runs,
  );
  expect(await itemCount()).toBe(before);
});

describe('consumer endpoints with a session', () => {
  let session: string;
  let token: string;
  beforeAll(async () => {
    session = await consumerSession();
    token = (await receiptInvitation()).token;
  });

  it('GET /v1/invitations/{token}: random tokens → 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1 }), fc.stringMatching(/^[0-9A-Z]{26}\.[A-Za-z0-9_-]{22,40}$/)), async (random) => {
        const res = await call('GET', `/v1/invitations/${encodeURIComponent(random)}`, session);
        expect([400, 404]).toContain(res.status);
      }),
      runs,
    );
  });

  it('POST /v1/responses: broken bodies and answers → 4xx, nothing stored', async () => {
    const before = await itemCount();
    const valid = { invitationToken: token, clientResponseId: 'client-prop-1', answers: { nps: 5 } };
    const brokenAnswers = brokenBody({ nps: 5, csat: 3, reasons: ['long_wait'], comment: 'ok' }, ['nps']).map((answers) => ({ ...valid, answers }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(brokenBody(valid, ['invitationToken', 'clientResponseId', 'answers']), brokenAnswers).map((b) => JSON.stringify(b)), async (payload) => {
        const res = await call('POST', '/v1/responses', session, payload);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }),
      runs,
    );
    expect(await itemCount()).toBe(before);
  });
});
