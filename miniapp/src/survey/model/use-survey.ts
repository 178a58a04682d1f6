import { needsCallback, npsBand, ZInvitationToken, type FollowUp, type InvitationView, type Locale, type ScoreBand } from '@xinsheng/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ApiClient } from './api-client'
import { ApiError, isRetryable, LoginUnavailableError } from '../../common/api-error'
import { EMPTY_ANSWERS, type Draft, type DraftAnswers, type DraftStore } from './draft-store'
import { localized } from '../../common/locale'
import { textsFor, type SurveyTexts } from './i18n'
import type { Timers } from '../../common/ports'
import { systemTimers } from '../../common/ports'
import { randomId } from '../../common/random-id'
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from '../../common/retry-policy'
import type { SessionManager } from './session'
import {
  errorsFromIssues,
  initialSurveyState,
  isEditable,
  reasonsForScore,
  surveyReducer,
  validateAnswers,
  type Field,
  type SurveyEvent,
  type SurveyState,
  type ValidationMessage,
} from './survey-machine'

export type SubscribeStatus = 'idle' | 'asking' | 'accepted' | 'rejected' | 'unavailable'

export interface SurveyDeps {
  api: ApiClient
  session: SessionManager
  drafts: DraftStore
  timers?: Timers
  newClientResponseId?: () => string
  retryPolicy?: RetryPolicy
  random?: () => number
  /** Asks WeChat for the callback subscribe message (Taro.requestSubscribeMessage at the edge). */
  requestSubscribe?: () => Promise<Exclude<SubscribeStatus, 'idle' | 'asking'>>
  /** Typing in the comment is saved after this pause. */
  saveDelayMs?: number
  /** The id of one "notify me" grant report (kept across its retries). */
  newClientGrantId?: () => string
}

/** How often a grant report is tried (network or server trouble) before the page gives up on it. */
export const GRANT_REPORT_ATTEMPTS = 3

export interface SurveyOptions {
  /** The page was opened from the callback notice (`&from=notice`): the store has followed up. */
  fromNotice?: boolean
}

export interface ReasonChoice {
  id: string
  label: string
  selected: boolean
}

export interface SurveyModel {
  state: SurveyState
  texts: SurveyTexts
  locale: Locale
  /** The band of the chosen score, once there is one. */
  band?: ScoreBand
  reasons: ReasonChoice[]
  /** Localised validation messages by field. */
  messages: Partial<Record<Field, string>>
  editable: boolean
  canSubmit: boolean
  subscribeStatus: SubscribeStatus
  /** The "notify me" button can work here (a platform that asks WeChat, and not already followed up). */
  canNotify: boolean
  /** Opened from the callback notice: the thank-you says the store has followed up, and promises nothing more. */
  fromNotice: boolean
  chooseScore(nps: number): void
  toggleReason(reasonId: string): void
  chooseCsat(csat: number): void
  changeComment(comment: string): void
  submit(): void
  /** The retry button of the network/server error states and of a deferred submit. */
  retry(): void
  /** The page shows again (useDidShow): a submit waiting for the network is sent now. */
  onShow(): void
  /** The page hides: write the draft now rather than after the typing pause. */
  onHide(): void
  requestNotify(): void
}

/**
 * What the thank-you promises for an answer stored before: what the server says it promised, else
 * the shared rule on what is known of the answer (the score; without one, no callback).
 */
function answeredFollowUp(view: InvitationView | undefined, nps: number | undefined): FollowUp {
  if (view?.answer?.followUp) return view.answer.followUp
  return { callback: nps !== undefined && needsCallback({ nps }) }
}

const PENDING_PHASES = new Set(['submitting', 'retry-wait'])

/** Drops what a stored draft may hold that the survey (or the score's band) no longer offers. */
function restoreAnswers(view: InvitationView, answers: DraftAnswers): DraftAnswers {
  const offered = new Set(reasonsForScore(view.survey, answers.nps).map((r) => r.id))
  return {
    ...answers,
    csat: view.survey.csat ? answers.csat : undefined,
    reasons: answers.reasons.filter((r) => offered.has(r)),
    comment: answers.comment.slice(0, view.survey.comment.maxLength),
  }
}

