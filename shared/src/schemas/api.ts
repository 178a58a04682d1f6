import { z } from 'zod';
import { ZChannel, ZExternalId, ZIsoDateTime, ZLocale, ZTouchpoint } from './common';
import { ZAnswers } from './answers';
import { ZSurveyDefinition } from './survey';

// ---------- Store → API ----------

export const ZCustomer = z
  .object({
    openid: z.string().min(6).max(64).optional(),
    unionid: z.string().min(6).max(64).optional(),
    phone: z.string().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits').optional(),
  })
  .strict();
export type Customer = z.infer<typeof ZCustomer>;

export const ZTriggerRequest = z
  .object({
    storeId: ZExternalId,
    orderId: ZExternalId,
    touchpoint: ZTouchpoint,
    occurredAt: ZIsoDateTime,
    customer: ZCustomer,
    staffId: ZExternalId.optional(),
    amountFen: z.number().int().min(0).max(1_000_000_000).optional(),
    surveyId: ZExternalId.optional(),
    /** "receipt": not pushed; the answer carries a survey URL and QR payload at once. */
    channel: z.literal('receipt').optional(),
  })
  .strict();
export type TriggerRequest = z.infer<typeof ZTriggerRequest>;

export const ZSuppressionReason = z.enum(['fatigue', 'opted_out', 'no_channel']);
export type SuppressionReason = z.infer<typeof ZSuppressionReason>;

export const ZTriggerResponse = z.object({
  invitationId: z.string(),
  status: z.enum(['scheduled', 'suppressed']),
  reason: ZSuppressionReason.optional(),
  sendAt: ZIsoDateTime.optional(),
  channel: ZChannel.optional(),
  surveyUrl: z.string().optional(),
  qrPayload: z.string().optional(),
});
export type TriggerResponse = z.infer<typeof ZTriggerResponse>;

// ---------- Consumer → API ----------

export const ZSessionRequest = z.object({ code: z.string().min(1).max(128) }).strict();
export type SessionRequest = z.infer<typeof ZSessionRequest>;
export const ZSessionResponse = z.object({ token: z.string(), expiresAt: ZIsoDateTime });
export type SessionResponse = z.infer<typeof ZSessionResponse>;

/** The invitation token: `<invitationId>.<secret>`; only a hash of the secret is stored. */
export const ZInvitationToken = z.string().regex(/^[0-9A-Z]{26}\.[A-Za-z0-9_-]{22,64}$/, 'not an invitation token');

export const ZFollowUp = z.object({
  callback: z.boolean(),
  /** Hours within which the store will call back, for a detractor: the brand's SLA (consumerFollowUp). */
  slaHours: z.number().optional(),
});
export type FollowUp = z.infer<typeof ZFollowUp>;

export const ZInvitationView = z.object({
  state: z.enum(['open', 'answered', 'expired']),
  survey: ZSurveyDefinition,
  store: z.object({ name: z.string() }),
  expiresAt: ZIsoDateTime,
  /** Present once answered: what was answered, so the page can show the thank-you. */
  answer: z
    .object({
      responseId: z.string(),
      nps: z.number().int(),
      /** What was promised when it was answered (optional: added after the first release). */
      followUp: ZFollowUp.optional(),
    })
    .optional(),
});
export type InvitationView = z.infer<typeof ZInvitationView>;

export const ZResponseRequest = z
  .object({
    invitationToken: ZInvitationToken,
    clientResponseId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 letters, digits, _ or -'),
    answers: ZAnswers,
    locale: ZLocale.optional(),
  })
  .strict();
export type ResponseRequest = z.infer<typeof ZResponseRequest>;

export const ZResponseCreated = z.object({ responseId: z.string(), followUp: ZFollowUp });
export type ResponseCreated = z.infer<typeof ZResponseCreated>;
