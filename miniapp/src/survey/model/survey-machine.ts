import {
  answerIssues,
  npsBand,
  ZAnswers,
  type Answers,
  type FollowUp,
  type InvitationView,
  type ResponseCreated,
  type ScoreBand,
  type SurveyDefinition,
} from '@xinsheng/shared'
import { EMPTY_ANSWERS, type DraftAnswers } from './draft-store'

/** A field the page can show a message under; `form` is for what belongs to no one field. */
export type Field = 'nps' | 'csat' | 'reasons' | 'comment' | 'form'
export type ValidationMessage = 'npsRequired' | 'csatRequired' | 'reasonNotOffered' | 'commentTooLong' | 'invalid'
export type FieldErrors = Partial<Record<Field, ValidationMessage>>

export type Phase =
  | { name: 'loading' }
  | { name: 'invalid-link' }
  | { name: 'expired' }
  | { name: 'not-yours' }
  /** No way to log in here (the h5 build outside the local stage). */
  | { name: 'unsupported' }
  | { name: 'load-failed'; reason: 'network' | 'server' }
  | { name: 'answering' }
  | { name: 'submitting'; attempt: number }
  /** A submit got no answer (or a 5xx/429): waiting to send it again, unchanged. */
  | { name: 'retry-wait'; attempt: number; retryAt: number }
  /** followUp: whether (and within how long) the store calls back — the server's word, or needsCallback when it sent none. */
  | { name: 'thank-you'; band: ScoreBand; followUp: FollowUp; alreadyAnswered: boolean }

export interface SurveyState {
  phase: Phase
  view?: InvitationView
  answers: DraftAnswers
  clientResponseId: string
  errors: FieldErrors
}

export type SurveyEvent =
  | { type: 'LOAD_STARTED' }
  | { type: 'OPENED'; view: InvitationView; answers: DraftAnswers; clientResponseId: string }
  | { type: 'CLOSED'; phase: Extract<Phase, { name: 'invalid-link' | 'expired' | 'not-yours' | 'unsupported' | 'load-failed' }> }
  | { type: 'ALREADY_ANSWERED'; band: ScoreBand; followUp: FollowUp; view?: InvitationView }
  | { type: 'SCORE_CHOSEN'; nps: number }
  | { type: 'REASON_TOGGLED'; reasonId: string }
  | { type: 'CSAT_CHOSEN'; csat: number }
  | { type: 'COMMENT_CHANGED'; comment: string }
  | { type: 'INVALID'; errors: FieldErrors }
  | { type: 'SUBMIT_STARTED'; attempt: number }
  | { type: 'SUBMIT_DEFERRED'; attempt: number; retryAt: number }
  | { type: 'SUBMITTED'; result: ResponseCreated }

export function initialSurveyState(clientResponseId: string): SurveyState {
  return { phase: { name: 'loading' }, answers: EMPTY_ANSWERS, clientResponseId, errors: {} }
}

/** While a submit is under way or waiting to be retried the answers are frozen: a retry must send what was sent. */
export function isEditable(state: SurveyState): boolean {
  return state.phase.name === 'answering'
}

/** The reason options for the chosen score's band (none before a score). */
export function reasonsForScore(survey: SurveyDefinition, nps: number | undefined) {
  return nps === undefined ? [] : survey.reasons[npsBand(nps)]
}

