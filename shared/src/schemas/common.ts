import { z } from 'zod';

/** Identifiers that stores send us: printable, no separators we use in keys. */
export const ZExternalId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'only letters, digits and _ . : - are allowed');

export const ZIsoDateTime = z.iso.datetime({ offset: true });

export const ZLocale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof ZLocale>;

/** A text in every supported locale. */
export const ZLocalizedText = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof ZLocalizedText>;

export const ZTouchpoint = z.enum(['in_store', 'online', 'delivery', 'service', 'pickup']);
export type Touchpoint = z.infer<typeof ZTouchpoint>;

export const ZChannel = z.enum(['subscribe_message', 'sms', 'receipt']);
export type Channel = z.infer<typeof ZChannel>;

/** `{"error":{"code","message","details"}}` — the one error body of the API. */
export const ZErrorDetail = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.array(ZErrorDetail).optional() }),
});
export type ErrorBody = z.infer<typeof ZErrorBody>;
