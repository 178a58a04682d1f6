import type { Brand, Store, SurveyDefinition } from '@xinsheng/shared';

const tp = (id: string, zh: string, en: string) => ({ id, label: { 'zh-CN': zh, en } });

/**
 * The demo brand's touchpoints: `purchase`, `pickup`, `delivery` — and the three other ids every
 * brand had while the list was fixed (`in_store`, `online`, `service`), so the demo's existing data
 * and integrations keep working. An admin may remove them (PUT /v1/admin/brand).
 */
export const DEMO_TOUCHPOINTS = [
  tp('purchase', '购买', 'Purchase'),
  tp('pickup', '自提', 'Pickup'),
  tp('delivery', '配送', 'Delivery'),
  tp('in_store', '到店', 'In store'),
  tp('online', '线上', 'Online'),
  tp('service', '售后服务', 'Service'),
];

/** The demo brand `npm start` seeds: 2 regions, 4 stores in Asia/Shanghai, staff, one NPS+CSAT survey. */
export const DEMO_BRAND: Brand = {
  brandId: 'demo-brand',
  name: '心声便利',
  defaultSurveyId: 'retail-nps',
  policy: {},
  touchpoints: DEMO_TOUCHPOINTS,
};

export const DEMO_STORES: Store[] = [
  { storeId: 'sh-001', brandId: 'demo-brand', name: '上海南京西路店', region: 'east', timeZone: 'Asia/Shanghai', policy: {}, staffIds: ['sh-001-wang', 'sh-001-li'] },
  { storeId: 'hz-001', brandId: 'demo-brand', name: '杭州西湖店', region: 'east', timeZone: 'Asia/Shanghai', policy: {}, staffIds: ['hz-001-zhao', 'hz-001-chen'] },
  { storeId: 'gz-001', brandId: 'demo-brand', name: '广州天河店', region: 'south', timeZone: 'Asia/Shanghai', policy: {}, staffIds: ['gz-001-liu', 'gz-001-huang'] },
  { storeId: 'sz-001', brandId: 'demo-brand', name: '深圳南山店', region: 'south', timeZone: 'Asia/Shanghai', policy: {}, staffIds: ['sz-001-zhou', 'sz-001-wu'] },
];

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export const DEMO_SURVEY: SurveyDefinition = {
  surveyId: 'retail-nps',
  version: 1,
  brandId: 'demo-brand',
  title: t('购物体验调查', 'Shopping experience survey'),
  nps: {
    min: 0,
    max: 10,
    question: t('您有多大可能把我们推荐给朋友或同事？', 'How likely are you to recommend us to a friend or colleague?'),
    lowLabel: t('不可能', 'Not at all likely'),
    highLabel: t('极有可能', 'Extremely likely'),
  },
  csat: { min: 1, max: 5, question: t('您对本次购物的满意度如何？', 'How satisfied were you with this visit?'), required: false },
  reasons: {
    question: {
      detractor: t('哪些方面让您不满意？', 'What disappointed you?'),
      passive: t('哪些方面我们可以做得更好？', 'What could we do better?'),
      promoter: t('您最喜欢哪些方面？', 'What did you like most?'),
    },
    detractor: [
      { id: 'long_wait', label: t('排队时间长', 'Long wait') },
      { id: 'staff_attitude', label: t('服务态度差', 'Unfriendly staff') },
      { id: 'out_of_stock', label: t('商品缺货', 'Out of stock') },
      { id: 'product_quality', label: t('商品质量问题', 'Product quality') },
      { id: 'price', label: t('价格偏高', 'Prices too high') },
      { id: 'store_cleanliness', label: t('店内不整洁', 'Untidy store') },
    ],
    passive: [
      { id: 'long_wait', label: t('排队时间', 'Waiting time') },
      { id: 'product_range', label: t('商品种类', 'Product range') },
      { id: 'price', label: t('价格', 'Prices') },
      { id: 'staff_helpfulness', label: t('店员帮助', 'Staff helpfulness') },
    ],
    promoter: [
      { id: 'friendly_staff', label: t('店员热情', 'Friendly staff') },
      { id: 'fast_checkout', label: t('结账快', 'Fast checkout') },
      { id: 'product_quality', label: t('商品质量好', 'Good products') },
      { id: 'clean_store', label: t('环境整洁', 'Clean store') },
    ],
  },
  comment: { maxLength: 500, placeholder: t('还有什么想告诉我们的吗？（选填）', 'Anything else you would like to tell us? (optional)') },
};
