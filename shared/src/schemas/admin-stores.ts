import * as z from 'zod/mini';
import { ZExternalId, ZIsoDateTime } from './common';
import { ZContactPolicyOverride } from '../contact-policy';

/** Brand admin → stores and their API keys (DESIGN.md "Brand admin → API"). */

/** Whether this runtime knows `zone` as a time zone (Intl throws a RangeError for an unknown one). */
function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone by its canonical-looking name (`Asia/Shanghai`, `UTC`), never an offset like `+08:00`. */
export const ZTimeZone = z
  .string()
  .check(
    z.maxLength(64),
    z.regex(/^(UTC|[A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+){1,2})$/, 'an IANA time zone, e.g. Asia/Shanghai'),
    z.refine(isKnownTimeZone, 'not a known IANA time zone'),
  );

export const ZStoreName = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
export const ZStoreStaffIds = z.array(ZExternalId).check(z.maxLength(200));

/** POST /v1/admin/stores. */
export const ZStoreCreateRequest = z.strictObject({
  storeId: ZExternalId,
  name: ZStoreName,
  region: ZExternalId,
  timeZone: ZTimeZone,
  staffIds: z.optional(ZStoreStaffIds),
  policy: z.optional(ZContactPolicyOverride),
});
export type StoreCreateRequest = z.infer<typeof ZStoreCreateRequest>;

/** PUT /v1/admin/stores/{storeId}: the fields given replace the store's; those left out stay. */
export const ZStoreUpdateRequest = z
  .strictObject({
    name: z.optional(ZStoreName),
    region: z.optional(ZExternalId),
    timeZone: z.optional(ZTimeZone),
    staffIds: z.optional(ZStoreStaffIds),
    policy: z.optional(ZContactPolicyOverride),
  })
  .check(z.refine((body) => Object.values(body).some((v) => v !== undefined), 'give at least one field to change'));
export type StoreUpdateRequest = z.infer<typeof ZStoreUpdateRequest>;

/** A store as the admin API shows it. */
export const ZStoreView = z.object({
  storeId: ZExternalId,
  name: z.string(),
  region: ZExternalId,
  timeZone: z.string(),
  staffIds: z.array(ZExternalId),
  policy: ZContactPolicyOverride,
  surveyId: z.optional(ZExternalId),
});
export type StoreView = z.infer<typeof ZStoreView>;

export const ZStoreList = z.object({ items: z.array(ZStoreView), nextCursor: z.nullable(z.string()) });
export type StoreList = z.infer<typeof ZStoreList>;

export const ZImportError = z.object({ line: z.number(), field: z.string(), message: z.string() });
export type ImportError = z.infer<typeof ZImportError>;
/** POST /v1/admin/stores/import (text/csv). */
export const ZStoreImportResult = z.object({ created: z.number(), updated: z.number(), errors: z.array(ZImportError) });
export type StoreImportResult = z.infer<typeof ZStoreImportResult>;

/** POST /v1/admin/stores/{storeId}/keys → 201: the secret, this once. */
export const ZStoreKeyIssued = z.object({ keyId: ZExternalId, secret: z.string() });
export type StoreKeyIssued = z.infer<typeof ZStoreKeyIssued>;

export const ZStoreKeyView = z.object({
  keyId: ZExternalId,
  createdAt: ZIsoDateTime,
  lastUsedAt: z.nullable(ZIsoDateTime),
  revokedAt: z.nullable(ZIsoDateTime),
});
export type StoreKeyView = z.infer<typeof ZStoreKeyView>;
export const ZStoreKeyList = z.object({ items: z.array(ZStoreKeyView) });
export type StoreKeyList = z.infer<typeof ZStoreKeyList>;
