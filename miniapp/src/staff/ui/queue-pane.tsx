import { Text, View } from '@tarojs/components'
import type { TaskSummary } from '@xinsheng/shared'
import type { ReactNode } from 'react'
import { landmark } from '../../common/a11y'
import { ActionButton } from '../../common/controls'
import type { StaffTexts } from '../model/i18n'
import type { QueueTab } from '../model/permissions'
import type { QueueModel } from '../model/use-queue'
import { PriorityBadge, ScoreChip, SlaClock } from './badges'

const isH5 = process.env.TARO_ENV === 'h5'

export interface QueuePaneProps {
  texts: StaffTexts
  tabs: QueueTab[]
  tab: QueueTab
  onTab: (tab: QueueTab) => void
  queue: QueueModel
  now: number
  selectedId?: string
  onOpen: (taskId: string) => void
}

/** The queue: tabs (mine / open / escalated …), then the tasks first due first. */
export function QueuePane({ texts, tabs, tab, onTab, queue, now, selectedId, onOpen }: QueuePaneProps) {
  return (
    <View className='sb-queue' data-testid='queue-pane' {...(isH5 ? { role: 'region', 'aria-labelledby': 'queue-title' } : {})}>
      <View className='sb-queue-head'>
        <Text id='queue-title' className='sb-pane-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
          {texts.queue.label}
        </Text>
        <ActionButton kind='link' onTap={queue.refresh} busy={queue.refreshing} testId='refresh-button'>
          {texts.queue.refresh}
        </ActionButton>
      </View>
      <Tabs texts={texts} tabs={tabs} tab={tab} onTab={onTab} />
      <View className='sb-tabpanel' data-testid='queue-list' data-tab={tab} data-phase={queue.phase} {...(isH5 ? { id: 'queue-panel', role: 'tabpanel', 'aria-labelledby': `tab-${tab}` } : {})}>
        {queue.error && (
          <Text className='sb-error' data-testid='queue-error' {...landmark('alert')}>
            {queue.error}
          </Text>
        )}
        {queue.phase === 'loading' ? (
          <Text className='sb-muted sb-empty' {...landmark('status')}>{texts.queue.loading}</Text>
        ) : queue.items.length === 0 && queue.phase === 'ready' ? (
          <Text className='sb-muted sb-empty' data-testid='queue-empty'>{texts.queue.empty[tab]}</Text>
        ) : (
          <List>
            {queue.items.map((task) => (
              <QueueRow key={task.taskId} task={task} texts={texts} now={now} fetchedAt={queue.fetchedAt} selected={task.taskId === selectedId} onOpen={onOpen} />
            ))}
          </List>
        )}
        {queue.hasMore && (
          <View className='sb-more'>
            <ActionButton kind='secondary' onTap={queue.loadMore} busy={queue.refreshing} testId='load-more'>
              {texts.queue.loadMore}
            </ActionButton>
          </View>
        )}
      </View>
    </View>
  )
}

function Tabs({ texts, tabs, tab, onTab }: { texts: StaffTexts; tabs: QueueTab[]; tab: QueueTab; onTab: (tab: QueueTab) => void }) {
  if (isH5) {
    return (
      <div className='sb-tabs' role='tablist' aria-label={texts.tabsLabel}>
        {tabs.map((t) => (
          <button
            key={t}
            id={`tab-${t}`}
            type='button'
            role='tab'
            aria-selected={t === tab}
            aria-controls='queue-panel'
            tabIndex={t === tab ? 0 : -1}
            className={`sb-tab${t === tab ? ' is-active' : ''}`}
            onClick={() => onTab(t)}
            onKeyDown={(e) => {
              // Arrow keys move between tabs, as a tablist does.
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
              if (!step) return
              const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length]
              onTab(next)
              ;(document.getElementById(`tab-${next}`) as HTMLElement | null)?.focus()
            }}
            data-testid={`tab-${t}`}
          >
            {texts.tabs[t]}
          </button>
        ))}
      </div>
    )
  }
  return (
    <View className='sb-tabs' {...({ ariaRole: 'tablist', ariaLabel: texts.tabsLabel } as object)}>
      {tabs.map((t) => (
        <View
          key={t}
          className={`sb-tab${t === tab ? ' is-active' : ''}`}
          onClick={() => onTab(t)}
          data-testid={`tab-${t}`}
          {...({ ariaRole: 'tab', ariaSelected: t === tab } as object)}
        >
          {texts.tabs[t]}
        </View>
      ))}
    </View>
  )
}

function List({ children }: { children: ReactNode }) {
  return isH5 ? <ul className='sb-list'>{children}</ul> : <View className='sb-list'>{children}</View>
}

function QueueRow({ task, texts, now, fetchedAt, selected, onOpen }: { task: TaskSummary; texts: StaffTexts; now: number; fetchedAt: number; selected: boolean; onOpen: (id: string) => void }) {
  const content = (
    <>
      <Text className='sb-row-line'>
        <PriorityBadge priority={task.priority} texts={texts} />
        <ScoreChip nps={task.nps} texts={texts} />
        <Text className='sb-row-store'>{task.storeName ?? task.storeId}</Text>
        <SlaClock task={task} now={now} fetchedAt={fetchedAt} texts={texts} />
      </Text>
      {/* The first line of the comment, as text: whatever the customer typed is never markup. */}
      <Text className={`sb-row-comment${task.commentPreview ? '' : ' sb-muted'}`} data-testid='row-comment'>
        {task.commentPreview ?? texts.queue.noComment}
      </Text>
      <Text className='sb-row-meta'>
        {texts.status[task.status]}
        {task.assignee ? ` · ${texts.queue.assignedTo(task.assignee)}` : ''}
      </Text>
    </>
  )
  const cls = `sb-row${selected ? ' is-selected' : ''}${task.breached ? ' is-breached' : ''}`
  if (isH5) {
    return (
      <li className='sb-list-item'>
        <button type='button' className={cls} aria-current={selected ? 'true' : undefined} onClick={() => onOpen(task.taskId)} data-testid='queue-row' data-task-id={task.taskId}>
          {content}
        </button>
      </li>
    )
  }
  return (
    <View className={cls} onClick={() => onOpen(task.taskId)} data-testid='queue-row' data-task-id={task.taskId} {...({ ariaRole: 'button' } as object)}>
      {content}
    </View>
  )
}
