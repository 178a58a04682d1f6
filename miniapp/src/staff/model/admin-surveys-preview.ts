import { npsBand, type InvitationView, type Locale, type SurveyDefinition } from '@xinsheng/shared'
import { useCallback, useMemo, useRef, useState } from 'react'
import { localized } from '../../common/locale'
import { EMPTY_ANSWERS } from '../../survey/model/draft-store'
import { textsFor, type SurveyTexts } from '../../survey/model/i18n'
import { isEditable, reasonsForScore, surveyReducer, validateAnswers, type Field, type SurveyEvent, type SurveyState } from '../../survey/model/survey-machine'
import type { SurveyModel } from '../../survey/model/use-survey'

/**
 * The survey's own model (SurveyModel, the survey form's input) driven by the survey's own reducer,
 * with a draft as its definition and nothing behind it: no login, no invitation, no storage, no API.
 * The form answers as it would for a consumer (bands unfold their reasons, CSAT appears, the comment
 * counts to the draft's limit, a submit checks the answers with the survey's rules) but never sends:
 * a valid submit only sets `wouldSend`.
 */
export interface PreviewModel {
  model: SurveyModel
  /** The last submit found the answers valid: the real survey would have sent them. */
  wouldSend: boolean
}

/** The view a consumer's invitation would give for this definition (open, far from expiry). */
export function previewView(survey: SurveyDefinition, storeName: string): InvitationView {
  return { state: 'open', survey, store: { name: storeName }, expiresAt: '2099-12-31T00:00:00.000Z' }
}

/**
 * What a state keeps once the definition changed under it: the reasons still offered for the score,
 * the comment within the new limit; the CSAT answer only while CSAT is asked.
 */
export function fitState(state: SurveyState, view: InvitationView): SurveyState {
  const offered = new Set(reasonsForScore(view.survey, state.answers.nps).map((r) => r.id))
  return {
    ...state,
    view,
    answers: {
      ...state.answers,
      csat: view.survey.csat ? state.answers.csat : undefined,
      reasons: state.answers.reasons.filter((id) => offered.has(id)),
      comment: state.answers.comment.slice(0, view.survey.comment.maxLength),
    },
  }
}

/** The survey's localised message for each field in error (as the survey page shows them). */
export function fieldMessages(state: SurveyState, texts: SurveyTexts): Partial<Record<Field, string>> {
  const max = state.view?.survey.comment.maxLength ?? 500
  return Object.fromEntries(
    Object.entries(state.errors).map(([field, key]) => [field, key === 'commentTooLong' ? texts.errors.commentTooLong(max) : texts.errors[key]]),
  )
}

const opened = (view: InvitationView): SurveyState => surveyReducer({ phase: { name: 'loading' }, answers: EMPTY_ANSWERS, clientResponseId: 'preview', errors: {} }, {
  type: 'OPENED',
  view,
  answers: EMPTY_ANSWERS,
  clientResponseId: 'preview',
})

export function usePreviewSurvey(survey: SurveyDefinition, locale: Locale, storeName: string): PreviewModel {
  const texts = textsFor(locale)
  const view = useMemo(() => previewView(survey, storeName), [survey, storeName])
  const [raw, setRaw] = useState<SurveyState>(() => opened(view))
  const [wouldSend, setWouldSend] = useState(false)
  const state = useMemo(() => fitState(raw, view), [raw, view])
  const current = useRef(state)
  current.current = state

  const dispatch = useCallback((event: SurveyEvent) => {
    setWouldSend(false)
    setRaw(surveyReducer(current.current, event))
  }, [])
  const noop = useCallback(() => undefined, [])

  const reasons = useMemo(
    () => reasonsForScore(state.view!.survey, state.answers.nps).map((r) => ({ id: r.id, label: localized(r.label, locale), selected: state.answers.reasons.includes(r.id) })),
    [state, locale],
  )
  const model: SurveyModel = {
    state,
    texts,
    locale,
    band: state.answers.nps === undefined ? undefined : npsBand(state.answers.nps),
    reasons,
    messages: fieldMessages(state, texts),
    editable: isEditable(state),
    canSubmit: isEditable(state) && state.answers.nps !== undefined,
    subscribeStatus: 'idle',
    // The preview never reaches a thank-you page: no callback notice to offer.
    canNotify: false,
    fromNotice: false,
    chooseScore: (nps) => dispatch({ type: 'SCORE_CHOSEN', nps }),
    toggleReason: (reasonId) => dispatch({ type: 'REASON_TOGGLED', reasonId }),
    chooseCsat: (csat) => dispatch({ type: 'CSAT_CHOSEN', csat }),
    changeComment: (comment) => dispatch({ type: 'COMMENT_CHANGED', comment }),
    submit: () => {
      const { errors } = validateAnswers(survey, current.current.answers)
      dispatch({ type: 'INVALID', errors })
      setWouldSend(Object.keys(errors).length === 0)
    },
    // The preview never leaves the answering phase: nothing to retry, show again, save or subscribe to.
    retry: noop,
    onShow: noop,
    onHide: noop,
    requestNotify: noop,
  }
  return { model, wouldSend }
}
