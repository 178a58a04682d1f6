import * as z from 'zod/mini';
import { ZExternalId, ZLocalizedText } from './common';

export const ZScoreBand = z.enum(['detractor', 'passive', 'promoter']);
export type ScoreBand = z.infer<typeof ZScoreBand>;

export const ZReasonOption = z.object({
  id: z.string().check(z.regex(/^[a-z0-9_]{1,40}$/)),
  label: ZLocalizedText,
});
export type ReasonOption = z.infer<typeof ZReasonOption>;

export const COMMENT_MAX_LENGTH = 500;

/**
 * A versioned survey definition. NPS is always asked; CSAT and CES are optional.
 * Ranges are literals so a definition cannot widen them.
 */
export const ZSurveyDefinition = z.object({
  surveyId: ZExternalId,
  version: z.number().check(z.int(), z.minimum(1)),
  brandId: ZExternalId,
  title: ZLocalizedText,
  nps: z.object({
    min: z.literal(0),
    max: z.literal(10),
    question: ZLocalizedText,
    lowLabel: ZLocalizedText,
    highLabel: ZLocalizedText,
  }),
  csat: z.optional(
    z.object({ min: z.literal(1), max: z.literal(5), question: ZLocalizedText, required: z._default(z.boolean(), false) }),
  ),
  ces: z.optional(
    z.object({ min: z.literal(1), max: z.literal(7), question: ZLocalizedText, required: z._default(z.boolean(), false) }),
  ),
  reasons: z.object({
    question: z.object({ detractor: ZLocalizedText, passive: ZLocalizedText, promoter: ZLocalizedText }),
    detractor: z.array(ZReasonOption).check(z.maxLength(12)),
    passive: z.array(ZReasonOption).check(z.maxLength(12)),
    promoter: z.array(ZReasonOption).check(z.maxLength(12)),
  }),
  comment: z.object({ maxLength: z.number().check(z.int(), z.minimum(1), z.maximum(COMMENT_MAX_LENGTH)), placeholder: ZLocalizedText }),
});
export type SurveyDefinition = z.infer<typeof ZSurveyDefinition>;
