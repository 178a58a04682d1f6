import { Text, View } from '@tarojs/components'
import { ZAttemptResult, ZResolveOutcome, type TaskDetail, type TimelineEntry } from '@xinsheng/shared'
import type { ReactNode } from 'react'
import { landmark } from '../../common/a11y'
import { ActionButton } from '../../common/controls'
import { formatDateTime } from '../model/countdown'
import { ROOT_CAUSES, type StaffTexts } from '../model/i18n'
import type { TaskModel } from '../model/use-task'
import { PriorityBadge, ScoreChip, SlaClock } from './badges'
import { FieldError, NoteField, RadioChips, Section } from './fields'

const isH5 = process.env.TARO_ENV === 'h5'

export interface TaskPaneProps {
  texts: StaffTexts
  model: TaskModel
  now: number
  /** Phone layout: a link back to the queue. */
  onBack?: () => void
  /** weapp: dial the number once revealed. */
  onDial: (phone: string) => void
}

/** The task: the customer's answer, the steps in the order an agent takes them, the timeline. */
export function TaskPane({ texts, model, now, onBack, onDial }: TaskPaneProps) {
  const { task, phase } = model
  return (
    <View className='sb-task' data-testid='task-pane' data-phase={phase} {...(isH5 ? { role: 'region', 'aria-labelledby': 'task-title' } : {})}>
      {onBack && (
        <View className='sb-back'>
          <ActionButton kind='link' onTap={onBack} testId='back-button'>
            {`‹ ${texts.detail.back}`}
          </ActionButton>
        </View>
      )}
      {phase === 'idle' && (
        <Text id='task-title' className='sb-muted sb-empty' data-testid='task-placeholder'>
          {texts.detail.placeholder}
        </Text>
      )}
      {phase === 'loading' && (
        <Text id='task-title' className='sb-muted sb-empty' {...landmark('status')}>
          {texts.detail.loading}
        </Text>
      )}
      {phase === 'error' && (
        <View className='sb-card'>
          <Text id='task-title' className='sb-error' data-testid='task-error' {...landmark('alert')}>
            {model.error}
          </Text>
          <View className='sb-actions-row'>
            <ActionButton kind='secondary' onTap={model.reload}>{texts.queue.refresh}</ActionButton>
          </View>
        </View>
      )}
      {phase === 'ready' && task && <TaskBody task={task} texts={texts} model={model} now={now} onDial={onDial} />}
    </View>
  )
}

function TaskBody({ task, texts, model, now, onDial }: { task: TaskDetail; texts: StaffTexts; model: TaskModel; now: number; onDial: (phone: string) => void }) {
  const d = texts.detail
  return (
    <View className='sb-task-body' data-task-id={task.taskId} data-status={task.status}>
      <View className='sb-card sb-task-head'>
        <Text id='task-title' className='sb-task-title' data-testid='task-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
          {task.store.name}
        </Text>
        <View className='sb-row-line'>
          <PriorityBadge priority={task.priority} texts={texts} />
          <Text className='sb-badge sb-status' data-testid='task-status'>{texts.status[task.status]}</Text>
          <SlaClock task={task} now={now} fetchedAt={now} texts={texts} />
        </View>
        <Text className='sb-muted sb-small'>
          {texts.sla.dueAt(formatDateTime(task.dueAt, now))}
          {task.assignee ? ` · ${d.assignee}：${task.assignee}` : ''}
        </Text>
      </View>

      <Section title={d.answer} id='answer-title' testId='answer'>
        <View className='sb-answer-scores'>
          <ScoreChip nps={task.answers.nps} texts={texts} large />
          {task.answers.csat !== undefined && <Text className='sb-csat' data-testid='csat'>{`${d.csat} ${task.answers.csat}/5`}</Text>}
        </View>
        {!!task.answers.reasons?.length && (
          <View className='sb-reasons' data-testid='reasons'>
            {task.answers.reasons.map((id) => (
              <Text key={id} className='sb-reason'>{texts.reasons[id] ?? id}</Text>
            ))}
          </View>
        )}
        {/* The comment as text, never as markup: React escapes it, and nothing here sets inner HTML. */}
        <Text className={`sb-comment${task.answers.comment ? '' : ' sb-muted'}`} data-testid='task-comment'>
          {task.answers.comment || texts.queue.noComment}
        </Text>
        <Facts
          rows={[
            [d.store, task.store.name],
            [d.staff, task.staffId ?? '—'],
            [d.order, task.orderId],
            [d.touchpoint, texts.touchpoints[task.touchpoint] ?? task.touchpoint],
            [d.submittedAt, formatDateTime(task.submittedAt, now)],
            [d.phone, <PhoneValue key='phone' task={task} model={model} texts={texts} onDial={onDial} />],
            ...(task.outcome ? [[d.outcome, texts.actions.outcomes[task.outcome]] as [string, ReactNode]] : []),
            ...(task.rootCause ? [[d.rootCause, texts.actions.rootCauses[task.rootCause as keyof StaffTexts['actions']['rootCauses']] ?? task.rootCause] as [string, ReactNode]] : []),
          ]}
        />
      </Section>

      <Section title={d.actions} id='actions-title' testId='actions'>
        <Steps task={task} texts={texts} model={model} onDial={onDial} />
      </Section>

      <Section title={d.timeline} id='timeline-title' testId='timeline'>
        <Timeline entries={task.timeline} texts={texts} now={now} />
      </Section>
    </View>
  )
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  if (isH5) {
    return (
      <dl className='sb-facts'>
        {rows.map(([label, value]) => (
          <div key={label} className='sb-fact'>
            <dt className='sb-fact-label'>{label}</dt>
            <dd className='sb-fact-value'>{value}</dd>
          </div>
        ))}
      </dl>
    )
  }
  return (
    <View className='sb-facts'>
      {rows.map(([label, value]) => (
        <View key={label} className='sb-fact'>
          <Text className='sb-fact-label'>{label}</Text>
          <View className='sb-fact-value'>{value}</View>
        </View>
      ))}
    </View>
  )
}

