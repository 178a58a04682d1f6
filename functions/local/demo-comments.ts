import type { ScoreBand } from '@xinsheng/shared';

/**
 * The demo history's phrase bank: what customers of a convenience chain write, per NPS band and
 * theme (the theme ids of functions/src/insight/themes/lexicon.json), combined into comments by
 * `composeComment`. Phrases are written to hit the lexicon's keywords the way real comments do;
 * `none` phrases mention no theme at all (a comment the theme miner must leave alone).
 */

export type DemoTheme =
  | 'waiting_time' | 'checkout' | 'staff_attitude' | 'staff_expertise' | 'cleanliness' | 'product_quality'
  | 'price_promotion' | 'stock_range' | 'delivery' | 'packaging' | 'app_payment' | 'environment' | 'membership' | 'taste';

type Bank = Partial<Record<DemoTheme, string[]>>;

const PROMOTER: Bank = {
  waiting_time: ['结账很快，基本不用排队', '高峰期也没等多久，效率很高', '出餐速度很快，赶时间的时候很方便', '早上买早餐从来不用久等'],
  checkout: ['自助收银很方便，扫码就走', '收银员动作麻利，找零也准确', '结账顺畅，小票打印得很清楚', '付款很快，还能开电子发票'],
  staff_attitude: ['店员很热情，一进门就打招呼', '店员态度特别好，很有耐心', '小姐姐笑容很甜，服务周到', '店长人很亲切，每次都主动帮忙', '服务好，下雨天还借了伞给我'],
  staff_expertise: ['店员对新品介绍得很清楚', '问了几个问题都解答得很专业', '店员很熟练，帮我找到了想要的东西'],
  cleanliness: ['店里干净整洁，货架也很整齐', '环境卫生做得很好，地面一尘不染', '每次来都很干净，看得出经常打扫'],
  product_quality: ['关东煮很新鲜，品质稳定', '水果新鲜，没有坏的', '鲜食保质期都很新，放心'],
  price_promotion: ['会员日有折扣，很划算', '第二件半价的活动很实惠', '价格实惠，性价比高', '优惠券很好用，买一送一很值得'],
  stock_range: ['品种齐全，想买的都有', '新品上得很快，每周都有新东西', '选择多，零食饮料都很全'],
  delivery: ['外卖送得很快，骑手很准时', '配送准时，送到门口还打了电话'],
  packaging: ['打包很仔细，热饮也没洒', '包装很用心，袋子也结实'],
  app_payment: ['小程序下单很方便，到店直接取', '微信支付很顺，积分自动到账'],
  environment: ['店里环境舒服，空调温度刚好', '有座位可以坐着吃，很舒适'],
  membership: ['会员积分可以抵现，很贴心', '生日那天收到会员券，惊喜'],
  taste: ['咖啡好喝，早上必买', '便当味道很好，分量也足', '烤肠好吃，孩子很喜欢'],
};

const PASSIVE: Bank = {
  waiting_time: ['中午人多要排一会儿队', '高峰期稍微有点慢', '等了几分钟，还能接受'],
  checkout: ['收银台只开了一个，有点挤', '自助收银偶尔扫码不灵', '结账还行，就是小票要自己撕'],
  staff_attitude: ['店员态度一般，不算热情', '服务还可以，就是没什么笑容'],
  staff_expertise: ['问店员新品在哪里，他也不太清楚', '店员好像是新手，不太熟练'],
  cleanliness: ['店里还算干净，门口有点垃圾', '整体整洁，冰柜门有点脏'],
  product_quality: ['鲜食品质一般，有的快过期了', '面包口感一般，不太新鲜'],
  price_promotion: ['价格偏贵，希望多点优惠', '活动太少了，以前折扣多', '比超市贵一点'],
  stock_range: ['想买的饮料经常缺货', '种类有点少，希望多上新品', '晚上去便当基本卖完了'],
  delivery: ['外卖送得有点晚', '配送费有点贵'],
  packaging: ['打包袋太薄了', '餐具经常忘记放'],
  app_payment: ['小程序有点卡顿', '积分在小程序里查不到'],
  environment: ['店里有点挤，过道太窄', '音乐有点吵'],
  membership: ['会员权益不太清楚', '积分规则太复杂'],
  taste: ['咖啡味道一般', '便当有点咸'],
};

