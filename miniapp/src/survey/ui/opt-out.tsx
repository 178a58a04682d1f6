import { Text, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import { landmark } from '../../common/a11y'
import { ActionButton } from '../../common/controls'
import type { SurveyTexts } from '../model/i18n'
import type { OptOutModel, OptOutStatus } from '../model/use-opt-out'

export interface OptOutProps {
  model: OptOutModel
  texts: SurveyTexts['optOut']
  /** The label of the retry after a failure (the survey's "重试"). */
  retryLabel: string
}

/** h5: where the keyboard focus goes when the step changes (the control that was focused is gone). */
const FOCUS_AFTER: Partial<Record<OptOutStatus, string>> = {
  idle: 'button',
  confirming: '.xs-optout-question',
  done: '.xs-optout-result',
  failed: '.xs-optout-result',
}

/**
 * "不再邀请我", under the card of a survey that is over: a quiet link, then the question with
 * confirm / cancel, then what happened (a live status), with a retry after a failure.
 */
export function OptOut({ model, texts, retryLabel }: OptOutProps) {
  const { status } = model
  const root = useRef<HTMLElement>(null)
  const shown = useRef(status)
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || shown.current === status) return
    shown.current = status
    const selector = FOCUS_AFTER[status]
    if (selector) root.current?.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true })
  }, [status])

  const busy = status === 'busy'
  const result = status === 'done' ? texts.done : status === 'failed' ? texts.failed : ''
  const focusable = process.env.TARO_ENV === 'h5' ? { tabIndex: -1 } : {}
  return (
    <View className='xs-optout' data-testid='opt-out' data-status={status} ref={root as never}>
      {status === 'idle' && (
        <ActionButton kind='link' onTap={model.ask} testId='opt-out-button'>
          {texts.ask}
        </ActionButton>
      )}
      {(status === 'confirming' || busy) && (
        <View className='xs-optout-confirm' {...(process.env.TARO_ENV === 'h5' ? { role: 'group', 'aria-labelledby': 'opt-out-question' } : {})}>
          <Text id='opt-out-question' className='xs-optout-question' {...focusable}>
            {texts.question}
          </Text>
          <View className='xs-optout-actions'>
            <ActionButton kind='secondary' busy={busy} disabled={busy} onTap={model.confirm} testId='opt-out-confirm'>
              {texts.confirm}
            </ActionButton>
            <ActionButton kind='link' disabled={busy} onTap={model.cancel} testId='opt-out-cancel'>
              {texts.cancel}
            </ActionButton>
          </View>
        </View>
      )}
      {/* Always there (empty until there is something to say), so screen readers announce the change. */}
      <Text className='xs-optout-result' data-testid='opt-out-result' {...landmark('status')} {...focusable}>
        {result}
      </Text>
      {status === 'failed' && (
        <ActionButton kind='secondary' onTap={model.confirm} testId='opt-out-retry'>
          {retryLabel}
        </ActionButton>
      )}
    </View>
  )
}
