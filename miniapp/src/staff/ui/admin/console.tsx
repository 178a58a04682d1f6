import { View } from '@tarojs/components'
import type { Locale } from '@xinsheng/shared'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { landmark } from '../../../common/a11y'
import { StaffHeader } from '../staff-header'
import { ActionButton } from '../../../common/controls'
import { adminErrorMessage } from '../../model/admin-errors'
import { ADMIN_SECTIONS, adminShellTexts, pickAdminSection, type AdminSectionId } from '../../model/admin-sections'
import { withStaffToken } from '../../model/auth'
import { staffTextsFor } from '../../model/i18n'
import type { StaffSession } from '../../model/staff-session'
import { goToLogin, replaceAddress, setTitle, staffDeps, staffUrls, switchTo, useWideLayout } from '../../platform'
import type { AdminSectionProps } from './section-props'
import { SECTION_VIEWS } from './sections'

const isH5 = process.env.TARO_ENV === 'h5'

export interface AdminConsoleProps {
  session: StaffSession
  locale: Locale
  lang?: string
  /** `?section=` as asked. */
  section?: string
}

/**
 * The brand admin's console (DESIGN.md "Admin"): the sections down the side on a desktop (≥ 1024 px),
 * across the top on a phone; one section at a time, its address kept in `?section=`.
 */
export function AdminConsole({ session, locale, lang, section }: AdminConsoleProps) {
  const texts = staffTextsFor(locale)
  const t = adminShellTexts(locale)
  const { caller, sessions } = staffDeps()
  const wide = useWideLayout()
  const shown = useMemo(() => ADMIN_SECTIONS.filter((id) => SECTION_VIEWS[id]), [])
  const [current, setCurrent] = useState<AdminSectionId | undefined>(() => pickAdminSection(section, shown))
  useEffect(() => setTitle(t.title, locale), [t.title, locale])
  useEffect(() => {
    if (current) replaceAddress(staffUrls.admin(lang, current))
  }, [current, lang])

  const onSignedOut = useCallback(() => goToLogin(lang, current ? staffUrls.admin(lang, current) : undefined, 'expired'), [lang, current])
  const withToken = useCallback(<T,>(fn: (token: string) => Promise<T>) => withStaffToken(session, sessions, onSignedOut, fn), [session, sessions, onSignedOut])
  const describeError = useCallback((error: unknown) => adminErrorMessage(error, texts), [texts])
  const props: AdminSectionProps = { session, locale, lang, caller, withToken, describeError }
  const Section = current ? SECTION_VIEWS[current] : undefined

  return (
    <View className={`sb-page ad-page${wide ? ' sb-wide ad-wide' : ''}`} data-testid='admin-console' data-section={current} {...landmark('main')}>
      <StaffHeader title={t.title} session={session} texts={texts} lang={lang}>
        <ActionButton kind='link' onTap={() => switchTo(staffUrls.dashboard(lang))} testId='to-dashboard'>
          {t.toDashboard}
        </ActionButton>
        <ActionButton kind='link' onTap={() => switchTo(staffUrls.queue(lang))} testId='to-workbench'>
          {t.toWorkbench}
        </ActionButton>
      </StaffHeader>
      <View className='ad-body'>
        <SectionNav label={t.nav} names={t.sections} shown={shown} current={current} onPick={setCurrent} />
        <View className='ad-section' data-testid='admin-section'>
          {Section && <Section key={current} {...props} />}
        </View>
      </View>
    </View>
  )
}

function SectionNav({ label, names, shown, current, onPick }: { label: string; names: Record<AdminSectionId, string>; shown: readonly AdminSectionId[]; current?: AdminSectionId; onPick: (id: AdminSectionId) => void }) {
  if (isH5) {
    return (
      <nav className='ad-nav' aria-label={label}>
        {shown.map((id) => (
          <button key={id} type='button' className={`ad-nav-item${id === current ? ' is-active' : ''}`} aria-current={id === current ? 'page' : undefined} onClick={() => onPick(id)} data-testid={`admin-nav-${id}`}>
            {names[id]}
          </button>
        ))}
      </nav>
    )
  }
  return (
    <View className='ad-nav' {...({ ariaRole: 'navigation', ariaLabel: label } as object)}>
      {shown.map((id) => (
        <View key={id} className={`ad-nav-item${id === current ? ' is-active' : ''}`} onClick={() => onPick(id)} data-testid={`admin-nav-${id}`}>
          {names[id]}
        </View>
      ))}
    </View>
  )
}
