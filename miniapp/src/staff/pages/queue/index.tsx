import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { pickLocale } from '../../../common/locale'
import { parseQueueRoute, routeParams } from '../../model/queue-route'
import { useStaffSession } from '../../model/use-staff-session'
import { Workbench } from '../../ui/workbench'
import { goToLogin, staffDeps, staffUrls } from '../../platform'
import '../../ui/workbench.css'
import './index.css'

/** The workbench's queue (on a desktop, with the chosen task beside it: `?id=&tab=` keep which). */
export default function QueuePage() {
  const { params } = useRouter()
  const locale = useMemo(() => pickLocale(params.lang, undefined), [params.lang])
  const state = useStaffSession(staffDeps().sessions)
  useEffect(() => {
    if (state.phase === 'signed-out') goToLogin(params.lang, staffUrls.queue(params.lang, routeParams({ id: params.id, tab: params.tab })))
  }, [state.phase, params.lang, params.id, params.tab])
  if (state.phase !== 'signed-in') return null
  const route = parseQueueRoute(params, state.session.staff.role)
  return <Workbench session={state.session} locale={locale} lang={params.lang} page='queue' taskId={route.taskId} initialTab={route.tab} />
}
