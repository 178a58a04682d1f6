import { SignJWT, jwtVerify } from 'jose';
import { config } from '../lib/config';

/**
 * Staff tokens: HS256 JWTs under XS_STAFF_TOKEN_SECRET, short-lived (XS_STAFF_TOKEN_TTL_MINUTES).
 * They carry only who the holder is; role, scope and "disabled" are read from the account on each
 * request, so a change takes effect at once.
 */
const LOCAL_SECRET = 'xinsheng-local-staff-token-secret-change-me';
// The local default signs tokens anyone can forge once they read this file: never outside `local`.
if (config.XS_STAGE !== 'local' && config.XS_STAFF_TOKEN_SECRET === LOCAL_SECRET) {
  throw new Error('XS_STAFF_TOKEN_SECRET must be set (≥ 32 characters) outside the local stage');
}
const secret = new TextEncoder().encode(config.XS_STAFF_TOKEN_SECRET);
const ISSUER = 'xinsheng';
const AUDIENCE = 'xinsheng-staff';

export async function issueStaffToken(staffId: string, brandId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + config.XS_STAFF_TOKEN_TTL_MINUTES * 60) * 1000);
  const token = await new SignJWT({ brand: brandId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(staffId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(secret);
  return { token, expiresAt };
}

/** The staff id in a valid, unexpired token; undefined for anything else. */
export async function verifyStaffToken(token: string, now = new Date()): Promise<{ staffId: string; brandId: string } | undefined> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: now });
    if (typeof payload.sub !== 'string' || typeof payload.brand !== 'string') return undefined;
    return { staffId: payload.sub, brandId: payload.brand };
  } catch {
    return undefined;
  }
}
