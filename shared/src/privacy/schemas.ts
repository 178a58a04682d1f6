// A person's data on request (PIPL arts. 44–47): the bodies of /v1/admin/privacy/*. zod/mini like the
// other shared schemas; the staff console bundles them. The consumer's opt-out is in opt-out.ts (the
// survey's main package loads that module alone).
import * as z from 'zod/mini';
import { ZIsoDateTime } from '../schemas/common';
import { ZCustomer } from '../schemas/api';

/** What an erased comment (and an agent's note on an erased person's task) reads afterwards. */
export const ERASED_TEXT = '[已删除]';

// ---------- admin ----------

/**
 * Who a request is about: exactly one identifier, in the form a store's trigger sends it (so it
 * matches the same keyed hash). The person's other identifiers are found through their links.
 */
export const ZPersonLookup = ZCustomer.check(
  z.refine((c) => [c.phone, c.openid, c.unionid].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of phone, openid or unionid',
  }),
);
export type PersonLookup = z.infer<typeof ZPersonLookup>;

/** The export: what we hold about a person. Phones masked; openid/unionid and hashes never. */
export const ZPersonExport = z.object({
  exportedAt: ZIsoDateTime,
  /** How many identifiers of the person were found linked (never which). */
  identifiers: z.number(),
  optedOut: z.boolean(),
  invitations: z.array(z.record(z.string(), z.unknown())),
  responses: z.array(z.record(z.string(), z.unknown())),
  tasks: z.array(z.record(z.string(), z.unknown())),
  notices: z.array(z.record(z.string(), z.unknown())),
});
export type PersonExport = z.infer<typeof ZPersonExport>;

export const ZPrivacyRequestStatus = z.enum(['pending', 'running', 'done', 'failed']);
export type PrivacyRequestStatus = z.infer<typeof ZPrivacyRequestStatus>;

export const ZErasureCounts = z.object({
  invitations: z.number(),
  responses: z.number(),
  tasks: z.number(),
  sessions: z.number(),
  identifiers: z.number(),
});
export type ErasureCounts = z.infer<typeof ZErasureCounts>;

export const ZPrivacyRequestView = z.object({
  requestId: z.string(),
  kind: z.literal('erase'),
  status: ZPrivacyRequestStatus,
  createdAt: ZIsoDateTime,
  finishedAt: z.nullable(ZIsoDateTime),
  counts: z.nullable(ZErasureCounts),
});
export type PrivacyRequestView = z.infer<typeof ZPrivacyRequestView>;

export const ZPrivacyRequestAccepted = z.object({ requestId: z.string(), status: ZPrivacyRequestStatus });
export type PrivacyRequestAccepted = z.infer<typeof ZPrivacyRequestAccepted>;

export const ZOptInResult = z.object({ optedIn: z.literal(true), identifiers: z.number() });
export type OptInResult = z.infer<typeof ZOptInResult>;
