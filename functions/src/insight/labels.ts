import type { LocalizedText, Touchpoint } from '@xinsheng/shared';

/** What the insight API calls each touchpoint (its groups' labels). */
export const TOUCHPOINT_LABELS: Record<Touchpoint, LocalizedText> = {
  in_store: { 'zh-CN': '门店消费', en: 'In store' },
  online: { 'zh-CN': '线上购物', en: 'Online' },
  delivery: { 'zh-CN': '配送', en: 'Delivery' },
  service: { 'zh-CN': '售后服务', en: 'Service' },
  pickup: { 'zh-CN': '到店自提', en: 'Pickup' },
};
