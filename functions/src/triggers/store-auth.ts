import { z } from 'zod';
import { decrypt, constantTimeEqual } from '../lib/crypto';
import { sign } from './signature';
import { DomainError, forbidden, unauthorized } from '../lib/errors';
import { header, rawBody, type HttpEvent } from '../lib/http';
import { getStoreKey } from '../data/catalog-repo';
import { rememberNonce } from '../data/nonces-repo';
import { stampKeyUse } from '../data/store-admin-repo';
import { logger } from '../lib/logger';
import type { StoreKey } from '@xinsheng/shared';

export const MAX_SKEW_SECONDS = 300;

const ZSignedHeaders = z.object({
  keyId: z.string().min(1).max(64),
  timestamp: z.string().regex(/^\d{9,11}$/, 'unix seconds'),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'at least 16 random characters'),
  signature: z.string().regex(/^[0-9a-f]{64}$/, 'hex HMAC-SHA256'),
});

export interface VerifiedRequest {
  key: StoreKey;
  nonce: string;
}

/**
 * Verifies a store's signature and returns its key. The nonce is spent separately (spendNonce),
 * after the body is known to be valid: forged requests cannot burn a store's nonces, and a
 * refused request stores nothing at all.
 */
export async function verifyStoreSignature(event: HttpEvent, now: Date): Promise<VerifiedRequest> {
  const parsed = ZSignedHeaders.safeParse({
    keyId: header(event, 'x-store-key'),
    timestamp: header(event, 'x-timestamp'),
    nonce: header(event, 'x-nonce'),
    signature: header(event, 'x-signature'),
  });
  if (!parsed.success) {
    const names = new Map([['keyId', 'X-Store-Key'], ['timestamp', 'X-Timestamp'], ['nonce', 'X-Nonce'], ['signature', 'X-Signature']]);
    throw new DomainError(
      401,
      'unauthorized',
      'missing or malformed signature headers',
      parsed.error.issues.map((i) => ({ path: ['headers', names.get(String(i.path[0])) ?? String(i.path[0])], message: i.message })),
    );
  }
  const { keyId, timestamp, nonce, signature } = parsed.data;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    throw unauthorized(`X-Timestamp is more than ${MAX_SKEW_SECONDS} s away from the server's clock`);
  }
  const key = await getStoreKey(keyId);
  if (!key || key.disabled || key.revokedAt) throw unauthorized('unknown or revoked store key');
  const method = event.requestContext.http.method;
  const expected = sign(decrypt(key.secretSealed), timestamp, nonce, method, event.rawPath, rawBody(event));
  if (!constantTimeEqual(expected, signature)) throw unauthorized('bad signature');
  return { key, nonce };
}

/** Single use of a nonce, exact under any concurrency (a conditional put). */
export async function spendNonce({ key, nonce }: VerifiedRequest, now: Date): Promise<void> {
  if (!(await rememberNonce(key.keyId, nonce, now, 2 * MAX_SKEW_SECONDS))) throw unauthorized('this nonce was used before');
}

export function assertKeyAllowsStore(key: StoreKey, storeId: string): void {
  if (!key.storeIds.includes(storeId)) throw forbidden(`store key ${key.keyId} may not act for store ${storeId}`);
}

export const KEY_USE_RESOLUTION_MS = 60 * 60_000;
/** When this process last stamped (or saw stamped) each key's use. */
const stampedAt = new Map<string, number>();

/**
 * Keeps a key's `lastUsedAt` to within an hour, cheaply: each process stamps a key at most once an
 * hour (it remembers), and only when the key it read is older than that; the update's condition
 * turns other instances' attempts in the same hour into no-ops. So the trigger's write units stay
 * as they were (nonce, claim, invitation, index) except for ≈ one extra unit per key per instance
 * per hour. A failed stamp never fails the trigger.
 */
export async function noteKeyUse(key: StoreKey, now: Date): Promise<void> {
  const cutoff = now.getTime() - KEY_USE_RESOLUTION_MS;
  const known = Math.max(stampedAt.get(key.keyId) ?? 0, key.lastUsedAt ? Date.parse(key.lastUsedAt) : 0);
  if (known > cutoff) return;
  stampedAt.set(key.keyId, now.getTime());
  try {
    await stampKeyUse(key.keyId, now, new Date(cutoff));
  } catch (error) {
    logger.warn('could not stamp a store key\'s last use', { error: error as Error, keyId: key.keyId });
  }
}
