/** @jest-environment jsdom */
import { act, renderHook, waitFor } from '@testing-library/react'
import { createApiClient } from './api-client'
import { createDraftStore, invitationIdOf } from './draft-store'
import { memoryStorage } from '../../common/ports'
import { createSessionManager } from './session'
import {
  created,
  errorBody,
  fakeApi,
  INVITATION_TOKEN,
  invitationFixture,
  json,
  manualTimers,
  sessionRoute,
} from '../../common/testing/fixtures'
import { GRANT_REPORT_ATTEMPTS, useSurvey, type SurveyDeps, type SurveyOptions } from './use-survey'

const DRAFT_KEY = `xinsheng:draft:${invitationIdOf(INVITATION_TOKEN)}`

function setup(
  routes: Parameters<typeof fakeApi>[0],
  { storage = memoryStorage(), token = INVITATION_TOKEN, locale = 'zh-CN' as const, extra = {} as Partial<SurveyDeps>, options = {} as SurveyOptions } = {},
) {
  const api = fakeApi({ 'POST /v1/session': sessionRoute(), ...routes })
  const timers = manualTimers()
  const client = createApiClient({ baseUrl: 'http://api', transport: api.transport })
  let ids = 0
  const deps: SurveyDeps = {
    api: client,
    session: createSessionManager({ api: client, storage, getLoginCode: async () => 'dev-h5-test' }),
    drafts: createDraftStore(storage),
    timers,
    newClientResponseId: () => `client-response-${++ids}`,
    random: () => 0.5, // no jitter: delays are exactly 1 s, 2 s, 4 s…
    saveDelayMs: 300,
    ...extra,
  }
  const hook = renderHook(() => useSurvey(token, locale, deps, options))
  const phase = () => hook.result.current.state.phase.name
  const storedDraft = () => {
    const raw = storage.data.get(DRAFT_KEY)
    return raw ? JSON.parse(raw) : undefined
  }
  /** Moves the clock and lets the promises started by the timers settle. */
  const advance = async (ms: number) => {
    await act(async () => {
      timers.advance(ms)
      await new Promise((r) => setTimeout(r, 0))
    })
  }
  return { api, timers, hook, phase, storage, storedDraft, advance, model: () => hook.result.current }
}

const openInvitation = () => json(200, invitationFixture())

describe('useSurvey: loading', () => {
  it('logs in, opens the invitation and shows the form', async () => {
    const t = setup({ 'GET /v1/invitations/': openInvitation })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    expect(t.model().state.view?.store.name).toBe('上海南京西路店')
    expect(t.api.requests.map((r) => `${r.method} ${new URL(r.url).pathname.split('/').slice(0, 3).join('/')}`)).toEqual([
      'POST /v1/session',
      'GET /v1/invitations',
    ])
    expect(t.api.requests[1].headers.authorization).toBe('Bearer session-token')
    expect(t.model().canSubmit).toBe(false)
  })

  it.each([
    ['an invalid link', { 'GET /v1/invitations/': openInvitation }, 'not-a-token', 'invalid-link'],
    ['an unknown invitation', { 'GET /v1/invitations/': () => json(404, errorBody('not_found')) }, INVITATION_TOKEN, 'invalid-link'],
    ['an expired invitation (410)', { 'GET /v1/invitations/': () => json(410, errorBody('gone')) }, INVITATION_TOKEN, 'expired'],
    ['an expired invitation (state)', { 'GET /v1/invitations/': () => json(200, invitationFixture({ state: 'expired' })) }, INVITATION_TOKEN, 'expired'],
    ['someone else’s invitation', { 'GET /v1/invitations/': () => json(403, errorBody('forbidden')) }, INVITATION_TOKEN, 'not-yours'],
    ['no network', { 'GET /v1/invitations/': () => 'offline' as const }, INVITATION_TOKEN, 'load-failed'],
    ['a server fault', { 'GET /v1/invitations/': () => json(500, errorBody('internal')) }, INVITATION_TOKEN, 'load-failed'],
  ])('shows %s', async (_name, routes, token, expected) => {
    const t = setup(routes, { token })
    await waitFor(() => expect(t.phase()).toBe(expected))
  })

  it('shows the thank-you, and no form, for an invitation answered before', async () => {
    const t = setup({ 'GET /v1/invitations/': () => json(200, invitationFixture({ state: 'answered', answer: { responseId: 'r', nps: 9 } })) })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.model().state.phase).toMatchObject({ band: 'promoter', alreadyAnswered: true })
  })

  it('repeats the promise made when it was answered (the brand’s SLA), as the server stored it', async () => {
    const answer = { responseId: 'r', nps: 8, followUp: { callback: true, slaHours: 6 } }
    const t = setup({ 'GET /v1/invitations/': () => json(200, invitationFixture({ state: 'answered', answer })) })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.model().state.phase).toMatchObject({ band: 'passive', followUp: { callback: true, slaHours: 6 }, alreadyAnswered: true })
    expect(t.model().texts.callback(6)).toContain('6')
  })

  it('decides the callback by the shared rule when the server did not say (an older answer)', async () => {
    const t = setup({ 'GET /v1/invitations/': () => json(200, invitationFixture({ state: 'answered', answer: { responseId: 'r', nps: 3 } })) })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.model().state.phase).toMatchObject({ band: 'detractor', followUp: { callback: true }, alreadyAnswered: true })
  })

  it('loads again from the retry button after a network error', async () => {
    let online = false
    const t = setup({ 'GET /v1/invitations/': () => (online ? openInvitation() : 'offline') })
    await waitFor(() => expect(t.phase()).toBe('load-failed'))
    online = true
    act(() => t.model().retry())
    await waitFor(() => expect(t.phase()).toBe('answering'))
  })
})

