import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { mayAdminister } from '@xinsheng/shared'
import { pickLocale } from '../../../common/locale'
import { useStaffSession } from '../../model/use-staff-session'
import { AdminConsole } from '../../ui/admin/console'
import { goToLogin, staffDeps, staffUrls, switchTo } from '../../platform'
import '../../ui/workbench.css'
import '../../ui/admin/admin.css'
import './index.css'

/**
 * The brand admin's console (`?section=&lang=`). Without a session the login page first; a role that
 * may not administer (the API answers it 403) goes to its own first screen.
 */
export default function AdminPage() {
  const { params } = useRouter()
  const locale = useMemo(() => pickLocale(params.lang, undefined), [params.lang])
  const state = useStaffSession(staffDeps().sessions)
  const allowed = state.phase === 'signed-in' && mayAdminister(state.session.staff.role)
  useEffect(() => {
    if (state.phase === 'signed-out') goToLogin(params.lang, staffUrls.admin(params.lang, params.section))
    else if (state.phase === 'signed-in' && !allowed) switchTo(staffUrls.queue(params.lang))
  }, [state.phase, allowed, params])
  if (!allowed || state.phase !== 'signed-in') return null
  return <AdminConsole session={state.session} locale={locale} lang={params.lang} section={params.section} />
}
