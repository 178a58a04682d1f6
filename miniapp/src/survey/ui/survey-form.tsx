import { Text, View } from '@tarojs/components'
import { localized } from '../../common/locale'
import type { SurveyModel } from '../model/use-survey'
import { heading, landmark } from '../../common/a11y'
import { ActionButton, Chips, TextEntry } from '../../common/controls'
import { ScoreScale } from './score-scale'
import { StarRating } from './star-rating'
import './survey.css'

/**
 * The survey's questions and its submit bar, drawn from a SurveyModel: the survey page's (an
 * invitation) and the admin console's preview of a draft (staff/model/admin-surveys-preview.ts).
 */
export function SurveyForm({ model }: { model: SurveyModel }) {
  const { state, texts, locale, band, messages, editable } = model
  const view = state.view
  if (!view) return null
  const { survey, store } = view
  const { answers, phase } = state
  const busy = phase.name === 'submitting' || phase.name === 'retry-wait'
  const maxLength = survey.comment.maxLength
  return (
    <View className='xs-form'>
      <View className='xs-card xs-header'>
        <Text className='xs-survey-title'>{localized(survey.title, locale)}</Text>
        <Text className='xs-context' data-testid='store-name' {...heading(1)}>
          {texts.context(store.name)}
        </Text>
      </View>

      <View className='xs-card'>
        <Text id='nps-question' className='xs-question'>{localized(survey.nps.question, locale)}</Text>
        <ScoreScale
          labelledBy='nps-question'
          value={answers.nps}
          disabled={!editable}
          lowLabel={localized(survey.nps.lowLabel, locale)}
          highLabel={localized(survey.nps.highLabel, locale)}
          onChoose={model.chooseScore}
        />
        {messages.nps && <Text className='xs-error' {...landmark('alert')} data-testid='error-nps'>{messages.nps}</Text>}
      </View>

      {band && (
        <View className='xs-unfold'>
          {model.reasons.length > 0 && (
            <View className='xs-card'>
              <Text id='reasons-question' className='xs-question'>
                {localized(survey.reasons.question[band], locale)}
              </Text>
              <Text className='xs-hint'>{texts.reasonsHint}</Text>
              <Chips
                type='checkbox'
                labelledBy='reasons-question'
                options={model.reasons.map((reason) => ({ value: reason.id, label: reason.label, checked: reason.selected }))}
                disabled={!editable}
                onSelect={model.toggleReason}
                className='xs-reasons'
                testId='reason-chips'
                testPrefix='reason'
              />
              {messages.reasons && <Text className='xs-error' {...landmark('alert')} data-testid='error-reasons'>{messages.reasons}</Text>}
            </View>
          )}

          {survey.csat && (
            <View className='xs-card'>
              <Text id='csat-question' className='xs-question'>{localized(survey.csat.question, locale)}</Text>
              <View className='xs-stars-line'>
                <StarRating labelledBy='csat-question' value={answers.csat} disabled={!editable} onChoose={model.chooseCsat} />
                <Text className='xs-hint' data-testid='csat-caption'>
                  {answers.csat ? texts.csatCaptions[answers.csat - 1] : ''}
                </Text>
              </View>
              {messages.csat && <Text className='xs-error' {...landmark('alert')} data-testid='error-csat'>{messages.csat}</Text>}
            </View>
          )}

          <View className='xs-card'>
            <Text id='comment-label' className='xs-question'>{texts.commentLabel}</Text>
            <TextEntry
              id='comment'
              multiline
              rows={4}
              quiet
              labelledBy='comment-label'
              describedBy='comment-counter'
              value={answers.comment}
              maxLength={maxLength}
              placeholder={localized(survey.comment.placeholder, locale)}
              disabled={!editable}
              onChange={model.changeComment}
              // weapp: the fixed submit bar sits under the keyboard; keep the caret clear of it without moving the page.
              cursorSpacing={96}
              testId='comment-input'
            />
            <Text id='comment-counter' className='xs-counter' data-testid='comment-counter'>
              {texts.commentCounter(answers.comment.length, maxLength)}
            </Text>
            {messages.comment && <Text className='xs-error' {...landmark('alert')} data-testid='error-comment'>{messages.comment}</Text>}
          </View>
        </View>
      )}

      {/* In the flow and sticky: always in view at the bottom, and nothing needs padding to clear it. */}
      <View className='xs-footer'>
        {phase.name === 'retry-wait' && (
          <View className='xs-footer-note xs-pending' data-testid='pending-banner' {...landmark('status')}>
            <Text className='xs-pending-text'>
              <Text className='xs-pending-title'>{texts.pending.title}</Text> {texts.pending.body}
            </Text>
            <ActionButton kind='link' onTap={model.retry} testId='retry-button'>{texts.pending.retryNow}</ActionButton>
          </View>
        )}
        {messages.form && <Text className='xs-error xs-form-error' {...landmark('alert')} data-testid='error-form'>{messages.form}</Text>}
        {answers.nps === undefined && <Text className='xs-hint xs-footer-hint'>{texts.chooseScoreFirst}</Text>}
        <ActionButton kind='primary' block disabled={!model.canSubmit} busy={busy} onTap={model.submit} testId='submit-button'>
          {texts.submit}
        </ActionButton>
      </View>
    </View>
  )
}
