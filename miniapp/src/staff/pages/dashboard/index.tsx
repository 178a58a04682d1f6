import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { mayReadInsight } from '@xinsheng/shared'
import { pickLocale } from '../../../common/locale'
import { localToday } from '../../model/insight-period'
import { parseDashboardRoute } from '../../model/insight-scope'
import { useStaffSession } from '../../model/use-staff-session'
import { Dashboard } from '../../ui/dashboard/dashboard'
import { goToLogin, staffDeps, staffUrls, switchTo } from '../../platform'
import '../../ui/workbench.css'
import '../../ui/dashboard/dashboard.css'
import './index.css'

/**
 * The insight dashboard (`?period=&from=&to=&trend=&region=&store=&staff=&lang=`). Without a session
 * the login page first; an agent, whose role the metrics do not answer, goes to the queue.
 */
export default function DashboardPage() {
  const { params } = useRouter()
  const locale = useMemo(() => pickLocale(params.lang, undefined), [params.lang])
  // The stores' calendar day: the device's (a manager's phone is where the stores are).
  const today = useMemo(() => localToday(Date.now(), -new Date().getTimezoneOffset()), [])
  const state = useStaffSession(staffDeps().sessions)
  const allowed = state.phase === 'signed-in' && mayReadInsight(state.session.staff.role)
  useEffect(() => {
    if (state.phase === 'signed-out') goToLogin(params.lang, staffUrls.dashboardAsAsked(params))
    else if (state.phase === 'signed-in' && !allowed) switchTo(staffUrls.queue(params.lang))
  }, [state.phase, allowed, params])
  const initial = useMemo(() => (state.phase === 'signed-in' ? parseDashboardRoute(params, today, state.session.staff.scope) : undefined), [state, params, today])
  if (!allowed || !initial || state.phase !== 'signed-in') return null
  return <Dashboard session={state.session} locale={locale} lang={params.lang} initial={initial} today={today} />
}
