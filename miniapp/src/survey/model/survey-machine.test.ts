import { EMPTY_ANSWERS } from './draft-store'
import {
  errorsFromIssues,
  initialSurveyState,
  surveyReducer,
  toAnswers,
  validateAnswers,
  type SurveyEvent,
  type SurveyState,
} from './survey-machine'
import { invitationFixture, surveyFixture } from '../../common/testing/fixtures'

const opened = (): SurveyState =>
  surveyReducer(initialSurveyState(''), { type: 'OPENED', view: invitationFixture(), answers: EMPTY_ANSWERS, clientResponseId: 'abcdefghijklmnop' })
const run = (state: SurveyState, ...events: SurveyEvent[]) => events.reduce(surveyReducer, state)

describe('band-dependent reasons', () => {
  it('offers only the reasons of the chosen band', () => {
    const s = run(opened(), { type: 'SCORE_CHOSEN', nps: 3 }, { type: 'REASON_TOGGLED', reasonId: 'friendly_staff' }, { type: 'REASON_TOGGLED', reasonId: 'long_wait' })
    expect(s.answers.reasons).toEqual(['long_wait'])
  })

  it('keeps the reasons within a band and clears them when the band changes', () => {
    let s = run(opened(), { type: 'SCORE_CHOSEN', nps: 3 }, { type: 'REASON_TOGGLED', reasonId: 'long_wait' }, { type: 'SCORE_CHOSEN', nps: 5 })
    expect(s.answers.reasons).toEqual(['long_wait'])
    s = run(s, { type: 'SCORE_CHOSEN', nps: 9 })
    expect(s.answers).toMatchObject({ nps: 9, reasons: [] })
  })

  it('toggles a reason off again', () => {
    const s = run(opened(), { type: 'SCORE_CHOSEN', nps: 10 }, { type: 'REASON_TOGGLED', reasonId: 'fast_checkout' }, { type: 'REASON_TOGGLED', reasonId: 'fast_checkout' })
    expect(s.answers.reasons).toEqual([])
  })
})

describe('editing', () => {
  it('freezes the answers while a submit is under way or waiting for a retry', () => {
    const submitting = run(opened(), { type: 'SCORE_CHOSEN', nps: 3 }, { type: 'SUBMIT_STARTED', attempt: 1 })
    expect(run(submitting, { type: 'SCORE_CHOSEN', nps: 10 }, { type: 'COMMENT_CHANGED', comment: 'x' }).answers).toEqual(submitting.answers)
    const waiting = run(submitting, { type: 'SUBMIT_DEFERRED', attempt: 1, retryAt: 5 })
    expect(run(waiting, { type: 'CSAT_CHOSEN', csat: 5 }).answers.csat).toBeUndefined()
  })

  it('cuts a comment at the survey maximum and ignores stars out of range', () => {
    const s = run(opened(), { type: 'COMMENT_CHANGED', comment: 'x'.repeat(600) }, { type: 'CSAT_CHOSEN', csat: 6 })
    expect(s.answers.comment).toHaveLength(500)
    expect(s.answers.csat).toBeUndefined()
  })

  it('clears a field message once the field is answered', () => {
    const s = run(opened(), { type: 'INVALID', errors: { nps: 'npsRequired', csat: 'csatRequired' } }, { type: 'SCORE_CHOSEN', nps: 7 })
    expect(s.errors).toEqual({ csat: 'csatRequired' })
  })

  it('thanks with the band of the answer and the follow-up from the server', () => {
    const s = run(opened(), { type: 'SCORE_CHOSEN', nps: 6 }, { type: 'SUBMITTED', result: { responseId: 'r', followUp: { callback: true, slaHours: 24 } } })
    expect(s.phase).toEqual({ name: 'thank-you', band: 'detractor', followUp: { callback: true, slaHours: 24 }, alreadyAnswered: false })
  })
})

describe('validation', () => {
  const survey = surveyFixture()

  it('asks for a score first', () => {
    expect(validateAnswers(survey, EMPTY_ANSWERS)).toEqual({ errors: { nps: 'npsRequired' } })
  })

  it('asks for the stars when the survey requires them', () => {
    const required = surveyFixture({ csat: { min: 1, max: 5, question: { 'zh-CN': '满意吗', en: 'Satisfied?' }, required: true } })
    expect(validateAnswers(required, { ...EMPTY_ANSWERS, nps: 8 }).errors).toEqual({ csat: 'csatRequired' })
    expect(validateAnswers(required, { ...EMPTY_ANSWERS, nps: 8, csat: 4 }).errors).toEqual({})
  })

  it('rejects a reason of another band and a comment over the limit', () => {
    const short = surveyFixture({ comment: { maxLength: 10, placeholder: { 'zh-CN': '选填', en: 'Optional' } } })
    expect(validateAnswers(short, { nps: 10, reasons: ['long_wait'], comment: 'x'.repeat(11) }).errors).toEqual({
      reasons: 'reasonNotOffered',
      comment: 'commentTooLong',
    })
  })

  it('sends only what was answered, comments trimmed', () => {
    expect(toAnswers({ nps: 3, reasons: [], comment: '   ' })).toEqual({ nps: 3 })
    expect(validateAnswers(survey, { nps: 3, csat: 2, reasons: ['long_wait'], comment: ' 排队太久 ' })).toEqual({
      answers: { nps: 3, csat: 2, reasons: ['long_wait'], comment: '排队太久' },
      errors: {},
    })
  })

  it('maps the server’s 400 detail paths onto the fields', () => {
    expect(errorsFromIssues([{ path: ['answers', 'csat'] }, { path: ['answers', 'reasons', 0] }, { path: ['clientResponseId'] }])).toEqual({
      csat: 'csatRequired',
      reasons: 'reasonNotOffered',
      form: 'invalid',
    })
  })
})
