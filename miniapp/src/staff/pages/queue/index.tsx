import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { pickLocale } from '../../../core/i18n'
import { useStaffSession } from '../../../core/staff/use-staff-session'
import { Workbench } from '../../components/workbench'
import { goToLogin, staffDeps, staffUrls } from '../../platform'
import '../../workbench.css'
import './index.css'

/** The workbench's queue (on a desktop, with the chosen task beside it). */
export default function QueuePage() {
  const { params } = useRouter()
  const locale = useMemo(() => pickLocale(params.lang, undefined), [params.lang])
  const state = useStaffSession(staffDeps().sessions)
  useEffect(() => {
    if (state.phase === 'signed-out') goToLogin(params.lang, staffUrls.queue(params.lang))
  }, [state.phase, params.lang])
  if (state.phase !== 'signed-in') return null
  return <Workbench session={state.session} locale={locale} lang={params.lang} page='queue' taskId={params.id} />
}
