import * as z from 'zod/mini';
import { ZLocalizedText } from './common';
import { ZTouchpointId } from './touchpoints';

// A module of its own: the consumer survey reaches ZTouchpointId (through the trigger schema in
// api.ts) but none of this, so its main package does not carry a brand's list rules and labels.

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
  { id: 'in_store', label: t('门店消费', 'In store') },
  { id: 'online', label: t('线上购物', 'Online') },
  { id: 'delivery', label: t('配送', 'Delivery') },
  { id: 'service', label: t('售后服务', 'Service') },
  { id: 'pickup', label: t('到店自提', 'Pickup') },
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
