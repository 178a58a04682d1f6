import type { Locale } from '@xinsheng/shared'

/**
 * The brand admin's console (DESIGN.md "Admin"): one page, one section at a time, in this order.
 * Which sections the console shows is the registry's (ui/admin/sections.tsx): a section is listed
 * once it works. No Taro here.
 */
export const ADMIN_SECTIONS = ['stores', 'surveys', 'brand', 'staff', 'webhooks', 'privacy', 'audit'] as const
export type AdminSectionId = (typeof ADMIN_SECTIONS)[number]

/** `?section=` as asked, when it is one of the shown sections; otherwise the first shown. */
export function pickAdminSection(asked: string | undefined, shown: readonly AdminSectionId[]): AdminSectionId | undefined {
  return shown.find((id) => id === asked) ?? shown[0]
}

/** The console's own texts (each section keeps its own in model/i18n/admin-<section>-texts.ts). */
export interface AdminShellTexts {
  title: string
  nav: string
  sections: Record<AdminSectionId, string>
  toDashboard: string
  toWorkbench: string
}

const zhCN: AdminShellTexts = {
  title: '品牌管理',
  nav: '管理栏目',
  sections: { stores: '门店与密钥', surveys: '问卷', brand: '触点与策略', staff: '员工', webhooks: 'Webhook', privacy: '个人信息请求', audit: '审计日志' },
  toDashboard: '数据看板',
  toWorkbench: '工作台',
}

const en: AdminShellTexts = {
  title: 'Brand administration',
  nav: 'Administration sections',
  sections: { stores: 'Stores & keys', surveys: 'Surveys', brand: 'Touchpoints & policy', staff: 'Staff', webhooks: 'Webhooks', privacy: 'Privacy requests', audit: 'Audit log' },
  toDashboard: 'Dashboard',
  toWorkbench: 'Workbench',
}

export const adminShellTexts = (locale: Locale): AdminShellTexts => (locale === 'en' ? en : zhCN)