const DETRACTOR: Bank = {
  waiting_time: ['排队太久了，等了二十分钟', '只有一个人在忙，排了好久', '高峰期排长队，没人来帮忙', '等太久了，上班都迟到了', '买个早餐要等半天，效率太低', '太慢了，队伍排到门口'],
  checkout: ['收银太慢了，一个收银台开着', '自助收银坏了也没人修', '结账的时候扫码半天扫不上', '收银员找钱算错了', '付款排了很久，收银台就一个人', '收银员一直在聊天，结账慢'],
  staff_attitude: ['店员态度很差，爱答不理', '问个东西店员很不耐烦', '服务态度冷漠，脸色很难看', '店员很凶，说话不客气', '喊了几声都没人理'],
  staff_expertise: ['店员拿错了东西，还不承认', '加热时间搞错了，便当是冷的', '问什么都一问三不知'],
  cleanliness: ['店里很脏，地上都是垃圾', '冰柜里有异味，卫生太差', '桌子油乎乎的，没人打扫'],
  product_quality: ['买到过期的牛奶', '面包发硬，一点都不新鲜', '水果烂了还在卖', '三明治快过期了还卖原价'],
  price_promotion: ['价格太贵了，比隔壁贵好多', '说好的优惠券结账用不了', '标价和结账价格不一样'],
  stock_range: ['经常缺货，想买的都没有', '晚上来什么都卖光了', '货架空了也不补货'],
  delivery: ['外卖超时一个小时', '骑手送错地址了', '配送太慢，饭都凉了'],
  packaging: ['打包的汤洒了一袋子', '包装破损，东西压坏了'],
  app_payment: ['小程序支付失败还扣款了', '扫码付款一直加载不出来', '系统卡顿，付不了钱'],
  environment: ['店里太挤了，转身都难', '空调坏了，闷热得受不了'],
  membership: ['会员积分莫名其妙没了', '充值的余额用不了'],
  taste: ['咖啡太难喝了', '便当难吃，太咸了'],
};

const BANKS: Record<ScoreBand, Bank> = { promoter: PROMOTER, passive: PASSIVE, detractor: DETRACTOR };

/** Phrases that name no theme: a comment that is only feeling. */
const NONE: Record<ScoreBand, string[]> = {
  promoter: ['总体很满意', '下次还会再来', '推荐给朋友了', '一直在这家买，习惯了', '很好，继续加油'],
  passive: ['还行吧', '中规中矩', '一般般，没什么特别的', '还可以'],
  detractor: ['体验很不好', '太失望了', '不会再来了', '希望改进', '很生气'],
};

const EMOJI: Record<ScoreBand, string[]> = {
  promoter: ['👍', '😊', '❤️', '🎉', '👏'],
  passive: ['🙂', '😐', '🤔'],
  detractor: ['😡', '😤', '👎', '😞'],
};

export function themePhrases(band: ScoreBand, theme: DemoTheme): readonly string[] {
  return BANKS[band][theme] ?? [];
}

export function themesWithPhrases(band: ScoreBand): DemoTheme[] {
  return Object.keys(BANKS[band]) as DemoTheme[];
}

/** Mainland mobile numbers customers leave in a comment ("call me back"): masking must hide them. */
const PHONES = ['13812345678', '13998765432', '15012348765', '18600001234', '17755556666'];

export interface CommentParts {
  band: ScoreBand;
  /** 0–2 themes the comment speaks of (none: a feeling only). */
  themes: readonly DemoTheme[];
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
}

/** One comment: the themes' phrases joined as people write them, sometimes a feeling, an emoji or a phone number. */
export function composeComment({ band, themes, pick, chance }: CommentParts): string {
  const parts = themes.map((theme) => pick(themePhrases(band, theme))).filter(Boolean);
  if (!parts.length || chance(0.25)) parts.push(pick(NONE[band]));
  let text = parts.join(chance(0.5) ? '，' : '。');
  if (chance(0.3)) text += chance(0.5) ? '！' : '。';
  if (chance(0.12)) text += pick(EMOJI[band]);
  if (band === 'detractor' && chance(0.08)) text += `${chance(0.5) ? '请联系我' : '电话'} ${pick(PHONES)}`;
  return text;
}
