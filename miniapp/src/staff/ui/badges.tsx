import { Text } from '@tarojs/components'
import { npsBand, type TaskPriority, type TaskSummary } from '@xinsheng/shared'
import { formatDuration, slaState } from '../model/countdown'
import type { StaffTexts } from '../model/i18n'

export function PriorityBadge({ priority, texts }: { priority: TaskPriority; texts: StaffTexts }) {
  return <Text className={`sb-badge sb-priority-${priority}`} data-testid='priority-badge'>{texts.priority[priority]}</Text>
}

/** The NPS score in its band's colour (red detractor, amber passive, green promoter). */
export function ScoreChip({ nps, texts, large }: { nps: number; texts: StaffTexts; large?: boolean }) {
  return (
    <Text className={`sb-score sb-score-${npsBand(nps)}${large ? ' sb-score-large' : ''}`} data-testid='score-chip'>
      {texts.score(nps)}
    </Text>
  )
}

/** Time left on the first-contact SLA, ticking with `now`; red once breached. */
export function SlaClock({ task, now, fetchedAt, texts }: { task: Pick<TaskSummary, 'status' | 'dueAt' | 'breached'> & { firstContactAt?: string }; now: number; fetchedAt: number; texts: StaffTexts }) {
  const state = slaState(task, now, fetchedAt)
  const text =
    state.kind === 'due'
      ? texts.sla.dueIn(formatDuration(state.ms, texts.units))
      : state.kind === 'breached'
        ? texts.sla.overdue(formatDuration(state.ms, texts.units))
        : state.kind === 'met'
          ? texts.sla.met
          : texts.sla.closed
  return (
    <Text className={`sb-sla sb-sla-${state.kind}`} data-testid='sla-clock' data-sla={state.kind}>
      {text}
    </Text>
  )
}
