import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import type { TriggerRequest } from '@xinsheng/shared';
import { sign } from '../src/triggers/signature';

export interface StoreCredentials {
  keyId: string;
  secret: string;
}

/** The headers a store's system sends with a signed request (what a POS integration does). */
export function signedHeaders(credentials: StoreCredentials, method: string, path: string, body: string, at = new Date(), nonce = randomBytes(16).toString('hex')) {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'content-type': 'application/json',
    'x-store-key': credentials.keyId,
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': sign(credentials.secret, timestamp, nonce, method, path, body),
  };
}

/** POST /v1/triggers, signed. */
export async function postTrigger(apiBaseUrl: string, credentials: StoreCredentials, trigger: TriggerRequest | Record<string, unknown>) {
  const body = JSON.stringify(trigger);
  const res = await fetch(`${apiBaseUrl}/v1/triggers`, { method: 'POST', headers: signedHeaders(credentials, 'POST', '/v1/triggers', body), body });
  return { status: res.status, body: z.record(z.string(), z.unknown()).parse(await res.json()) };
}
