import { createHash, createHmac } from 'node:crypto';

/**
 * The store request signature, shared by the verifier and by store clients (POS SDK, tests, bench):
 * hex HMAC-SHA256(secret, "<timestamp>\n<nonce>\n<METHOD>\n<path>\n<hex sha256(body)>").
 * Reads no configuration, so any process can import it.
 */
export function canonicalRequest(timestamp: string, nonce: string, method: string, path: string, body: string): string {
  return [timestamp, nonce, method.toUpperCase(), path, createHash('sha256').update(body).digest('hex')].join('\n');
}

export function sign(secret: string, timestamp: string, nonce: string, method: string, path: string, body: string): string {
  return createHmac('sha256', secret).update(canonicalRequest(timestamp, nonce, method, path, body)).digest('hex');
}