describe('useSurvey: answering', () => {
  it('offers the reasons of the band and localises them', async () => {
    const t = setup({ 'GET /v1/invitations/': openInvitation })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    expect(t.model().reasons).toEqual([])
    act(() => t.model().chooseScore(3))
    expect(t.model().band).toBe('detractor')
    expect(t.model().reasons.map((r) => r.label)).toEqual(['排队时间长', '服务态度差'])
    act(() => t.model().toggleReason('long_wait'))
    act(() => t.model().chooseScore(10))
    expect(t.model().reasons).toEqual([
      { id: 'friendly_staff', label: '店员热情', selected: false },
      { id: 'fast_checkout', label: '结账快', selected: false },
    ])
    expect(t.model().canSubmit).toBe(true)
  })

  it('keeps the draft in storage as the consumer goes, and restores it on the next visit', async () => {
    const storage = memoryStorage()
    const t = setup({ 'GET /v1/invitations/': openInvitation }, { storage })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(3))
    act(() => t.model().toggleReason('long_wait'))
    act(() => t.model().chooseCsat(2))
    act(() => t.model().changeComment('排队'))
    await t.advance(300)
    expect(t.storedDraft()).toMatchObject({
      clientResponseId: 'client-response-1',
      answers: { nps: 3, csat: 2, reasons: ['long_wait'], comment: '排队' },
      pending: false,
    })
    t.hook.unmount()

    const again = setup({ 'GET /v1/invitations/': openInvitation }, { storage })
    await waitFor(() => expect(again.phase()).toBe('answering'))
    expect(again.model().state.answers).toEqual({ nps: 3, csat: 2, reasons: ['long_wait'], comment: '排队' })
    expect(again.model().state.clientResponseId).toBe('client-response-1')
  })

  it('writes the draft at once when the page hides, without waiting for the typing pause', async () => {
    const t = setup({ 'GET /v1/invitations/': openInvitation })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(8))
    await act(async () => t.model().onHide())
    await waitFor(() => expect(t.storedDraft()?.answers.nps).toBe(8))
  })

  it('shows localised messages for a 400 from the server', async () => {
    const t = setup({
      'GET /v1/invitations/': openInvitation,
      'POST /v1/responses': () => json(400, errorBody('invalid_request', [{ path: ['answers', 'csat'], message: 'csat is required' }])),
    })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(5))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.model().messages).toEqual({ csat: '请为本次体验打星' }))
    expect(t.phase()).toBe('answering')
    expect(t.storedDraft().pending).toBe(false)
  })

  it('shows English messages with ?lang=en', async () => {
    const t = setup(
      {
        'GET /v1/invitations/': openInvitation,
        'POST /v1/responses': () => json(400, errorBody('invalid_request', [{ path: ['answers', 'comment'], message: 'x' }])),
      },
      { locale: 'en' as never },
    )
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(9))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.model().messages.comment).toBe('At most 500 characters'))
    expect(t.model().texts.submit).toBe('Submit')
  })
})

