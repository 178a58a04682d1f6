import { View } from '@tarojs/components'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { mayReadInsight, type Locale, type TaskDetail } from '@xinsheng/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { landmark } from '../../common/a11y'
import { StaffHeader } from './staff-header'
import { ActionButton } from '../../common/controls'
import { staffTextsFor } from '../model/i18n'
import { defaultTab, queueTabs, type QueueTab } from '../model/permissions'
import type { StaffSession } from '../model/staff-session'
import { useNow } from '../model/use-now'
import { useQueue } from '../model/use-queue'
import { useTask } from '../model/use-task'
import { backToQueue, dial, goToLogin, openTask, replaceAddress, setTitle, staffDeps, staffUrls, switchTo, useWideLayout } from '../platform'
import { QueuePane } from './queue-pane'
import { TaskPane } from './task-pane'


export interface WorkbenchProps {
  session: StaffSession
  locale: Locale
  /** `?lang=` as the page got it, passed on to the pages it opens. */
  lang?: string
  /** The queue page (phone: the list) or the task page (phone: one task). On a desktop both show both. */
  page: 'queue' | 'task'
  taskId?: string
  /** The tab from the address (`&tab=`, already checked against the role's tabs). */
  initialTab?: QueueTab
}

/** The agent's screen: the queue and the task; side by side at ≥ 1024 px, one at a time on a phone. */
export function Workbench({ session, locale, lang, page, taskId, initialTab }: WorkbenchProps) {
  const texts = staffTextsFor(locale)
  const { api, sessions } = staffDeps()
  const wide = useWideLayout()
  const now = useNow()
  const tabs = useMemo(() => queueTabs(session.staff.role), [session.staff.role])
  const [tab, setTab] = useState<QueueTab>(() => initialTab ?? defaultTab(session.staff.role))
  const [selectedId, setSelectedId] = useState(taskId)
  useEffect(() => setSelectedId(taskId), [taskId])
  /** The id the queue page's address brought: if it is not this agent's to see, it is just dropped. */
  const fromAddress = useRef(page === 'queue' ? taskId : undefined)
  const onUnavailable = useCallback((id: string) => {
    if (id !== fromAddress.current) return false
    fromAddress.current = undefined
    setSelectedId(undefined)
    return true
  }, [])

  // Where the agent is: the address on a desktop (a reload or a copied link shows the same), and where a login returns to.
  const role = session.staff.role
  const here = page === 'task' && selectedId ? staffUrls.task(selectedId, lang, tab, role) : staffUrls.queue(lang, { taskId: wide ? selectedId : undefined, tab }, role)
  const [shown, setShown] = useState(true)
  useEffect(() => {
    // Only the page on the screen writes the address (a phone's queue page stays mounted under the task page).
    if (wide && shown) replaceAddress(here)
  }, [wide, shown, here])
  const hereRef = useRef(here)
  hereRef.current = here
  const onSignedOut = useCallback(() => goToLogin(lang, hereRef.current, 'expired'), [lang])

  const showQueue = wide || page === 'queue'
  const showTask = wide || page === 'task'
  const queue = useQueue(session, tab, texts, { api, sessions, onSignedOut, enabled: showQueue })
  const refreshQueue = queue.refresh
  const me = session.staff.staffId
  const onChanged = useCallback(
    (changed: TaskDetail) => {
      // A task just claimed leaves the open list: follow it to "mine", where it is worked.
      if (changed.status === 'in_progress' && changed.assignee === me && tab === 'open' && tabs.includes('mine')) setTab('mine')
      else refreshQueue()
    },
    [me, tab, tabs, refreshQueue],
  )
  const task = useTask(session, showTask ? selectedId : undefined, texts, { api, sessions, onSignedOut, onChanged, onUnavailable })

  const setActive = queue.setActive
  useDidShow(() => {
    setActive(true)
    setShown(true)
  })
  useDidHide(() => {
    setActive(false)
    setShown(false)
  })

  useEffect(() => setTitle(texts.title, locale), [texts.title, locale])

  const open = (id: string) => {
    fromAddress.current = undefined
    if (wide) setSelectedId(id)
    else openTask(id, lang)
  }

  return (
    <View className={`sb-page${wide ? ' sb-wide' : ''}`} data-testid='workbench' data-layout={wide ? 'wide' : 'narrow'} {...landmark('main')}>
      <StaffHeader title={texts.title} session={session} texts={texts} lang={lang}>
        {mayReadInsight(role) && (
          <ActionButton kind='link' onTap={() => switchTo(staffUrls.dashboard(lang))} testId='to-dashboard'>
            {texts.dashboard.toDashboard}
          </ActionButton>
        )}
      </StaffHeader>
      <View className='sb-columns'>
        {showQueue && <QueuePane texts={texts} tabs={tabs} tab={tab} onTab={setTab} queue={queue} now={now} selectedId={wide ? selectedId : undefined} onOpen={open} />}
        {showTask && <TaskPane texts={texts} model={task} now={now} onBack={wide ? undefined : () => backToQueue(lang)} onDial={dial} />}
      </View>
    </View>
  )
}
