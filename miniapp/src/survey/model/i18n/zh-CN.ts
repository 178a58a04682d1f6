import type { SurveyTexts } from './texts'

export const zhCN: SurveyTexts = {
  locale: 'zh-CN',
  title: '心声',
  context: (storeName) => `您在${storeName}的购物体验`,
  loading: '加载中…',
  reasonsHint: '可多选',
  csatCaptions: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  commentLabel: '还有什么想告诉我们的？（选填）',
  commentCounter: (length, max) => `${length}/${max}`,
  submit: '提交',
  submitting: '正在提交…',
  chooseScoreFirst: '请先选择 0–10 分',
  pending: {
    title: '网络不给力',
    body: '回答已保存在本机，恢复网络后自动提交。',
    retryNow: '立即重试',
  },
  thankYou: {
    promoter: '感谢您的推荐！期待再次为您服务。',
    passive: '感谢您的反馈，我们会继续努力做得更好。',
    detractor: '很抱歉这次没能让您满意。',
  },
  callback: (slaHours) =>
    slaHours ? `门店负责人会在 ${slaHours} 个营业小时内给您回电，了解情况并解决问题。` : '门店负责人会尽快给您回电，了解情况并解决问题。',
  alreadyAnswered: '您已经提交过这份问卷，无需再次填写。',
  notify: {
    ask: '回电进展通知我',
    accepted: '已开启通知，回电进展会通过微信服务通知告诉您。',
    rejected: '未开启通知。门店仍会按时给您回电。',
    unavailable: '当前环境无法开启通知。门店仍会按时给您回电。',
  },
  followedUp: '门店已跟进您的反馈，感谢您的耐心。',
  states: {
    expired: { title: '问卷已过期', body: '这份问卷的填写时间已过，感谢您的关注。' },
    notYours: { title: '无法打开这份问卷', body: '这份问卷属于另一个微信账号，请使用收到邀请的微信打开。' },
    invalidLink: { title: '链接无效', body: '请从服务通知、短信或小票上的二维码重新打开问卷。' },
    network: { title: '网络不给力', body: '请检查网络连接后重试。' },
    server: { title: '服务繁忙', body: '请稍后再试。' },
    unsupported: { title: '请在微信中打开', body: '这份问卷需要在微信中填写。' },
  },
  retry: '重试',
  optOut: {
    ask: '不再邀请我',
    question: '以后不再收到该品牌的满意度邀请？',
    confirm: '确定，不再邀请',
    cancel: '取消',
    done: '已为您关闭邀请，以后不会再收到该品牌的满意度邀请。',
    failed: '未能关闭邀请，请检查网络后重试。',
  },
  errors: {
    npsRequired: '请选择 0–10 分',
    csatRequired: '请为本次体验打星',
    reasonNotOffered: '请重新选择原因',
    commentTooLong: (max) => `最多 ${max} 字`,
    invalid: '提交的内容有误，请检查后重试',
  },
}
