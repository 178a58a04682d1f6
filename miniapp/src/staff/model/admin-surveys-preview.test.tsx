/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react'
import type { SurveyDefinition } from '@xinsheng/shared'
import { surveyFixture } from '../../common/testing/fixtures'
import { fitState, previewView, usePreviewSurvey } from './admin-surveys-preview'

const survey = surveyFixture({ csat: { min: 1, max: 5, question: { 'zh-CN': '满意吗？', en: 'Satisfied?' }, required: true } })

describe('the draft preview model', () => {
  it('answers like the survey: a score unfolds its band’s reasons, a submit checks the survey’s rules and sends nothing', () => {
    const { result } = renderHook(({ def }) => usePreviewSurvey(def, 'en', 'Sample store'), { initialProps: { def: survey } })
    expect(result.current.model.state.phase.name).toBe('answering')
    expect(result.current.model.state.view?.store.name).toBe('Sample store')
    act(() => result.current.model.chooseScore(10))
    expect(result.current.model.band).toBe('promoter')
    expect(result.current.model.reasons.map((r) => r.label)).toEqual(['Friendly staff', 'Fast checkout'])
    act(() => result.current.model.toggleReason('fast_checkout'))
    act(() => result.current.model.submit())
    // CSAT is required in this draft: the survey's own message, nothing sent.
    expect(result.current.model.messages.csat).toBe(result.current.model.texts.errors.csatRequired)
    expect(result.current.wouldSend).toBe(false)
    act(() => result.current.model.chooseCsat(4))
    act(() => result.current.model.submit())
    expect(result.current.wouldSend).toBe(true)
    expect(result.current.model.state.phase.name).toBe('answering')
  })

  it('follows the draft as it changes, keeping the answers it still offers', () => {
    const { result, rerender } = renderHook(({ def }) => usePreviewSurvey(def, 'zh-CN', '示例门店'), { initialProps: { def: survey as SurveyDefinition } })
    act(() => result.current.model.chooseScore(9))
    act(() => result.current.model.toggleReason('friendly_staff'))
    act(() => result.current.model.toggleReason('fast_checkout'))
    const edited = { ...survey, reasons: { ...survey.reasons, promoter: [...survey.reasons.promoter.slice(1), { id: 'clean_store', label: { 'zh-CN': '店面整洁', en: 'Clean store' } }] } }
    rerender({ def: edited })
    expect(result.current.model.reasons.map((r) => [r.id, r.selected])).toEqual([
      ['fast_checkout', true],
      ['clean_store', false],
    ])
    act(() => result.current.model.toggleReason('clean_store'))
    expect(result.current.model.state.answers.reasons).toEqual(['fast_checkout', 'clean_store'])
  })

  it('fits a state to a changed definition: no CSAT answer once CSAT is off, the comment within the new limit', () => {
    const view = previewView(surveyFixture({ csat: undefined, comment: { maxLength: 5, placeholder: { 'zh-CN': 'a', en: 'a' } } }), 'x')
    const fitted = fitState({ phase: { name: 'answering' }, answers: { nps: 3, csat: 2, reasons: ['long_wait', 'price'], comment: 'too long' }, clientResponseId: 'p', errors: {} }, view)
    expect(fitted.answers).toEqual({ nps: 3, csat: undefined, reasons: ['long_wait'], comment: 'too l' })
  })
})
