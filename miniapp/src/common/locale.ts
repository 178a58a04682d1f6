import type { Locale, LocalizedText } from '@xinsheng/shared'

/**
 * zh-CN unless asked otherwise: an explicit `?lang=` wins, then the WeChat/browser language
 * ("en", "en_US", "en-GB" → en; "zh_CN", "zh-TW" … → zh-CN).
 */
export function pickLocale(langParam: string | undefined | null, systemLanguage: string | undefined | null): Locale {
  for (const candidate of [langParam, systemLanguage]) {
    const normalised = (candidate ?? '').trim().toLowerCase()
    if (normalised.startsWith('en')) return 'en'
    if (normalised.startsWith('zh')) return 'zh-CN'
  }
  return 'zh-CN'
}

/** The survey definition's text in the page's locale. */
export function localized(text: LocalizedText, locale: Locale): string {
  return text[locale]
}
