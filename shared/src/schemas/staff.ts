import { z } from 'zod';
import { ZExternalId, ZIsoDateTime } from './common';

export const ZStaffRole = z.enum(['agent', 'supervisor', 'manager', 'admin']);
export type StaffRole = z.infer<typeof ZStaffRole>;

/**
 * What a staff member may see: tasks of these regions and/or stores of their brand.
 * `allRegions` (admins and HQ managers) covers every region of the brand.
 */
export const ZStaffScope = z.object({
  allRegions: z.boolean().default(false),
  regions: z.array(ZExternalId).max(100).default([]),
  stores: z.array(ZExternalId).max(500).default([]),
});
export type StaffScope = z.infer<typeof ZStaffScope>;

export const ZStaffUsername = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, '3–64 lower-case letters, digits, . _ -');

/** A staff account as stored (main table); the password only as an scrypt hash. */
export const ZStaffRecord = z.object({
  staffId: ZStaffUsername,
  brandId: ZExternalId,
  name: z.string().min(1).max(64),
  role: ZStaffRole,
  scope: ZStaffScope,
  passwordHash: z.string(),
  disabled: z.boolean().default(false),
  createdAt: ZIsoDateTime,
  updatedAt: z.optional(ZIsoDateTime),
});
export type StaffRecord = z.infer<typeof ZStaffRecord>;

/** A staff member as the API shows them (never the hash). */
export const ZStaffProfile = ZStaffRecord.pick({ staffId: true, brandId: true, name: true, role: true, scope: true });
export type StaffProfile = z.infer<typeof ZStaffProfile>;

export const ZStaffLoginRequest = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
export type StaffLoginRequest = z.infer<typeof ZStaffLoginRequest>;

export const ZStaffLoginResponse = z.object({ token: z.string(), expiresAt: ZIsoDateTime, staff: ZStaffProfile });
export type StaffLoginResponse = z.infer<typeof ZStaffLoginResponse>;

/** Failed logins of a username in one throttle window, as stored (main table; none yet → 0). */
export const ZLoginFailures = z.object({ failures: z.number().int().min(0).default(0) });
export type LoginFailures = z.infer<typeof ZLoginFailures>;
