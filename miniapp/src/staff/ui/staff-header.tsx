import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { ActionButton } from '../../common/controls'
import type { StaffTexts } from '../model/i18n'
import type { StaffSession } from '../model/staff-session'
import { goToLogin, staffDeps } from '../platform'

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * The header of every staff screen (workbench, dashboard, admin console): the screen's title (the
 * page's h1 on h5), who is signed in, the screen's own links (`children`) and sign-out last.
 */
export function StaffHeader({ title, session, texts, lang, children }: { title: string; session: StaffSession; texts: StaffTexts; lang?: string; children?: ReactNode }) {
  const signOut = () => {
    void staffDeps()
      .sessions.clear()
      .then(() => goToLogin(lang))
  }
  return (
    <View className='sb-header'>
      <Text className='sb-title' {...(isH5 ? { role: 'heading', 'aria-level': 1 } : {})}>
        {title}
      </Text>
      <Text className='sb-who' data-testid='signed-in-as'>
        {texts.header.signedInAs(session.staff.name, texts.roles[session.staff.role])}
      </Text>
      {children}
      <ActionButton kind='link' onTap={signOut} testId='logout-button'>
        {texts.header.logout}
      </ActionButton>
    </View>
  )
}
