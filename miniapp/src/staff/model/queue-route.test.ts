import { parseQueueRoute, queueRouteQuery } from './queue-route'

describe('the queue page’s address', () => {
  it('reads the task and the tab', () => {
    expect(parseQueueRoute({ id: '01JTASK', tab: 'mine', lang: 'en' }, 'agent')).toEqual({ taskId: '01JTASK', tab: 'mine' })
    expect(parseQueueRoute({ tab: 'resolved' }, 'supervisor')).toEqual({ tab: 'resolved' })
  })

  it('decodes what Taro hands over still percent-encoded', () => {
    expect(parseQueueRoute({ id: 'a%2Fb%20c', tab: 'open' }, 'agent')).toEqual({ taskId: 'a/b c', tab: 'open' })
  })

  it('falls back to the role’s first tab for a tab it does not have, or none', () => {
    expect(parseQueueRoute({}, 'agent')).toEqual({ tab: 'open' })
    expect(parseQueueRoute({}, 'supervisor')).toEqual({ tab: 'escalated' })
    expect(parseQueueRoute({ tab: 'resolved' }, 'agent')).toEqual({ tab: 'open' })
    expect(parseQueueRoute({ tab: 'mine' }, 'manager')).toEqual({ tab: 'open' })
    expect(parseQueueRoute({ tab: 'nonsense' }, 'agent')).toEqual({ tab: 'open' })
    expect(parseQueueRoute({ tab: '%E0%A4%A' }, 'agent')).toEqual({ tab: 'open' })
  })

  it('takes no task from an empty, broken or overlong id', () => {
    expect(parseQueueRoute({ id: '' }, 'agent').taskId).toBeUndefined()
    expect(parseQueueRoute({ id: '%20' }, 'agent').taskId).toBeUndefined()
    expect(parseQueueRoute({ id: '%E0%A4%A' }, 'agent').taskId).toBeUndefined()
    expect(parseQueueRoute({ id: 'x'.repeat(129) }, 'agent').taskId).toBeUndefined()
    expect(parseQueueRoute({ id: 'x'.repeat(128) }, 'agent').taskId).toBe('x'.repeat(128))
  })

  it('writes the state as a query, each part only when set', () => {
    expect(queueRouteQuery({})).toBe('')
    expect(queueRouteQuery({ tab: 'mine' })).toBe('?tab=mine')
    expect(queueRouteQuery({ taskId: '01JTASK', tab: 'escalated', lang: 'en' })).toBe('?id=01JTASK&tab=escalated&lang=en')
    expect(queueRouteQuery({ taskId: 'a/b c&d', tab: 'open' })).toBe('?id=a%2Fb%20c%26d&tab=open')
  })

  it('leaves out the role’s first tab, which is what no tab reads as', () => {
    expect(queueRouteQuery({ taskId: '01JTASK', tab: 'open' }, 'agent')).toBe('?id=01JTASK')
    expect(queueRouteQuery({ taskId: '01JTASK', tab: 'mine' }, 'agent')).toBe('?id=01JTASK&tab=mine')
    expect(queueRouteQuery({ tab: 'open', lang: 'en' }, 'supervisor')).toBe('?tab=open&lang=en')
    expect(queueRouteQuery({ tab: 'escalated' }, 'supervisor')).toBe('')
    expect(parseQueueRoute({ id: '01JTASK' }, 'supervisor')).toEqual({ taskId: '01JTASK', tab: 'escalated' })
  })

  it('reads back what it writes', () => {
    const query = queueRouteQuery({ taskId: 'ä/ö?&=', tab: 'mine', lang: 'en' })
    const params = Object.fromEntries(query.slice(1).split('&').map((pair) => pair.split('=') as [string, string]))
    expect(parseQueueRoute(params, 'agent')).toEqual({ taskId: 'ä/ö?&=', tab: 'mine' })
  })
})