/**
 * The survey page's logic: login + invitation, draft persistence, submit with retries under one
 * clientResponseId, the thank-you. Plain React, no Taro: the page injects the platform.
 */
export function useSurvey(invitationToken: string | undefined, locale: Locale, deps: SurveyDeps, options: SurveyOptions = {}): SurveyModel {
  const {
    api,
    session,
    drafts,
    timers = systemTimers,
    newClientResponseId = () => randomId(22),
    retryPolicy = DEFAULT_RETRY_POLICY,
    random = Math.random,
    requestSubscribe,
    saveDelayMs = 300,
    newClientGrantId = () => randomId(22),
  } = deps
  const fromNotice = options.fromNotice === true
  const token = invitationToken ?? ''
  const texts = textsFor(locale)

  // The state lives in a ref updated synchronously, so async steps (a retry timer, a resumed
  // submit) always see the latest answers; setState only triggers the render.
  const stateRef = useRef<SurveyState>(initialSurveyState(''))
  const [state, setState] = useState(stateRef.current)
  const dispatch = useCallback((event: SurveyEvent) => {
    stateRef.current = surveyReducer(stateRef.current, event)
    setState(stateRef.current)
  }, [])

  const [subscribeStatus, setSubscribeStatus] = useState<SubscribeStatus>('idle')
  const subscribing = useRef(false)
  const grantId = useRef<string | undefined>(undefined)
  const inFlight = useRef(false)
  const retryTimer = useRef<unknown>(undefined)
  const saveTimer = useRef<unknown>(undefined)
  const mounted = useRef(true)

  const cancelRetry = useCallback(() => {
    if (retryTimer.current !== undefined) timers.clearTimeout(retryTimer.current)
    retryTimer.current = undefined
  }, [timers])
  const cancelSave = useCallback(() => {
    if (saveTimer.current !== undefined) timers.clearTimeout(saveTimer.current)
    saveTimer.current = undefined
  }, [timers])

  const persist = useCallback(
    async (pending: boolean) => {
      const { answers, clientResponseId } = stateRef.current
      const draft: Draft = { version: 1, clientResponseId, answers, pending, updatedAt: timers.now() }
      await drafts.save(token, draft).catch(() => undefined) // storage full: keep going, the answer is still in memory
    },
    [drafts, timers, token],
  )

  const send = useCallback(
    async (attempt: number): Promise<void> => {
      if (inFlight.current || !stateRef.current.view) return
      const { view, answers: draftAnswers, clientResponseId } = stateRef.current
      const { answers, errors } = validateAnswers(view.survey, draftAnswers)
      if (!answers) {
        dispatch({ type: 'INVALID', errors })
        return
      }
      inFlight.current = true
      cancelRetry()
      cancelSave()
      dispatch({ type: 'SUBMIT_STARTED', attempt })
      await persist(true) // written before it is sent: a page closed mid-request still has it
      try {
        const result = await session.withSession((sessionToken) =>
          api.submitResponse({ invitationToken: token, clientResponseId, answers, locale }, sessionToken),
        )
        dispatch({ type: 'SUBMITTED', result: result.body })
        await drafts.remove(token).catch(() => undefined)
      } catch (error) {
        if (!mounted.current) return
        if (isRetryable(error)) {
          const delay = retryDelayMs(attempt, retryPolicy, random, (error as ApiError).retryAfterMs)
          dispatch({ type: 'SUBMIT_DEFERRED', attempt, retryAt: timers.now() + delay })
          retryTimer.current = timers.setTimeout(() => {
            retryTimer.current = undefined
            void send(attempt + 1)
          }, delay)
        } else if (error instanceof LoginUnavailableError) {
          dispatch({ type: 'CLOSED', phase: { name: 'unsupported' } })
        } else if (error instanceof ApiError && error.kind === 'http') {
          await settleRejected(error)
        } else {
          // A 2xx whose body is off-contract: the server stored the answer; say thank you.
          dispatch({ type: 'SUBMITTED', result: { responseId: '', followUp: { callback: needsCallback(answers) } } })
          await drafts.remove(token).catch(() => undefined)
        }
      } finally {
        inFlight.current = false
      }

      async function settleRejected(error: ApiError) {
        switch (error.status) {
          case 409: {
            // Answered before, differently (another device): show what is stored, never a second answer.
            const fresh = await session.withSession((t) => api.getInvitation(token, t)).catch(() => undefined)
            const nps = fresh?.answer?.nps ?? answers!.nps
            dispatch({ type: 'ALREADY_ANSWERED', band: npsBand(nps), followUp: answeredFollowUp(fresh, nps), view: fresh })
            await drafts.remove(token).catch(() => undefined)
            return
          }
          case 410:
            dispatch({ type: 'CLOSED', phase: { name: 'expired' } })
            await drafts.remove(token).catch(() => undefined)
            return
          case 403:
            dispatch({ type: 'CLOSED', phase: { name: 'not-yours' } })
            return
          case 404:
            dispatch({ type: 'CLOSED', phase: { name: 'invalid-link' } })
            return
          default: {
            const errors = errorsFromIssues(error.details)
            dispatch({ type: 'INVALID', errors: Object.keys(errors).length ? errors : { form: 'invalid' } })
            await persist(false)
          }
        }
      }
    },
    [api, cancelRetry, cancelSave, dispatch, drafts, locale, persist, random, retryPolicy, session, timers, token],
  )

  /**
   * Tells the server the consumer accepted the callback template (WeChat keeps the grant; the server
   * spends it on the one notice). One clientGrantId for every try, so a retry is never a second
   * grant; network and server trouble are retried with back-off, anything else is final.
   */
  const reportGrant = useCallback(async (): Promise<boolean> => {
    const clientGrantId = (grantId.current ??= newClientGrantId())
    for (let attempt = 1; ; attempt++) {
      try {
        await session.withSession((t) => api.reportCallbackGrant({ invitationToken: token, clientGrantId }, t))
        return true
      } catch (error) {
        if (!isRetryable(error) || attempt >= GRANT_REPORT_ATTEMPTS || !mounted.current) return false
        const delay = retryDelayMs(attempt, retryPolicy, random, (error as ApiError).retryAfterMs)
        await new Promise<void>((resolve) => timers.setTimeout(resolve, delay))
      }
    }
  }, [api, newClientGrantId, random, retryPolicy, session, timers, token])

  const load = useCallback(async () => {
    if (!ZInvitationToken.safeParse(token).success) {
      dispatch({ type: 'CLOSED', phase: { name: 'invalid-link' } })
      return
    }
    dispatch({ type: 'LOAD_STARTED' })
    try {
      const [view, draft] = await Promise.all([session.withSession((t) => api.getInvitation(token, t)), drafts.load(token)])
      if (!mounted.current) return
      if (view.state === 'expired') {
        dispatch({ type: 'CLOSED', phase: { name: 'expired' } })
        await drafts.remove(token).catch(() => undefined)
      } else if (view.state === 'answered') {
        const nps = view.answer?.nps ?? draft?.answers.nps
        dispatch({ type: 'ALREADY_ANSWERED', band: nps === undefined ? 'passive' : npsBand(nps), followUp: answeredFollowUp(view, nps), view })
        await drafts.remove(token).catch(() => undefined)
      } else {
        dispatch({
          type: 'OPENED',
          view,
          answers: restoreAnswers(view, draft?.answers ?? EMPTY_ANSWERS),
          clientResponseId: draft?.clientResponseId ?? newClientResponseId(),
        })
        if (draft?.pending) await send(1) // sent before the page was closed, outcome unknown: send again
      }
    } catch (error) {
      if (!mounted.current) return
      if (error instanceof LoginUnavailableError) dispatch({ type: 'CLOSED', phase: { name: 'unsupported' } })
      else if (error instanceof ApiError && error.kind === 'http' && (error.status === 404 || error.status === 400))
        dispatch({ type: 'CLOSED', phase: { name: 'invalid-link' } })
      else if (error instanceof ApiError && error.status === 410) dispatch({ type: 'CLOSED', phase: { name: 'expired' } })
      else if (error instanceof ApiError && error.status === 403) dispatch({ type: 'CLOSED', phase: { name: 'not-yours' } })
      else if (error instanceof ApiError && error.kind === 'network') dispatch({ type: 'CLOSED', phase: { name: 'load-failed', reason: 'network' } })
      else dispatch({ type: 'CLOSED', phase: { name: 'load-failed', reason: 'server' } })
    }
  }, [api, dispatch, drafts, newClientResponseId, send, session, token])

  useEffect(() => {
    mounted.current = true
    void load()
    return () => {
      mounted.current = false
      cancelRetry()
      cancelSave()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads once per invitation; `load` changes only with it, and re-running on each new `load` identity would cancel a pending retry
  }, [token])

  // Every change of the answers is written to storage after a short pause (typing).
  const answers = state.answers
  useEffect(() => {
    if (!isEditable(stateRef.current)) return
    cancelSave()
    saveTimer.current = timers.setTimeout(() => {
      saveTimer.current = undefined
      void persist(PENDING_PHASES.has(stateRef.current.phase.name))
    }, saveDelayMs)
  }, [answers, cancelSave, persist, saveDelayMs, timers])

  const retryNow = useCallback(() => {
    const { phase } = stateRef.current
    if (phase.name === 'retry-wait') {
      cancelRetry()
      void send(phase.attempt + 1)
    } else if (phase.name === 'load-failed') {
      void load()
    }
  }, [cancelRetry, load, send])

  const band = state.answers.nps === undefined ? undefined : npsBand(state.answers.nps)
  const survey = state.view?.survey
  const reasons = useMemo<ReasonChoice[]>(
    () =>
      survey
        ? reasonsForScore(survey, state.answers.nps).map((r) => ({ id: r.id, label: localized(r.label, locale), selected: state.answers.reasons.includes(r.id) }))
        : [],
    [survey, state.answers.nps, state.answers.reasons, locale],
  )
  const messages = useMemo(() => {
    const out: Partial<Record<Field, string>> = {}
    const max = survey?.comment.maxLength ?? 500
    for (const [field, key] of Object.entries(state.errors) as [Field, ValidationMessage][]) {
      out[field] = key === 'commentTooLong' ? texts.errors.commentTooLong(max) : texts.errors[key]
    }
    return out
  }, [state.errors, survey, texts])

  return {
    state,
    texts,
    locale,
    band,
    reasons,
    messages,
    editable: isEditable(state),
    canSubmit: isEditable(state) && state.answers.nps !== undefined,
    subscribeStatus,
    canNotify: requestSubscribe !== undefined && !fromNotice,
    fromNotice,
    chooseScore: (nps) => dispatch({ type: 'SCORE_CHOSEN', nps }),
    toggleReason: (reasonId) => dispatch({ type: 'REASON_TOGGLED', reasonId }),
    chooseCsat: (csat) => dispatch({ type: 'CSAT_CHOSEN', csat }),
    changeComment: (comment) => dispatch({ type: 'COMMENT_CHANGED', comment }),
    submit: () => {
      if (stateRef.current.phase.name === 'answering') void send(1)
    },
    retry: retryNow,
    onShow: retryNow,
    onHide: () => {
      if (saveTimer.current === undefined) return
      cancelSave()
      void persist(PENDING_PHASES.has(stateRef.current.phase.name))
    },
    requestNotify: () => {
      if (!requestSubscribe) {
        setSubscribeStatus('unavailable')
        return
      }
      if (subscribing.current) return // one tap at a time; after an answer the button is gone
      subscribing.current = true
      setSubscribeStatus('asking')
      requestSubscribe()
        .then(async (answer) => (answer === 'accepted' ? ((await reportGrant()) ? 'accepted' : 'unavailable') : answer))
        .catch((): SubscribeStatus => 'unavailable')
        .then((status) => {
          if (mounted.current) setSubscribeStatus(status)
        })
    },
  }
}
