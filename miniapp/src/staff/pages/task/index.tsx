import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { pickLocale } from '../../../common/locale'
import { parseQueueRoute, routeParams } from '../../model/queue-route'
import { useStaffSession } from '../../model/use-staff-session'
import { Workbench } from '../../ui/workbench'
import { goToLogin, staffDeps, staffUrls } from '../../platform'
import '../../ui/workbench.css'
import './index.css'

/** One task (staff notices link here): on a phone the task alone, on a desktop beside the queue. */
export default function TaskPage() {
  const { params } = useRouter()
  const locale = useMemo(() => pickLocale(params.lang, undefined), [params.lang])
  const { taskId, tab } = routeParams(params)
  const state = useStaffSession(staffDeps().sessions)
  useEffect(() => {
    if (state.phase === 'signed-out') goToLogin(params.lang, taskId ? staffUrls.task(taskId, params.lang, tab) : staffUrls.queue(params.lang, { tab }))
  }, [state.phase, params.lang, taskId, tab])
  if (state.phase !== 'signed-in') return null
  return <Workbench session={state.session} locale={locale} lang={params.lang} page='task' taskId={taskId} initialTab={parseQueueRoute(params, state.session.staff.role).tab} />
}
