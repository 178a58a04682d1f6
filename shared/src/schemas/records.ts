import { z } from 'zod';
import { ZChannel, ZExternalId, ZIsoDateTime, ZLocale, ZTouchpoint } from './common';
import { ZAnswers } from './answers';
import { ZScoreBand } from './survey';
import { ZFollowUp, ZSuppressionReason } from './api';
import { ZContactPolicyOverride } from '../contact-policy';
import { ZTouchpointList } from './touchpoint-list';

/** What we store. Sealed fields are AES-GCM ciphertexts; *Hash fields are keyed hashes for matching. */

export const ZBrand = z.object({
  brandId: ZExternalId,
  name: z.string().min(1),
  defaultSurveyId: ZExternalId,
  policy: ZContactPolicyOverride.default({}),
  /** The brand's touchpoints; a brand without a list has LEGACY_TOUCHPOINTS (brandTouchpoints). */
  touchpoints: z.optional(ZTouchpointList),
});
export type Brand = z.infer<typeof ZBrand>;

export const ZStore = z.object({
  storeId: ZExternalId,
  brandId: ZExternalId,
  name: z.string().min(1),
  region: ZExternalId,
  timeZone: z.string().min(1),
  policy: ZContactPolicyOverride.default({}),
  surveyId: z.optional(ZExternalId),
  staffIds: z.array(ZExternalId).default([]),
});
export type Store = z.infer<typeof ZStore>;

export const ZStoreKey = z.object({
  keyId: ZExternalId,
  /** Keys issued by the admin API carry their brand; seeded ones are their store's. */
  brandId: z.optional(ZExternalId),
  storeIds: z.array(ZExternalId).min(1),
  secretSealed: z.string(),
  /** A revoked key (`revokedAt` says when) is refused (401). */
  disabled: z.boolean().default(false),
  createdAt: ZIsoDateTime,
  revokedAt: z.optional(ZIsoDateTime),
  /** Stamped at most about once an hour per key (store-auth's noteKeyUse), never on every trigger. */
  lastUsedAt: z.optional(ZIsoDateTime),
});
export type StoreKey = z.infer<typeof ZStoreKey>;

export const ZInvitationStatus = z.enum(['scheduled', 'sending', 'sent', 'failed', 'suppressed']);
export type InvitationStatus = z.infer<typeof ZInvitationStatus>;

export const ZDelivery = z.object({
  channel: ZChannel,
  at: ZIsoDateTime,
  ok: z.boolean(),
  errcode: z.number().optional(),
  detail: z.string().optional(),
});
export type Delivery = z.infer<typeof ZDelivery>;

/**
 * What an invitation and its answer are about: the brand, store, region, staff member, order,
 * touchpoint and survey they are counted under, and whether it is a first survey or a recovery
 * re-survey. One definition, so a response carries exactly its invitation's context.
 */
export const ZSurveyContext = z.object({
  brandId: ZExternalId,
  storeId: ZExternalId,
  region: ZExternalId,
  staffId: z.optional(ZExternalId),
  orderId: ZExternalId,
  touchpoint: ZTouchpoint,
  surveyId: ZExternalId,
  surveyVersion: z.number().int(),
  /** "survey" for a first invitation, "recovery" for the re-survey after a callback. */
  kind: z.enum(['survey', 'recovery']).default('survey'),
  /** For a recovery invitation (and its answer): the callback task it follows. */
  taskId: z.string().optional(),
});
export type SurveyContext = z.infer<typeof ZSurveyContext>;

export const ZInvitation = ZSurveyContext.extend({
  invitationId: z.string(),
  occurredAt: ZIsoDateTime,
  amountFen: z.number().int().optional(),
  status: ZInvitationStatus,
  reason: z.optional(ZSuppressionReason),
  channel: z.optional(ZChannel),
  sendAt: z.optional(ZIsoDateTime),
  createdAt: ZIsoDateTime,
  expiresAt: ZIsoDateTime,
  tokenHash: z.string().optional(),
  /** The consumer the invitation is bound to (keyed hash of the openid). */
  openidHash: z.string().optional(),
  openidSealed: z.string().optional(),
  phoneSealed: z.string().optional(),
  customerHashes: z.array(z.string()).default([]),
  deliveries: z.array(ZDelivery).default([]),
  answeredAt: z.optional(ZIsoDateTime),
  responseId: z.string().optional(),
  /** The first view of the unanswered invitation (set once, with its insight "opened" count). */
  openedAt: z.optional(ZIsoDateTime),
  /** When its response's first repeat purchase was counted (set once, with the insight "repeat" count). */
  repeatCountedAt: z.optional(ZIsoDateTime),
});
export type Invitation = z.infer<typeof ZInvitation>;

export const ZResponseRecord = ZSurveyContext.extend({
  responseId: z.string(),
  invitationId: z.string(),
  clientResponseId: z.string(),
  answers: ZAnswers,
  band: ZScoreBand,
  locale: z.optional(ZLocale),
  submittedAt: ZIsoDateTime,
  /** The calendar day in the store's time zone, for per-day counters. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string(),
  openidHash: z.string().optional(),
  phoneSealed: z.string().optional(),
  /** What the consumer was told; a retried submit gets the same. */
  followUp: ZFollowUp,
  /** Copied from the invitation for aggregation (order value, response rate by channel, repeat purchases). */
  amountFen: z.number().int().optional(),
  channel: z.optional(ZChannel),
  /** The invitation's first keyed customer hash: matches the same customer's later triggers. */
  customerHash: z.string().optional(),
});
export type ResponseRecord = z.infer<typeof ZResponseRecord>;

export const ZConsumerSession = z.object({
  openidHash: z.string(),
  openidSealed: z.string(),
  sessionKeySealed: z.string(),
  createdAt: ZIsoDateTime,
  expiresAt: ZIsoDateTime,
});
export type ConsumerSession = z.infer<typeof ZConsumerSession>;
