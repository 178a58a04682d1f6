import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhookSignature } from './signature';

const secret = 'whsec_test_secret';
const other = 'whsec_other_secret';
const body = '{"id":"evt_1","type":"response.created","data":{"nps":3}}';
const at = new Date('2026-12-03T10:00:00.000Z');
const t = Math.floor(at.getTime() / 1000);

describe('webhook signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 in hex, as DESIGN.md states', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(body, [secret], at)).toBe(`t=${t},v1=${expected}`);
  });

  it.each([
    ['the same body and secret, now', body, secret, at, { ok: true, timestamp: t }],
    ['299 s later', body, secret, new Date(at.getTime() + 299_000), { ok: true, timestamp: t }],
    ['301 s later', body, secret, new Date(at.getTime() + 301_000), { ok: false, reason: 'stale' }],
    ['301 s earlier (clock skew the other way)', body, secret, new Date(at.getTime() - 301_000), { ok: false, reason: 'stale' }],
    ['another secret', body, other, at, { ok: false, reason: 'mismatch' }],
    ['a body changed by one byte', body.replace('3', '4'), secret, at, { ok: false, reason: 'mismatch' }],
  ])('%s', (_, received, key, now, result) => {
    expect(verifyWebhookSignature(received, signWebhook(body, [secret], at), key, { now })).toEqual(result);
  });

  it('accepts a header signed with two secrets (rotation grace) under either one', () => {
    const header = signWebhook(body, [secret, other], at);
    expect(header.split(',')).toHaveLength(3);
    expect(verifyWebhookSignature(body, header, secret, { now: at }).ok).toBe(true);
    expect(verifyWebhookSignature(body, header, other, { now: at }).ok).toBe(true);
    expect(verifyWebhookSignature(body, header, 'a third secret', { now: at })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('honours a custom tolerance and verifies Buffers as strings', () => {
    const header = signWebhook(Buffer.from(body), [secret], at);
    expect(verifyWebhookSignature(Buffer.from(body), header, secret, { now: new Date(at.getTime() + 20_000), toleranceSeconds: 10 })).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWebhookSignature(body, header, secret, { now: at }).ok).toBe(true);
  });

  it.each([
    [undefined],
    [''],
    ['v1=abc'],
    [`t=${t}`],
    [`t=${t},v1=zz`],
    [`t=soon,v1=${'a'.repeat(64)}`],
    [`t=${t},v1=${'a'.repeat(64)}=x`],
  ])('refuses a malformed header %p', (header) => {
    expect(verifyWebhookSignature(body, header, secret, { now: at })).toEqual({ ok: false, reason: 'malformed' });
  });
});
