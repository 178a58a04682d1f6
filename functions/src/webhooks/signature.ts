import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature (the Stripe scheme): `X-Xinsheng-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * During a secret's rotation grace period the header carries one `v1=` per valid secret (new first);
 * a receiver accepts the request when any of them matches its secret.
 */
export const SIGNATURE_HEADER = 'X-Xinsheng-Signature';
export const EVENT_HEADER = 'X-Xinsheng-Event';
export const DELIVERY_HEADER = 'X-Xinsheng-Delivery';

const hmacHex = (secret: string, timestamp: number, rawBody: string | Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');

/** The header value for a body sent at `at`, signed with each of `secrets`. */
export function signWebhook(rawBody: string | Buffer, secrets: readonly string[], at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return [`t=${t}`, ...secrets.map((secret) => `v1=${hmacHex(secret, t, rawBody)}`)].join(',');
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

export interface VerifyOptions {
  /** How far the header's time may be from `now` (default 300 s): an old captured request is refused. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * For receivers: checks `X-Xinsheng-Signature` against the raw request body (the bytes as received,
 * before any JSON parsing) and the endpoint's secret. The timestamp must be within the tolerance and
 * one `v1` must equal the expected HMAC — compared in constant time.
 */
export function verifyWebhookSignature(rawBody: string | Buffer, header: string | undefined, secret: string, options: VerifyOptions = {}): VerifyResult {
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.now ?? new Date();
  if (!header) return { ok: false, reason: 'malformed' };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [name, value, ...rest] = part.trim().split('=');
    if (rest.length || value === undefined) return { ok: false, reason: 'malformed' };
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - timestamp) > tolerance) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  // Every candidate is compared (no early exit), each in constant time.
  let matched = false;
  for (const signature of signatures) matched = timingSafeEqual(expected, Buffer.from(signature, 'hex')) || matched;
  return matched ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
