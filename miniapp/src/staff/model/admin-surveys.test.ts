import { ZSurveyDraft } from '@xinsheng/shared'
import * as z from 'zod/mini'
import { ApiError } from '../../common/api-error'
import { createJsonCaller } from '../../common/http-json'
import { errorBody, fakeApi, json, surveyFixture } from '../../common/testing/fixtures'
import {
  addReason,
  draftBody,
  editReason,
  formFromDefinition,
  previewDefinition,
  publishDraft,
  removeReason,
  setCommentLimit,
  setQuestion,
  setText,
  surveyFieldShown,
  surveyTexts,
  validateDraft,
  versionLine,
} from './admin-surveys'
import { apiFieldErrors, errorsUnder, fieldErrorsFrom } from './admin-surveys-fields'

const latest = surveyFixture({ version: 3 })

describe('the survey draft editor', () => {
  it('starts from the latest definition and gives back exactly its draft (no surveyId, brandId or version)', () => {
    const body = draftBody(formFromDefinition(latest))
    const { surveyId: _s, brandId: _b, version: _v, ces: _c, ...rest } = latest
    expect(JSON.parse(JSON.stringify(body))).toEqual(rest)
    expect(z.safeParse(ZSurveyDraft, body).success).toBe(true)
  })

  it('edits one text, a reason list and the optional questions without touching the form it started from', () => {
    const form = formFromDefinition(latest)
    let next = setText(form, ['nps', 'question'], 'en', 'Would you recommend us to a friend?')
    next = addReason(next, 'promoter')
    next = editReason(next, 'promoter', 2, { id: 'clean_store' })
    next = editReason(next, 'promoter', 2, { lang: 'zh-CN', label: '店面整洁' })
    next = editReason(next, 'promoter', 2, { lang: 'en', label: 'Clean store' })
    next = removeReason(next, 'detractor', 0)
    next = setQuestion(next, 'csat', { on: false })
    next = setQuestion(next, 'ces', { on: true, required: true })
    const body = draftBody(next)
    expect(body.nps.question).toEqual({ 'zh-CN': latest.nps.question['zh-CN'], en: 'Would you recommend us to a friend?' })
    expect(body.reasons.promoter.map((r) => r.id)).toEqual(['friendly_staff', 'fast_checkout', 'clean_store'])
    expect(body.reasons.promoter[2].label).toEqual({ 'zh-CN': '店面整洁', en: 'Clean store' })
    expect(body.reasons.detractor.map((r) => r.id)).toEqual(['staff_attitude'])
    expect(body.csat).toBeUndefined()
    expect(body.ces).toMatchObject({ min: 1, max: 7, required: true })
    expect(validateDraft(next, 'en')).toEqual({})
    expect(formFromDefinition(latest).reasons.promoter).toHaveLength(2)
    expect(form.nps.question.en).toBe(latest.nps.question.en)
  })

  it('names a new reason with an id not yet in its band', () => {
    const form = addReason(addReason(formFromDefinition(latest), 'passive'), 'passive')
    expect(form.reasons.passive.map((r) => r.id)).toEqual(['price', 'reason_2', 'reason_3'])
  })

  it('checks the draft with the shared schema, errors by field path, plus unique reason ids per band', () => {
    let form = setText(formFromDefinition(latest), ['title'], 'en', '')
    form = addReason(form, 'promoter')
    form = editReason(form, 'promoter', 2, { id: 'Bad Id' })
    form = setCommentLimit(form, '501')
    form = editReason(form, 'detractor', 1, { id: 'long_wait' })
    const errors = validateDraft(form, 'en')
    expect(Object.keys(errors).sort()).toEqual(
      ['comment.maxLength', 'reasons.detractor.1.id', 'reasons.promoter.2.id', 'reasons.promoter.2.label.en', 'reasons.promoter.2.label.zh-CN', 'title.en'].sort(),
    )
    expect(errors['reasons.detractor.1.id']).toBe(surveyTexts('en').duplicateId)
    expect(validateDraft(setCommentLimit(formFromDefinition(latest), 'many'), 'en')).toHaveProperty(['comment.maxLength'])
  })

  it('previews any state of the draft as a definition of the survey (a limit that is not one previews as 500)', () => {
    const form = setQuestion(setCommentLimit(formFromDefinition(latest), 'x'), 'ces', { on: true })
    const def = previewDefinition(form, latest)
    expect(def).toMatchObject({ surveyId: latest.surveyId, brandId: latest.brandId, version: 3, comment: { maxLength: 500 }, ces: { min: 1, max: 7 } })
    expect(previewDefinition(setCommentLimit(form, '120'), latest).comment.maxLength).toBe(120)
  })

  it('knows which error paths sit beside an input', () => {
    for (const key of ['title.en', 'nps.lowLabel.zh-CN', 'csat.question.en', 'reasons.question.passive.en', 'reasons.promoter', 'reasons.promoter.3.id', 'reasons.promoter.3.label.en', 'comment.maxLength']) {
      expect([key, surveyFieldShown(key)]).toEqual([key, true])
    }
    for (const key of ['', 'version', 'csat.min', 'colour']) expect([key, surveyFieldShown(key)]).toEqual([key, false])
  })

  it('writes a version line with its date and publisher, or says the date was not recorded', () => {
    expect(versionLine({ version: 2, publishedAt: '2026-12-01T02:00:00.000Z', publishedBy: 'admin' }, 'en', () => 'DATE')).toBe('v2 · DATE · admin')
    expect(versionLine({ version: 1 }, 'zh-CN', () => 'DATE')).toBe('v1 · 日期未记录')
  })
})

describe('publishing', () => {
  it('posts the draft to the survey and reads the answer with the shared schema', async () => {
    const api = fakeApi({ 'POST /v1/admin/surveys/retail-nps/versions': () => json(201, { surveyId: 'retail-nps', version: 4 }) })
    const caller = createJsonCaller({ baseUrl: 'http://api', transport: api.transport, timeoutMs: 1000 })
    await expect(publishDraft(caller, 'tok', 'retail-nps', formFromDefinition(latest))).resolves.toEqual({ surveyId: 'retail-nps', version: 4 })
    expect(api.requests[0]).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer tok' } })
    expect(api.requests[0].body).toEqual(draftBody(formFromDefinition(latest)))
  })

  it("puts a 400's named fields beside their inputs (paths under body), and nothing for other errors", async () => {
    const api = fakeApi({ 'POST /v1/admin/surveys/': () => json(400, errorBody('invalid', [{ path: ['body', 'comment', 'maxLength'], message: 'too big' }, { path: ['body', 'comment', 'maxLength'], message: 'second' }])) })
    const caller = createJsonCaller({ baseUrl: 'http://api', transport: api.transport, timeoutMs: 1000 })
    const error = await publishDraft(caller, 'tok', 'retail-nps', formFromDefinition(latest)).catch((e: unknown) => e)
    expect(apiFieldErrors(error)).toEqual({ 'comment.maxLength': 'too big' })
    expect(apiFieldErrors(new ApiError('http', 'conflict', { status: 409 }))).toBeUndefined()
    expect(apiFieldErrors(new ApiError('network', 'offline'))).toBeUndefined()
  })

  it('gathers the errors under a path', () => {
    const errors = fieldErrorsFrom([{ path: ['contactPolicy', 'quietHours', 'start'], message: 'HH:mm' }, { path: ['contactPolicy', 'quietHoursX'], message: 'no' }])
    expect(errorsUnder(errors, 'contactPolicy.quietHours')).toEqual(['HH:mm'])
  })
})
