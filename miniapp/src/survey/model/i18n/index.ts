import type { Locale } from '@xinsheng/shared'
import { en } from './en'
import type { SurveyTexts } from './texts'
import { zhCN } from './zh-CN'

export type { SurveyTexts } from './texts'

const byLocale: Record<Locale, SurveyTexts> = { 'zh-CN': zhCN, en }

/** The survey page's fixed texts (the workbench's are in staff/model/i18n, another package). */
export function textsFor(locale: Locale): SurveyTexts {
  return byLocale[locale]
}
