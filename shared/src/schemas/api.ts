import * as z from 'zod/mini';
import { ZChannel, ZExternalId, ZIsoDateTime, ZLocale } from './common';
import { ZTouchpointId } from './touchpoints';
import { ZAnswers } from './answers';
import { ZSurveyDefinition } from './survey';

// ---------- Store → API ----------

export const ZCustomer = z.strictObject({
  openid: z.optional(z.string().check(z.minLength(6), z.maxLength(64))),
  unionid: z.optional(z.string().check(z.minLength(6), z.maxLength(64))),
  phone: z.optional(z.string().check(z.regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits'))),
});
export type Customer = z.infer<typeof ZCustomer>;

export const ZTriggerRequest = z.strictObject({
  storeId: ZExternalId,
  orderId: ZExternalId,
  /** One of the brand's touchpoints (checked against the brand: an unknown one is a 400 listing them). */
  touchpoint: ZTouchpointId,
  occurredAt: ZIsoDateTime,
  customer: ZCustomer,
  staffId: z.optional(ZExternalId),
  amountFen: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000_000))),
  surveyId: z.optional(ZExternalId),
  /** "receipt": not pushed; the answer carries a survey URL and QR payload at once. */
  channel: z.optional(z.literal('receipt')),
});
export type TriggerRequest = z.infer<typeof ZTriggerRequest>;

export const ZSuppressionReason = z.enum(['fatigue', 'opted_out', 'no_channel']);
export type SuppressionReason = z.infer<typeof ZSuppressionReason>;

export const ZTriggerResponse = z.object({
  invitationId: z.string(),
  status: z.enum(['scheduled', 'suppressed']),
  reason: z.optional(ZSuppressionReason),
  sendAt: z.optional(ZIsoDateTime),
  channel: z.optional(ZChannel),
  surveyUrl: z.optional(z.string()),
  qrPayload: z.optional(z.string()),
});
export type TriggerResponse = z.infer<typeof ZTriggerResponse>;

// ---------- Consumer → API ----------

export const ZSessionRequest = z.strictObject({ code: z.string().check(z.minLength(1), z.maxLength(128)) });
export type SessionRequest = z.infer<typeof ZSessionRequest>;
export const ZSessionResponse = z.object({ token: z.string(), expiresAt: ZIsoDateTime });
export type SessionResponse = z.infer<typeof ZSessionResponse>;

/** The invitation token: `<invitationId>.<secret>`; only a hash of the secret is stored. */
export const ZInvitationToken = z.string().check(z.regex(/^[0-9A-Z]{26}\.[A-Za-z0-9_-]{22,64}$/, 'not an invitation token'));

export const ZFollowUp = z.object({
  callback: z.boolean(),
  /** Hours within which the store will call back, for a detractor: the brand's SLA (consumerFollowUp). */
  slaHours: z.optional(z.number()),
});
export type FollowUp = z.infer<typeof ZFollowUp>;

export const ZInvitationView = z.object({
  state: z.enum(['open', 'answered', 'expired']),
  survey: ZSurveyDefinition,
  store: z.object({ name: z.string() }),
  expiresAt: ZIsoDateTime,
  /** Present once answered: what was answered, so the page can show the thank-you. */
  answer: z.optional(
    z.object({
      responseId: z.string(),
      nps: z.number().check(z.int()),
      /** What was promised when it was answered (optional: added after the first release). */
      followUp: z.optional(ZFollowUp),
    }),
  ),
});
export type InvitationView = z.infer<typeof ZInvitationView>;

export const ZResponseRequest = z.strictObject({
  invitationToken: ZInvitationToken,
  clientResponseId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -')),
  answers: ZAnswers,
  locale: z.optional(ZLocale),
});
export type ResponseRequest = z.infer<typeof ZResponseRequest>;

export const ZResponseCreated = z.object({ responseId: z.string(), followUp: ZFollowUp });
export type ResponseCreated = z.infer<typeof ZResponseCreated>;
