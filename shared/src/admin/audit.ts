import * as z from 'zod/mini';
import { ZExternalId, ZIsoDateTime } from '../schemas/common';

/**
 * The audit log of a brand's administration: who (`actor`, a staff id), when (`at`), what (`action`,
 * e.g. `store.create`, `key.revoke`, `admin.denied`), on what (`target`, e.g. `store:sh-001`), and the
 * state before and after. Secrets never enter it: `redactSecrets` runs on every before/after.
 */
export const ZAuditEntry = z.object({
  at: ZIsoDateTime,
  actor: ZExternalId,
  action: z.string().check(z.minLength(1), z.maxLength(64)),
  target: z.string().check(z.minLength(1), z.maxLength(256)),
  before: z.nullable(z.unknown()),
  after: z.nullable(z.unknown()),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({ items: z.array(ZAuditEntry), nextCursor: z.nullable(z.string()) });
export type AuditPage = z.infer<typeof ZAuditPage>;

/** Attribute names whose values are secrets or stand-ins for them (sealed, hashed): never logged. */
const SECRET_NAME = /secret|password|passwd|hash|sealed|token|private/i;
export const REDACTED = '[redacted]';

/**
 * A copy of `value` with every secret attribute (at any depth) replaced by `[redacted]`, so an
 * audit entry shows that a secret changed but never what it is.
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) ? REDACTED : redactSecrets(v)]));
  }
  return value;
}
