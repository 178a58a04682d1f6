import { dashboardZhCN } from './dashboard-zh-CN'
import type { StaffTexts } from './texts'

export const staffZhCN: StaffTexts = {
  locale: 'zh-CN',
  title: '回访工作台',
  login: {
    title: '登录回访工作台',
    intro: '使用分配给您的员工账号登录。',
    username: '账号',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    required: '请输入账号和密码',
    invalidCredentials: '账号或密码错误',
    sessionEnded: '登录已过期，请重新登录',
    tooManyAttempts: (minutes) => (minutes ? `密码错误次数过多，请 ${minutes} 分钟后再试` : '密码错误次数过多，请稍后再试'),
  },
  header: { signedInAs: (name, role) => `${name}（${role}）`, logout: '退出登录' },
  roles: { agent: '回访专员', supervisor: '回访主管', manager: '经理', admin: '管理员' },
  tabsLabel: '任务队列',
  tabs: { mine: '我的', open: '待领取', escalated: '已升级', resolved: '已结案' },
  queue: {
    label: '任务列表',
    refresh: '刷新',
    loading: '加载中…',
    empty: { mine: '您没有进行中的任务', open: '没有待领取的任务', escalated: '没有升级的任务', resolved: '没有已结案的任务' },
    loadMore: '加载更多',
    noComment: '（无留言）',
    assignedTo: (name) => `处理人：${name}`,
  },
  priority: { normal: '普通', urgent: '紧急', critical: '特急' },
  status: { open: '待领取', in_progress: '处理中', resolved: '已结案' },
  sla: {
    dueIn: (left) => `剩余 ${left}`,
    overdue: (late) => `已超时 ${late}`,
    met: '已按时联系',
    closed: '已结案',
    dueAt: (time) => `截止 ${time}`,
  },
  units: { day: '天', hour: '小时', minute: '分' },
  score: (nps) => `${nps} 分`,
  detail: {
    placeholder: '从左侧列表选择一个任务',
    back: '返回列表',
    loading: '加载中…',
    answer: '客户反馈',
    nps: '推荐意愿',
    csat: '满意度',
    reasons: '原因',
    comment: '留言',
    store: '门店',
    staff: '服务员工',
    order: '订单号',
    touchpoint: '场景',
    submittedAt: '提交时间',
    phone: '电话',
    noPhone: '未留电话',
    timeline: '处理记录',
    actions: '处理',
    assignee: '处理人',
    outcome: '结果',
    rootCause: '根本原因',
  },
  touchpoints: { purchase: '购买', in_store: '到店', online: '线上', delivery: '配送', service: '售后', pickup: '自提' },
  reasons: {
    long_wait: '排队时间长',
    staff_attitude: '服务态度差',
    out_of_stock: '商品缺货',
    product_quality: '商品质量问题',
    price: '价格偏高',
    store_cleanliness: '店内不整洁',
    product_range: '商品种类',
    staff_helpfulness: '店员帮助',
  },
  actions: {
    claim: '领取任务',
    reveal: '查看号码并拨打',
    call: '拨打电话',
    phoneRevealedHint: '号码查看已记录',
    attemptTitle: '记录联系结果',
    attemptResult: '联系结果',
    results: { reached: '已联系上', no_answer: '无人接听', wrong_number: '号码错误', call_back_later: '稍后回电' },
    note: '备注',
    logAttempt: '记录联系',
    attemptLogged: '已记录',
    resolveTitle: '结案',
    outcomes: { resolved: '已解决', compensated: '已补偿', unreachable: '无法联系', no_action_needed: '无需处理' },
    rootCauseLabel: '根本原因',
    rootCauses: {
      staffing: '人手不足',
      staff_attitude: '服务态度',
      training: '培训不足',
      stock: '缺货',
      product_quality: '商品质量',
      pricing: '价格',
      process: '流程问题',
      customer_expectation: '客户期望',
      other: '其他',
    },
    resolve: '结案',
    resolved: '已结案',
    reopenTitle: '重新打开',
    reopen: '重新打开任务',
    assignTo: '改派给',
    assign: '改派',
    readOnly: '您的角色只能查看任务。',
    claimFirst: '领取任务后才能联系客户。',
    rootCauseRequired: '请选择根本原因',
    resultRequired: '请选择联系结果',
    outcomeRequired: '请选择结案结果',
    assigneeRequired: '请选择接手的人',
    noAssignees: '这个任务的范围内没有其他可接手的人。',
  },
  timeline: (entry, t) => {
    switch (entry.type) {
      case 'created':
        return `创建任务（${t.priority[entry.priority]}）`
      case 'claimed':
        return '领取任务'
      case 'assigned':
        return `改派给 ${entry.to}`
      case 'attempt':
        return `联系客户：${t.actions.results[entry.result]}`
      case 'phone_revealed':
        return '查看了客户电话'
      case 'escalated':
        return `超时升级（${t.priority[entry.priority]}）`
      case 'resolved':
        return `结案：${t.actions.outcomes[entry.outcome]}`
      case 'reopened':
        return '重新打开'
      case 'recovery_invited':
        return '已安排回访问卷'
      case 'recovered':
        return `回访评分 ${entry.nps} 分`
      case 'notified':
        return entry.ok ? '已通知企业微信群' : '企业微信通知失败'
      case 'customer_notified':
        return entry.ok ? '已通过微信通知客户' : `微信通知客户失败${entry.errcode ? `（${entry.errcode}）` : ''}`
    }
  },
  errors: {
    already_claimed: '这个任务已被其他人领取。',
    already_resolved: '这个任务已经结案。',
    not_claimed: '请先领取任务。',
    not_assignee: '这个任务由其他人处理。',
    not_resolved: '只有已结案的任务可以重新打开。',
    no_phone: '客户没有留下电话号码。',
    conflict: '任务已被更新，请刷新后重试。',
    forbidden_role: '您的角色不能进行此操作。',
    not_found: '找不到这个任务，或您无权查看。',
    invalid_request: '填写的内容有误，请检查后重试。',
    network: '网络不给力，请检查网络后重试。',
    server: '服务繁忙，请稍后再试。',
  },
  dashboard: dashboardZhCN,
}
