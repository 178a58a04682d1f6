// zod/mini (functional API, tree-shakable): the consumer survey bundles these, ≈ 60 KB less than zod's
// classic API. The server's classic schemas compose them (both share zod/v4/core); write
// `z.optional(ZExternalId)`, not `ZExternalId.optional()`. See miniapp/README.md ("Main package").
import * as z from 'zod/mini';

/** Identifiers that stores send us: printable, no separators we use in keys. */
export const ZExternalId = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_.:-]+$/, 'only letters, digits and _ . : - are allowed'));

export const ZIsoDateTime = z.iso.datetime({ offset: true });

export const ZLocale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof ZLocale>;

/** A text in every supported locale. */
export const ZLocalizedText = z.object({ 'zh-CN': z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) });
export type LocalizedText = z.infer<typeof ZLocalizedText>;

/**
 * A touchpoint id as records carry it: any id string. Which ids a trigger may name is the brand's
 * data (schemas/touchpoints.ts); stored and streamed records never depend on today's list.
 */
export const ZTouchpoint = z.string().check(z.minLength(1), z.maxLength(64));
export type Touchpoint = z.infer<typeof ZTouchpoint>;

export const ZChannel = z.enum(['subscribe_message', 'sms', 'receipt']);
export type Channel = z.infer<typeof ZChannel>;

/** `{"error":{"code","message","details"}}` — the one error body of the API. */
export const ZErrorDetail = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.optional(z.array(ZErrorDetail)) }),
});
export type ErrorBody = z.infer<typeof ZErrorBody>;
