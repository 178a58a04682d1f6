import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from './config';

const dataKey = Buffer.from(config.XS_DATA_KEY, 'base64');

/** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encrypt(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decrypt(sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A keyed hash for values we only match (openid, phone, tokens): not reversible without the key. */
export function blindIndex(kind: string, value: string): string {
  return createHmac('sha256', dataKey).update(`${kind}:${value}`).digest('base64url');
}

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * An invitation's token: `<invitationId>.<secret>`, the secret 192 bits of an HMAC under the data
 * key. It is derived, not stored: the dispatcher can rebuild a link, a store's retried receipt call
 * gets the same URL, and the table only holds its SHA-256 (a leaked table reveals no token).
 */
export function invitationToken(invitationId: string): string {
  return `${invitationId}.${createHmac('sha256', dataKey).update(`invitation-token:${invitationId}`).digest('base64url').slice(0, 32)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The invitation id of a store's order: 26 Crockford base32 characters (130 bits) of an HMAC of
 * store and order under the data key. Every attempt for one order — a retry, a racing duplicate,
 * a retry after a crash — names the same invitation, so "one invitation per order" is the
 * invitation's own conditional put and no separate order item is needed. Keyed, so an order id
 * does not reveal its invitation id.
 */
export function orderInvitationId(storeId: string, orderId: string): string {
  const mac = createHmac('sha256', dataKey).update(`order-invitation:${storeId}\n${orderId}`).digest();
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < 26) {
      id += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (id.length === 26) break;
  }
  return id;
}