describe('useSurvey: submitting', () => {
  it('sends the answers once and thanks a detractor with the callback promise', async () => {
    const t = setup({ 'GET /v1/invitations/': openInvitation, 'POST /v1/responses': () => json(201, created(true, 24)) })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(3))
    act(() => t.model().toggleReason('long_wait'))
    act(() => t.model().chooseCsat(2))
    act(() => t.model().changeComment(' 排队太久 '))
    await act(async () => {
      t.model().submit()
      t.model().submit() // a double tap
    })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.api.posts('/v1/responses').map((r) => r.body)).toEqual([
      {
        invitationToken: INVITATION_TOKEN,
        clientResponseId: 'client-response-1',
        answers: { nps: 3, csat: 2, reasons: ['long_wait'], comment: '排队太久' },
        locale: 'zh-CN',
      },
    ])
    expect(t.model().state.phase).toEqual({ name: 'thank-you', band: 'detractor', followUp: { callback: true, slaHours: 24 }, alreadyAnswered: false })
    expect(t.storedDraft()).toBeUndefined()
  })

  it('retries a submit lost on the network with the same clientResponseId, backing off exponentially', async () => {
    let failures = 3
    const t = setup({ 'GET /v1/invitations/': openInvitation, 'POST /v1/responses': () => (failures-- > 0 ? 'offline' : json(201, created(false))) })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(10))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.phase()).toBe('retry-wait'))
    expect(t.storedDraft()).toMatchObject({ pending: true, answers: { nps: 10 } })
    expect(t.timers.pending()).toEqual([1000])
    await t.advance(999)
    expect(t.api.posts('/v1/responses')).toHaveLength(1)
    await t.advance(1)
    await waitFor(() => expect(t.api.posts('/v1/responses')).toHaveLength(2))
    expect(t.timers.pending()).toEqual([2000])
    await t.advance(2000)
    await waitFor(() => expect(t.api.posts('/v1/responses')).toHaveLength(3))
    expect(t.timers.pending()).toEqual([4000])
    await t.advance(4000)
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    const ids = new Set(t.api.posts('/v1/responses').map((r) => (r.body as { clientResponseId: string }).clientResponseId))
    expect([...ids]).toEqual(['client-response-1'])
    expect(t.storedDraft()).toBeUndefined()
  })

  it('sends a waiting submit at once when the page shows again', async () => {
    let online = false
    const t = setup({ 'GET /v1/invitations/': openInvitation, 'POST /v1/responses': () => (online ? json(200, created(false)) : 'offline') })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(7))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.phase()).toBe('retry-wait'))
    online = true
    await act(async () => t.model().onShow())
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.api.posts('/v1/responses')).toHaveLength(2)
    expect(t.timers.pending()).toEqual([]) // the scheduled retry was cancelled
  })

  it('resends a submit whose outcome was unknown when the page was closed, with the same id', async () => {
    const storage = memoryStorage()
    const first = setup({ 'GET /v1/invitations/': openInvitation, 'POST /v1/responses': () => 'offline' }, { storage })
    await waitFor(() => expect(first.phase()).toBe('answering'))
    act(() => first.model().chooseScore(2))
    await act(async () => first.model().submit())
    await waitFor(() => expect(first.phase()).toBe('retry-wait'))
    first.hook.unmount()

    const second = setup({ 'GET /v1/invitations/': openInvitation, 'POST /v1/responses': () => json(200, created(true, 48)) }, { storage })
    await waitFor(() => expect(second.phase()).toBe('thank-you'))
    expect(second.api.posts('/v1/responses').map((r) => (r.body as { clientResponseId: string }).clientResponseId)).toEqual(['client-response-1'])
    expect(second.model().state.phase).toMatchObject({ band: 'detractor', followUp: { slaHours: 48 } })
  })

  it('honours Retry-After on 503', async () => {
    let calls = 0
    const t = setup({
      'GET /v1/invitations/': openInvitation,
      'POST /v1/responses': () => (++calls === 1 ? json(503, errorBody('throttled'), { 'retry-after': '5' }) : json(201, created(false))),
    })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(9))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.phase()).toBe('retry-wait'))
    expect(t.timers.pending()).toEqual([5000])
  })

  it('shows the stored answer, not a second one, on 409', async () => {
    let answered = false
    const t = setup({
      'GET /v1/invitations/': () => json(200, answered ? invitationFixture({ state: 'answered', answer: { responseId: 'r', nps: 10 } }) : invitationFixture()),
      'POST /v1/responses': () => {
        answered = true
        return json(409, errorBody('conflict'))
      },
    })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(1))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.model().state.phase).toMatchObject({ band: 'promoter', alreadyAnswered: true })
    expect(t.storedDraft()).toBeUndefined()
  })

  it('promises a callback to a passive who gave one star, when a 2xx body is off-contract (needsCallback, not the band)', async () => {
    const t = setup({ 'GET /v1/invitations/': openInvitation, 'POST /v1/responses': () => json(201, { unexpected: true }) })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(7))
    act(() => t.model().chooseCsat(1))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.model().state.phase).toMatchObject({ band: 'passive', followUp: { callback: true }, alreadyAnswered: false })
  })

  it.each([
    [410, 'expired'],
    [403, 'not-yours'],
  ])('stops on %i', async (status, expected) => {
    const t = setup({ 'GET /v1/invitations/': openInvitation, 'POST /v1/responses': () => json(status, errorBody('x')) })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    act(() => t.model().chooseScore(6))
    await act(async () => t.model().submit())
    await waitFor(() => expect(t.phase()).toBe(expected))
    expect(t.timers.pending()).toEqual([])
  })

  it('does not submit without a score', async () => {
    const t = setup({ 'GET /v1/invitations/': openInvitation })
    await waitFor(() => expect(t.phase()).toBe('answering'))
    await act(async () => t.model().submit())
    expect(t.model().messages).toEqual({ nps: '请选择 0–10 分' })
    expect(t.api.posts('/v1/responses')).toHaveLength(0)
  })
})

