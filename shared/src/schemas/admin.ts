// Bodies of the brand admin's people, survey and policy routes (/v1/admin/staff, /surveys, /brand).
// zod/mini like the other shared schemas; the classic-zod schemas they reuse (staff roles, contact and
// follow-up policy) compose through zod/v4/core.
import * as z from 'zod/mini';
import { ZExternalId, ZIsoDateTime, ZLocalizedText } from './common';
import { ZStaffRole, ZStaffUsername } from './staff';
import { ZSurveyDefinition } from './survey';
import { ZContactPolicy } from '../contact-policy';
import { ZFollowUpPolicy } from './tasks';
import { ZTouchpointDef, ZTouchpointList } from './touchpoint-list';

// ---------- strictness ----------

export interface KeyIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The keys of `input` that a (key-stripping) schema dropped when it produced `parsed`, at any depth:
 * what a strict body refuses. One rule for every admin body, whatever its nesting, so a typo such as
 * `csat.requird` is a 400 naming `body.csat.requird` instead of being silently ignored.
 */
export function unknownKeys(input: unknown, parsed: unknown, path: (string | number)[] = []): KeyIssue[] {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    return input.flatMap((item, i) => unknownKeys(item, parsed[i], [...path, i]));
  }
  if (isPlainObject(input) && isPlainObject(parsed)) {
    return Object.keys(input).flatMap((key) =>
      key in parsed ? unknownKeys(input[key], parsed[key], [...path, key]) : [{ path: [...path, key], message: 'unknown field' }],
    );
  }
  return [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------- staff ----------

/** Who an account covers: the whole brand, some regions, or some stores (at least one of them). */
const scopeFields = {
  allRegions: z.optional(z.boolean()),
  regions: z.optional(z.array(ZExternalId).check(z.maxLength(100))),
  stores: z.optional(z.array(ZExternalId).check(z.maxLength(500))),
};

const hasScope = (s: { allRegions?: boolean; regions?: string[]; stores?: string[] }) => Boolean(s.allRegions || s.regions?.length || s.stores?.length);

export const ZAdminStaffCreate = z
  .object({
    username: ZStaffUsername,
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
    role: ZStaffRole,
    ...scopeFields,
  })
  .check(
    z.refine(hasScope, { message: 'give allRegions, regions or stores', path: ['regions'] }),
  );
export type AdminStaffCreate = z.infer<typeof ZAdminStaffCreate>;

/** An edit: any of name, role, scope (replaces the whole scope when any scope field is given), disabled. */
export const ZAdminStaffUpdate = z
  .object({
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    role: z.optional(ZStaffRole),
    ...scopeFields,
    disabled: z.optional(z.boolean()),
  })
  .check(z.refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change', path: [] }));
export type AdminStaffUpdate = z.infer<typeof ZAdminStaffUpdate>;

/** An account as the admin sees it: never its password hash. */
export const ZAdminStaffView = z.object({
  staffId: ZExternalId,
  username: ZExternalId,
  name: z.string(),
  role: ZStaffRole,
  scope: z.object({ allRegions: z.boolean(), regions: z.array(z.string()), stores: z.array(z.string()) }),
  disabled: z.boolean(),
  createdAt: ZIsoDateTime,
  updatedAt: z.optional(ZIsoDateTime),
});
export type AdminStaffView = z.infer<typeof ZAdminStaffView>;

export const ZAdminStaffPage = z.object({ items: z.array(ZAdminStaffView), nextCursor: z.nullable(z.string()) });
export type AdminStaffPage = z.infer<typeof ZAdminStaffPage>;

/** The one answer that carries a password: shown this once, never stored in the clear nor audited. */
export const ZAdminStaffCreated = z.object({ staffId: ZExternalId, username: ZExternalId, password: z.string() });
export type AdminStaffCreated = z.infer<typeof ZAdminStaffCreated>;

export const ZAdminPasswordReset = z.object({ password: z.string() });
export type AdminPasswordReset = z.infer<typeof ZAdminPasswordReset>;

// ---------- surveys ----------

/**
 * A draft to publish: a survey definition without `version` (the server numbers it). `surveyId` and
 * `brandId` may be sent back as read, but must then be the route's survey and the admin's brand.
 */
export const ZSurveyDraft = z.extend(z.omit(ZSurveyDefinition, { version: true, surveyId: true, brandId: true }), {
  surveyId: z.optional(ZExternalId),
  brandId: z.optional(ZExternalId),
});
export type SurveyDraft = z.infer<typeof ZSurveyDraft>;

export const ZSurveySummary = z.object({ surveyId: ZExternalId, title: ZLocalizedText, latestVersion: z.number().check(z.int(), z.minimum(1)) });
export type SurveySummary = z.infer<typeof ZSurveySummary>;

export const ZSurveyList = z.object({ items: z.array(ZSurveySummary) });
export type SurveyList = z.infer<typeof ZSurveyList>;

export const ZSurveyVersionInfo = z.object({
  version: z.number().check(z.int(), z.minimum(1)),
  /** Absent on versions written before publishing was audited (the demo seed). */
  publishedAt: z.optional(ZIsoDateTime),
  publishedBy: z.optional(ZExternalId),
});
export type SurveyVersionInfo = z.infer<typeof ZSurveyVersionInfo>;

export const ZSurveyDetail = z.object({ surveyId: ZExternalId, latest: ZSurveyDefinition, versions: z.array(ZSurveyVersionInfo) });
export type SurveyDetail = z.infer<typeof ZSurveyDetail>;

export const ZSurveyPublished = z.object({ surveyId: ZExternalId, version: z.number().check(z.int(), z.minimum(1)) });
export type SurveyPublished = z.infer<typeof ZSurveyPublished>;

// ---------- brand ----------

/** The follow-up policy as an admin edits it (the brand is the route's). */
export const ZFollowUpPolicySettings = z.omit(ZFollowUpPolicy, { brandId: true });

/** PUT /v1/admin/brand: any of the sections; a section given replaces that section whole. */
export const ZBrandSettingsUpdate = z
  .object({
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    defaultSurveyId: z.optional(ZExternalId),
    contactPolicy: z.optional(ZContactPolicy),
    followUp: z.optional(ZFollowUpPolicySettings),
    touchpoints: z.optional(ZTouchpointList),
  })
  .check(z.refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change', path: [] }));
export type BrandSettingsUpdate = z.infer<typeof ZBrandSettingsUpdate>;

export const ZBrandSettings = z.object({
  brandId: ZExternalId,
  name: z.string(),
  defaultSurveyId: ZExternalId,
  /** The brand's whole contact policy (its own values over the defaults); stores may override parts. */
  contactPolicy: ZContactPolicy,
  followUp: ZFollowUpPolicySettings,
  touchpoints: z.array(ZTouchpointDef),
});
export type BrandSettings = z.infer<typeof ZBrandSettings>;
