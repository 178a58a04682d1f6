import * as z from 'zod/mini';
import { ZLocalizedText } from './common';

/**
 * Touchpoints are each brand's own data (`purchase`, `delivery`, `repair`…), with zh-CN/en labels,
 * kept on the brand item and edited by its admin (PUT /v1/admin/brand). A trigger names one of its
 * brand's touchpoints (`touchpointError` says what else it gets); stored and streamed records keep
 * any id string (ZTouchpoint), so history never depends on what a brand's list says today.
 */
export const ZTouchpointId = z
  .string()
  .check(z.minLength(1), z.maxLength(32), z.regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _, starting with a letter'));

export const ZTouchpointDef = z.object({ id: ZTouchpointId, label: ZLocalizedText });
export type TouchpointDef = z.infer<typeof ZTouchpointDef>;

/** A brand's touchpoints: 1–50, ids unique. */
export const ZTouchpointList = z.array(ZTouchpointDef).check(
  z.minLength(1),
  z.maxLength(50),
  z.refine((list) => new Set(list.map((t) => t.id)).size === list.length, 'touchpoint ids must be unique'),
);

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/**
 * What a brand without a stored list has: the five touchpoints every brand had when the list was
 * fixed, so existing brands, stores and their data keep working unchanged.
 */
export const LEGACY_TOUCHPOINTS: TouchpointDef[] = [
  { id: 'in_store', label: t('到店', 'In store') },
  { id: 'online', label: t('线上', 'Online') },
  { id: 'delivery', label: t('配送', 'Delivery') },
  { id: 'service', label: t('售后服务', 'Service') },
  { id: 'pickup', label: t('自提', 'Pickup') },
];

/** undefined when `touchpoint` is one of the brand's; otherwise the message a 400 carries (it lists them). */
export function touchpointError(touchpoint: string, brandTouchpoints: readonly TouchpointDef[]): string | undefined {
  if (brandTouchpoints.some((tp) => tp.id === touchpoint)) return undefined;
  return `not a touchpoint of this brand; expected one of: ${brandTouchpoints.map((tp) => tp.id).join(', ')}`;
}

/** The touchpoints a trigger of this brand may name. */
export function brandTouchpoints(brand: { touchpoints?: TouchpointDef[] }): TouchpointDef[] {
  return brand.touchpoints ?? LEGACY_TOUCHPOINTS;
}