describe('useSurvey: notify me', () => {
  const answeredDetractor = () => json(200, invitationFixture({ state: 'answered', answer: { responseId: 'r', nps: 2, followUp: { callback: true } } }))
  const granted = () => json(201, { notice: 'granted' })
  const withSubscribe = (answer: 'accepted' | 'rejected' | 'unavailable' = 'accepted') => {
    let grants = 0
    return { requestSubscribe: jest.fn(async () => answer), newClientGrantId: () => `client-grant-${++grants}` }
  }

  it('without a platform that asks WeChat (h5) there is no button to show, and a tap says so instead of failing', async () => {
    const t = setup({ 'GET /v1/invitations/': answeredDetractor })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.model().canNotify).toBe(false)
    act(() => t.model().requestNotify())
    expect(t.model().subscribeStatus).toBe('unavailable')
    expect(t.api.posts('/v1/callback-notice')).toHaveLength(0)
  })

  it('accepted at WeChat: the grant is reported once, with the invitation and a client id, then "accepted"', async () => {
    const extra = withSubscribe()
    const t = setup({ 'GET /v1/invitations/': answeredDetractor, 'POST /v1/callback-notice': granted }, { extra })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect(t.model().canNotify).toBe(true)
    expect(t.model().subscribeStatus).toBe('idle')
    act(() => t.model().requestNotify())
    expect(t.model().subscribeStatus).toBe('asking')
    act(() => t.model().requestNotify()) // a second tap while WeChat asks: nothing more
    await waitFor(() => expect(t.model().subscribeStatus).toBe('accepted'))
    expect(extra.requestSubscribe).toHaveBeenCalledTimes(1)
    const reports = t.api.posts('/v1/callback-notice')
    expect(reports).toHaveLength(1)
    expect(reports[0].body).toEqual({ invitationToken: INVITATION_TOKEN, clientGrantId: 'client-grant-1' })
    expect(reports[0].headers.authorization).toBe('Bearer session-token')
  })

  it('a report lost to the network or a 503 is retried with back-off under the same client id', async () => {
    let calls = 0
    const flaky = () => (++calls === 1 ? ('offline' as const) : calls === 2 ? json(503, errorBody('unavailable')) : granted())
    const t = setup({ 'GET /v1/invitations/': answeredDetractor, 'POST /v1/callback-notice': flaky }, { extra: withSubscribe() })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    act(() => t.model().requestNotify())
    await waitFor(() => expect(t.api.posts('/v1/callback-notice')).toHaveLength(1))
    await t.advance(1_000)
    await waitFor(() => expect(t.api.posts('/v1/callback-notice')).toHaveLength(2))
    expect(t.model().subscribeStatus).toBe('asking')
    await t.advance(2_000)
    await waitFor(() => expect(t.model().subscribeStatus).toBe('accepted'))
    const ids = t.api.posts('/v1/callback-notice').map((r) => (r.body as { clientGrantId: string }).clientGrantId)
    expect(ids).toEqual(['client-grant-1', 'client-grant-1', 'client-grant-1'])
  })

  it(`gives up after ${GRANT_REPORT_ATTEMPTS} tries, and at once on a refusal (409): the page then promises no notice`, async () => {
    const down = setup({ 'GET /v1/invitations/': answeredDetractor, 'POST /v1/callback-notice': () => json(500, errorBody('internal')) }, { extra: withSubscribe() })
    await waitFor(() => expect(down.phase()).toBe('thank-you'))
    act(() => down.model().requestNotify())
    for (let i = 0; i < GRANT_REPORT_ATTEMPTS; i++) await down.advance(30_000)
    await waitFor(() => expect(down.model().subscribeStatus).toBe('unavailable'))
    expect(down.api.posts('/v1/callback-notice')).toHaveLength(GRANT_REPORT_ATTEMPTS)

    const refused = setup({ 'GET /v1/invitations/': answeredDetractor, 'POST /v1/callback-notice': () => json(409, errorBody('conflict')) }, { extra: withSubscribe() })
    await waitFor(() => expect(refused.phase()).toBe('thank-you'))
    act(() => refused.model().requestNotify())
    await waitFor(() => expect(refused.model().subscribeStatus).toBe('unavailable'))
    expect(refused.api.posts('/v1/callback-notice')).toHaveLength(1)
    expect(refused.timers.pending()).toEqual([])
  })

  it.each(['rejected', 'unavailable'] as const)('%s at WeChat: nothing is reported', async (answer) => {
    const t = setup({ 'GET /v1/invitations/': answeredDetractor, 'POST /v1/callback-notice': granted }, { extra: withSubscribe(answer) })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    act(() => t.model().requestNotify())
    await waitFor(() => expect(t.model().subscribeStatus).toBe(answer))
    expect(t.api.posts('/v1/callback-notice')).toHaveLength(0)
  })

  it('opened from the notice: followed up, no button', async () => {
    const t = setup({ 'GET /v1/invitations/': answeredDetractor }, { extra: withSubscribe(), options: { fromNotice: true } })
    await waitFor(() => expect(t.phase()).toBe('thank-you'))
    expect({ fromNotice: t.model().fromNotice, canNotify: t.model().canNotify }).toEqual({ fromNotice: true, canNotify: false })
    expect(t.model().texts.followedUp).toBe('门店已跟进您的反馈，感谢您的耐心。')
  })
})
