import { ZInvitationView, ZResponseCreated, ZSurveyDefinition, type InvitationView, type SurveyDefinition } from '@xinsheng/shared'
import type { HttpRequest, HttpResponse, HttpTransport, Timers } from '../ports'

/** Test fixtures, each parsed through its schema (never cast). Not imported by the app. */

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en })

export function surveyFixture(overrides: Partial<SurveyDefinition> = {}): SurveyDefinition {
  return ZSurveyDefinition.parse({
    surveyId: 'retail-nps',
    version: 1,
    brandId: 'demo-brand',
    title: t('购物体验调查', 'Shopping experience survey'),
    nps: { min: 0, max: 10, question: t('您有多大可能推荐我们？', 'How likely are you to recommend us?'), lowLabel: t('不可能', 'Not at all likely'), highLabel: t('极有可能', 'Extremely likely') },
    csat: { min: 1, max: 5, question: t('您对本次购物满意吗？', 'How satisfied were you?'), required: false },
    reasons: {
      question: { detractor: t('哪些方面让您不满意？', 'What disappointed you?'), passive: t('哪些方面可以更好？', 'What could be better?'), promoter: t('您最喜欢哪些方面？', 'What did you like?') },
      detractor: [
        { id: 'long_wait', label: t('排队时间长', 'Long wait') },
        { id: 'staff_attitude', label: t('服务态度差', 'Unfriendly staff') },
      ],
      passive: [{ id: 'price', label: t('价格', 'Prices') }],
      promoter: [
        { id: 'friendly_staff', label: t('店员热情', 'Friendly staff') },
        { id: 'fast_checkout', label: t('结账快', 'Fast checkout') },
      ],
    },
    comment: { maxLength: 500, placeholder: t('选填', 'Optional') },
    ...overrides,
  })
}

export function invitationFixture(overrides: Partial<InvitationView> = {}): InvitationView {
  return ZInvitationView.parse({
    state: 'open',
    survey: surveyFixture(),
    store: { name: '上海南京西路店' },
    expiresAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  })
}

export const INVITATION_TOKEN = '01JABCDEFGHJKMNPQRSTVWXYZ0.abcdefghijklmnopqrstuvwxyz012345'

export function created(callback = true, slaHours = 24) {
  return ZResponseCreated.parse({ responseId: '01JRESPONSE0000000000000000', followUp: callback ? { callback, slaHours } : { callback } })
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body })
export const errorBody = (code: string, details?: { path: (string | number)[]; message: string }[]) => ({ error: { code, message: code, ...(details ? { details } : {}) } })

type Handler = (request: HttpRequest) => HttpResponse | 'offline' | Promise<HttpResponse | 'offline'>

/** A scripted API behind the real client: routes by "METHOD /path-prefix", records every request. */
export function fakeApi(routes: Record<string, Handler>) {
  const requests: HttpRequest[] = []
  const transport: HttpTransport = async (request) => {
    requests.push(request)
    const path = new URL(request.url).pathname
    const key = Object.keys(routes).find((k) => {
      const [method, prefix] = k.split(' ')
      return method === request.method && path.startsWith(prefix)
    })
    if (!key) return json(404, errorBody('not_found'))
    const answer = await routes[key](request)
    if (answer === 'offline') throw new TypeError('Failed to fetch')
    return answer
  }
  return { transport, requests, posts: (prefix: string) => requests.filter((r) => r.method === 'POST' && new URL(r.url).pathname.startsWith(prefix)) }
}

export const sessionRoute = (): Handler => () => json(200, { token: 'session-token', expiresAt: '2030-01-01T00:00:00.000Z' })

/** Timers driven by the test: nothing fires until advance(). */
export function manualTimers(start = 1_000_000): Timers & { advance(ms: number): void; pending(): number[] } {
  let now = start
  let nextId = 1
  const queue = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++
      queue.set(id, { at: now + ms, callback })
      return id
    },
    clearTimeout(handle) {
      queue.delete(handle as number)
    },
    advance(ms) {
      now += ms
      for (const [id, timer] of [...queue.entries()].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at <= now && queue.has(id)) {
          queue.delete(id)
          timer.callback()
        }
      }
    },
    pending: () => [...queue.values()].map((t) => t.at - now),
  }
}