export function surveyReducer(state: SurveyState, event: SurveyEvent): SurveyState {
  switch (event.type) {
    case 'LOAD_STARTED':
      return { ...state, phase: { name: 'loading' } }
    case 'OPENED':
      return { ...state, phase: { name: 'answering' }, view: event.view, answers: event.answers, clientResponseId: event.clientResponseId, errors: {} }
    case 'CLOSED':
      return { ...state, phase: event.phase }
    case 'ALREADY_ANSWERED':
      return { ...state, view: event.view ?? state.view, phase: { name: 'thank-you', band: event.band, followUp: event.followUp, alreadyAnswered: true } }
    case 'SCORE_CHOSEN': {
      if (!isEditable(state) || !state.view) return state
      const sameBand = state.answers.nps !== undefined && npsBand(state.answers.nps) === npsBand(event.nps)
      // Reasons belong to a band: a detractor's "long wait" means nothing once the score is a 9.
      const reasons = sameBand ? state.answers.reasons : []
      return { ...state, answers: { ...state.answers, nps: event.nps, reasons }, errors: withoutErrors(state.errors, 'nps', 'reasons', 'form') }
    }
    case 'REASON_TOGGLED': {
      if (!isEditable(state) || !state.view) return state
      const offered = reasonsForScore(state.view.survey, state.answers.nps).some((r) => r.id === event.reasonId)
      if (!offered) return state
      const chosen = state.answers.reasons.includes(event.reasonId)
      const reasons = chosen ? state.answers.reasons.filter((r) => r !== event.reasonId) : [...state.answers.reasons, event.reasonId]
      return { ...state, answers: { ...state.answers, reasons }, errors: withoutErrors(state.errors, 'reasons', 'form') }
    }
    case 'CSAT_CHOSEN':
      if (!isEditable(state) || !Number.isInteger(event.csat) || event.csat < 1 || event.csat > 5) return state
      return { ...state, answers: { ...state.answers, csat: event.csat }, errors: withoutErrors(state.errors, 'csat', 'form') }
    case 'COMMENT_CHANGED': {
      if (!isEditable(state)) return state
      const max = state.view?.survey.comment.maxLength ?? 500
      return { ...state, answers: { ...state.answers, comment: event.comment.slice(0, max) }, errors: withoutErrors(state.errors, 'comment', 'form') }
    }
    case 'INVALID':
      return { ...state, phase: { name: 'answering' }, errors: event.errors }
    case 'SUBMIT_STARTED':
      return { ...state, phase: { name: 'submitting', attempt: event.attempt }, errors: {} }
    case 'SUBMIT_DEFERRED':
      return { ...state, phase: { name: 'retry-wait', attempt: event.attempt, retryAt: event.retryAt } }
    case 'SUBMITTED':
      return {
        ...state,
        phase: { name: 'thank-you', band: npsBand(state.answers.nps ?? 0), followUp: event.result.followUp, alreadyAnswered: false },
      }
  }
}

function withoutErrors(errors: FieldErrors, ...fields: Field[]): FieldErrors {
  if (!fields.some((f) => errors[f])) return errors
  const next = { ...errors }
  for (const field of fields) delete next[field]
  return next
}

/** The wire answers from the draft: empty reasons and blank comments are left out. */
export function toAnswers(answers: DraftAnswers): Answers | undefined {
  if (answers.nps === undefined) return undefined
  const comment = answers.comment.trim()
  return {
    nps: answers.nps,
    ...(answers.csat !== undefined ? { csat: answers.csat } : {}),
    ...(answers.reasons.length ? { reasons: answers.reasons } : {}),
    ...(comment ? { comment } : {}),
  }
}

/** Maps an issue path (from answerIssues on the client or error.details of a 400) to a field message. */
export function messageForPath(path: readonly (string | number)[]): [Field, ValidationMessage] {
  // A 400 from POST /v1/responses reports paths from the request root: ["answers", "csat"].
  const [head] = path[0] === 'answers' ? path.slice(1) : path
  switch (head) {
    case 'nps':
      return ['nps', 'npsRequired']
    case 'csat':
      return ['csat', 'csatRequired']
    case 'reasons':
      return ['reasons', 'reasonNotOffered']
    case 'comment':
      return ['comment', 'commentTooLong']
    default:
      return ['form', 'invalid']
  }
}

export function errorsFromIssues(issues: readonly { path: readonly (string | number)[] }[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const [field, message] = messageForPath(issue.path)
    errors[field] ??= message
  }
  return errors
}

/**
 * The client-side check before a submit: the same schema and the same survey rules as the server
 * (ZAnswers + answerIssues from @xinsheng/shared), as field → message.
 */
export function validateAnswers(survey: SurveyDefinition, draft: DraftAnswers): { answers?: Answers; errors: FieldErrors } {
  const answers = toAnswers(draft)
  if (!answers) return { errors: { nps: 'npsRequired' } }
  const parsed = ZAnswers.safeParse(answers)
  if (!parsed.success) return { errors: errorsFromIssues(parsed.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol') }))) }
  const errors = errorsFromIssues(answerIssues(survey, parsed.data))
  return Object.keys(errors).length ? { errors } : { answers: parsed.data, errors }
}