function PhoneValue({ task, model, texts, onDial }: { task: TaskDetail; model: TaskModel; texts: StaffTexts; onDial: (phone: string) => void }) {
  if (!task.phoneMasked) return <Text className='sb-muted'>{texts.detail.noPhone}</Text>
  if (!model.phone) return <Text data-testid='phone-masked'>{task.phoneMasked}</Text>
  return (
    <Text className='sb-phone'>
      {isH5 ? (
        <a className='sb-phone-link' href={`tel:${model.phone}`} data-testid='phone-revealed'>
          {model.phone}
        </a>
      ) : (
        <Text className='sb-phone-link' data-testid='phone-revealed' onClick={() => onDial(model.phone!)}>
          {model.phone}
        </Text>
      )}
    </Text>
  )
}

function Steps({ task, texts, model, onDial }: { task: TaskDetail; texts: StaffTexts; model: TaskModel; onDial: (phone: string) => void }) {
  const { actions, busy } = model
  const a = texts.actions
  const any = Object.values(actions).some(Boolean)
  return (
    <View className='sb-steps'>
      {model.stepError && <FieldError text={model.stepError} testId='step-error' />}
      {model.done && !model.stepError && (
        <Text className='sb-done' data-testid='step-done' {...landmark('status')}>
          {model.done === 'attempt' ? a.attemptLogged : model.done === 'resolve' ? a.resolved : ''}
        </Text>
      )}
      {!any && <Text className='sb-muted'>{task.status === 'resolved' ? texts.status.resolved : a.readOnly}</Text>}

      {actions.claim && (
        <View className='sb-step'>
          <ActionButton kind='primary' onTap={model.claim} busy={busy === 'claim'} disabled={!!busy} testId='claim-button'>
            {a.claim}
          </ActionButton>
          <Text className='sb-muted sb-small'>{a.claimFirst}</Text>
        </View>
      )}

      {actions.call && (
        <View className='sb-step'>
          {model.phone ? (
            // h5: a tel: link that looks like the button; weapp: the button dials.
            <ActionButton kind='secondary' href={`tel:${model.phone}`} onTap={() => onDial(model.phone!)} testId='call-link'>
              {`${a.call} ${model.phone}`}
            </ActionButton>
          ) : (
            <ActionButton
              kind='secondary'
              busy={busy === 'reveal'}
              disabled={!!busy}
              onTap={() => {
                void model.reveal().then((phone) => phone && onDial(phone))
              }}
              testId='reveal-button'
            >
              {a.reveal}
            </ActionButton>
          )}
          {model.phone && <Text className='sb-muted sb-small'>{a.phoneRevealedHint}</Text>}
        </View>
      )}

      {actions.attempt && (
        <View className='sb-step sb-form' data-testid='attempt-form'>
          <Text id='attempt-title' className='sb-step-title'>{a.attemptTitle}</Text>
          <RadioChips
            name='attempt-result'
            labelledBy='attempt-title'
            options={ZAttemptResult.options.map((result) => ({ value: result, label: a.results[result] }))}
            value={model.attempt.result}
            onSelect={(result) => model.setAttempt({ result })}
            error={model.fieldErrors.attemptResult}
            testId='attempt-results'
            testPrefix='result'
          />
          <NoteField id='attempt-note' label={a.note} value={model.attempt.note} onChange={(note) => model.setAttempt({ note })} testId='attempt-note' />
          <ActionButton kind='primary' onTap={model.logAttempt} busy={busy === 'attempt'} disabled={!!busy} testId='attempt-button'>
            {a.logAttempt}
          </ActionButton>
        </View>
      )}

      {actions.resolve && (
        <View className='sb-step sb-form' data-testid='resolve-form'>
          <Text id='outcome-title' className='sb-step-title'>{a.resolveTitle}</Text>
          <RadioChips
            name='outcome'
            labelledBy='outcome-title'
            options={ZResolveOutcome.options.map((outcome) => ({ value: outcome, label: a.outcomes[outcome] }))}
            value={model.resolution.outcome}
            onSelect={(outcome) => model.setResolution({ outcome })}
            error={model.fieldErrors.outcome}
            testId='outcomes'
            testPrefix='outcome'
          />
          <Text id='root-cause-title' className='sb-label'>{a.rootCauseLabel}</Text>
          <RadioChips
            name='root-cause'
            labelledBy='root-cause-title'
            options={ROOT_CAUSES.map((cause) => ({ value: cause, label: a.rootCauses[cause] }))}
            value={model.resolution.rootCause}
            onSelect={(rootCause) => model.setResolution({ rootCause })}
            error={model.fieldErrors.rootCause}
            testId='root-causes'
            testPrefix='cause'
          />
          <NoteField id='resolve-note' label={a.note} value={model.resolution.note} onChange={(note) => model.setResolution({ note })} testId='resolve-note' />
          <ActionButton kind='primary' onTap={model.resolve} busy={busy === 'resolve'} disabled={!!busy} testId='resolve-button'>
            {a.resolve}
          </ActionButton>
        </View>
      )}

      {actions.assign && (
        <View className='sb-step sb-form' data-testid='assign-form'>
          <Text id='assign-title' className='sb-step-title'>{a.assignTo}</Text>
          {model.assigneesError && <FieldError text={model.assigneesError} />}
          {model.assignees?.length === 0 && <Text className='sb-muted sb-small'>{a.noAssignees}</Text>}
          {!!model.assignees?.length && (
            <>
              <RadioChips
                name='assign-to'
                labelledBy='assign-title'
                options={model.assignees.map((candidate) => ({ value: candidate.staffId, label: `${candidate.name} · ${texts.roles[candidate.role]}` }))}
                value={model.assignTo || undefined}
                onSelect={model.setAssignTo}
                error={model.fieldErrors.assignTo}
                testId='assignees'
                testPrefix='assignee'
              />
              <ActionButton kind='secondary' onTap={model.assign} busy={busy === 'assign'} disabled={!!busy} testId='assign-button'>
                {a.assign}
              </ActionButton>
            </>
          )}
        </View>
      )}

      {actions.reopen && (
        <View className='sb-step sb-form' data-testid='reopen-form'>
          <Text className='sb-step-title'>{a.reopenTitle}</Text>
          <NoteField id='reopen-note' label={a.note} value={model.reopenNote} onChange={model.setReopenNote} testId='reopen-note' />
          <ActionButton kind='secondary' onTap={model.reopen} busy={busy === 'reopen'} disabled={!!busy} testId='reopen-button'>
            {a.reopen}
          </ActionButton>
        </View>
      )}
    </View>
  )
}

function Timeline({ entries, texts, now }: { entries: TimelineEntry[]; texts: StaffTexts; now: number }) {
  const items = entries.map((entry, i) => {
    const note = 'note' in entry && entry.note ? entry.note : undefined
    const body = (
      <>
        <Text className='sb-timeline-when'>{formatDateTime(entry.at, now)}</Text>
        <Text className='sb-timeline-what' data-testid='timeline-entry' data-type={entry.type}>
          {texts.timeline(entry, texts)}
        </Text>
        {entry.by && <Text className='sb-timeline-who'>{entry.by.name ?? entry.by.staffId}</Text>}
        {note && <Text className='sb-timeline-note'>{note}</Text>}
      </>
    )
    return isH5 ? (
      <li key={i} className='sb-timeline-item'>
        {body}
      </li>
    ) : (
      <View key={i} className='sb-timeline-item'>
        {body}
      </View>
    )
  })
  return isH5 ? <ol className='sb-timeline'>{items}</ol> : <View className='sb-timeline'>{items}</View>
}
