import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { pickLocale } from '../../../core/i18n'
import { useStaffSession } from '../../../core/staff/use-staff-session'
import { Workbench } from '../../components/workbench'
import { goToLogin, staffDeps, staffUrls } from '../../platform'
import '../../workbench.css'
import './index.css'

/** One task (staff notices link here): on a phone the task alone, on a desktop beside the queue. */
export default function TaskPage() {
  const { params } = useRouter()
  const locale = useMemo(() => pickLocale(params.lang, undefined), [params.lang])
  const taskId = params.id ? decodeURIComponent(params.id) : undefined
  const state = useStaffSession(staffDeps().sessions)
  useEffect(() => {
    if (state.phase === 'signed-out') goToLogin(params.lang, taskId ? staffUrls.task(taskId, params.lang) : staffUrls.queue(params.lang))
  }, [state.phase, params.lang, taskId])
  if (state.phase !== 'signed-in') return null
  return <Workbench session={state.session} locale={locale} lang={params.lang} page='task' taskId={taskId} />
}
