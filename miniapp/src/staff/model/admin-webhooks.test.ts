import type { DeliveryView } from '@xinsheng/shared'
import { attemptLine, deliverySummary, readDeliveryPage, registrationProblem, registerWebhook, toggleEvent, webhookTexts } from './admin-webhooks'
import type { JsonCaller } from '../../common/http-json'

const t = webhookTexts('en')
const time = (iso: string) => iso.slice(0, 16).replace('T', ' ')

function fakeCaller(answer: unknown): JsonCaller & { calls: unknown[][] } {
  const calls: unknown[][] = []
  return {
    calls,
    call: async (...args: unknown[]) => {
      calls.push(args)
      return { status: 200, body: answer, headers: {} } as never
    },
    parse: (schema: { parse(v: unknown): unknown }, res: { body: unknown }) => schema.parse(res.body),
  } as unknown as JsonCaller & { calls: unknown[][] }
}

describe('the webhooks section model', () => {
  it('keeps the chosen events in the API order, toggling each in and out', () => {
    expect(toggleEvent([], 'task.resolved')).toEqual(['task.resolved'])
    expect(toggleEvent(['task.resolved'], 'response.created')).toEqual(['response.created', 'task.resolved'])
    expect(toggleEvent(['response.created', 'task.resolved'], 'response.created')).toEqual(['task.resolved'])
  })

  it.each([
    ['https://crm.example.com/in', ['task.created'], undefined],
    ['  https://crm.example.com/in ', ['task.created'], undefined],
    ['crm.example.com', ['task.created'], t.url],
    ['https://crm.example.com/in', [], t.chooseEvent],
  ] as const)('registration %s %p → %p', (url, events, problem) => {
    expect(registrationProblem(url, [...events], t)).toBe(problem)
  })

  it('describes attempts and deliveries', () => {
    expect(attemptLine({ at: '2026-12-03T10:00:00.000Z', statusCode: 500, latencyMs: 120, error: 'HTTP 500' }, time)).toBe('2026-12-03 10:00 · 500 · 120 ms · HTTP 500')
    expect(attemptLine({ at: '2026-12-03T10:00:00.000Z', statusCode: null, latencyMs: 10000, error: 'no answer within 10000 ms' }, time)).toBe('2026-12-03 10:00 · — · 10000 ms · no answer within 10000 ms')
    const pending: DeliveryView = { deliveryId: 'dlv_1', event: 'task.created', eventId: 'evt_1', state: 'pending', createdAt: '2026-12-03T10:00:00.000Z', nextAttemptAt: '2026-12-03T10:00:35.000Z', attempts: [{ at: '2026-12-03T10:00:05.000Z', statusCode: 500, latencyMs: 3, error: 'HTTP 500' }] }
    expect(deliverySummary(pending, t, time)).toBe('New callback task · Retrying · 1× · next attempt 2026-12-03 10:00')
    expect(deliverySummary({ ...pending, state: 'dead', nextAttemptAt: null }, webhookTexts('zh-CN'), time)).toBe('新回访任务 · 已放弃 · 1×')
  })

  it('sends the trimmed URL and parses the answers with the shared schemas', async () => {
    const caller = fakeCaller({ webhookId: 'wh_abcdefghijklmnopqrst', secret: 'whsec_x' })
    await expect(registerWebhook(caller, 'tok', ' https://crm.example.com/in ', ['task.created'])).resolves.toEqual({ webhookId: 'wh_abcdefghijklmnopqrst', secret: 'whsec_x' })
    expect(caller.calls[0]).toEqual(['POST', '/v1/admin/webhooks', 'tok', { url: 'https://crm.example.com/in', events: ['task.created'] }])
    const page = fakeCaller({ items: [], nextCursor: null })
    await readDeliveryPage(page, 'tok', 'wh_abcdefghijklmnopqrst', 'c/1')
    expect(page.calls[0][1]).toBe('/v1/admin/webhooks/wh_abcdefghijklmnopqrst/deliveries?cursor=c%2F1')
    await expect(readDeliveryPage(fakeCaller({ items: 'no' }), 'tok', 'wh_abcdefghijklmnopqrst')).rejects.toThrow()
  })
})
