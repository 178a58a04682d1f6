/** @jest-environment jsdom */
import { act, renderHook, waitFor } from '@testing-library/react'
import { memoryStorage, type HttpRequest } from '../../common/ports'
import { errorBody, fakeApi, json } from '../../common/testing/fixtures'
import { staffTextsFor } from './i18n'
import { createInsightApi, insightQueryString } from './insight-api'
import { parseDashboardRoute } from './insight-scope'
import { createStaffSessionStore } from './staff-session'
import { csatMetric, loopMetric, npsOf, npsMetric, outcomesMetric, reasonsMetric, themesMetric } from './testing/insight-fixtures'
import { loginFixture } from './testing/fixtures'
import { useDashboard } from './use-dashboard'

const zh = staffTextsFor('zh-CN')
const TODAY = '2026-12-03'

const metricRoutes = (overrides: Partial<Record<string, (request: HttpRequest) => ReturnType<typeof json> | Promise<ReturnType<typeof json>>>> = {}) => ({
  'GET /v1/metrics/nps': () => json(200, npsMetric(npsOf({ promoters: 30, passives: 5, detractors: 5 }))),
  'GET /v1/metrics/csat': () => json(200, csatMetric()),
  'GET /v1/metrics/reasons': () => json(200, reasonsMetric()),
  'GET /v1/metrics/themes': () => json(200, themesMetric()),
  'GET /v1/metrics/loop': () => json(200, loopMetric()),
  'GET /v1/metrics/outcomes': () => json(200, outcomesMetric()),
  ...overrides,
})

function setup(routes = metricRoutes()) {
  const api = fakeApi(routes)
  const sessions = createStaffSessionStore(memoryStorage(), { now: () => Date.parse('2026-11-23T00:00:00.000Z') })
  const session = loginFixture('manager', { staff: { staffId: 'manager', brandId: 'demo-brand', name: '客户体验经理', role: 'manager', scope: { allRegions: true, regions: [], stores: [] } } })
  const signedOut = jest.fn()
  const client = createInsightApi({ baseUrl: 'http://x', transport: api.transport })
  const initial = parseDashboardRoute({}, TODAY, session.staff.scope)
  const hook = renderHook(() => useDashboard(session, initial, zh, TODAY, { api: client, sessions, onSignedOut: signedOut }))
  return { api, hook, signedOut }
}

const asked = (requests: HttpRequest[]) => requests.map((r) => `${new URL(r.url).pathname}${new URL(r.url).search}`).sort()
const settled = (result: { current: { busy: boolean } }) => waitFor(() => expect(result.current.busy).toBe(false))

describe('useDashboard', () => {
  it('reads every card for the period, the table grouped by the level below, the trend by day', async () => {
    const { api, hook } = setup()
    await settled(hook.result)
    const range = 'from=2026-11-06&to=2026-12-03'
    expect(asked(api.requests)).toEqual(
      [
        `/v1/metrics/csat?${range}`,
        `/v1/metrics/loop?${range}`,
        `/v1/metrics/nps?${range}&groupBy=day`,
        `/v1/metrics/nps?${range}&groupBy=region`,
        `/v1/metrics/outcomes?${range}`,
        `/v1/metrics/reasons?${range}`,
        `/v1/metrics/themes?${range}`,
      ].sort(),
    )
    expect(api.requests.every((r) => r.headers.authorization === 'Bearer token-manager')).toBe(true)
    expect(hook.result.current.nps.value?.total.score).toBe(62.5)
    expect(hook.result.current.level).toBe('brand')
  })

  it('drills down and back up: the filter is the deepest level, the table the level below', async () => {
    const { api, hook } = setup()
    await settled(hook.result)
    const npsAsked = () => asked(api.requests.filter((r) => r.url.includes('/nps') && !r.url.includes('groupBy=day') && !r.url.includes('groupBy=week')))
    api.requests.length = 0
    act(() => hook.result.current.drillInto({ key: 'east', label: '华东' }))
    await settled(hook.result)
    act(() => hook.result.current.drillInto({ key: 'sh-001', label: '上海南京西路店' }))
    await settled(hook.result)
    act(() => hook.result.current.drillInto({ key: 'sh-001-wang', label: '王' }))
    await settled(hook.result)
    expect(npsAsked()).toEqual([
      '/v1/metrics/nps?from=2026-11-06&to=2026-12-03&region=east&groupBy=store',
      '/v1/metrics/nps?from=2026-11-06&to=2026-12-03&staff=sh-001-wang',
      '/v1/metrics/nps?from=2026-11-06&to=2026-12-03&store=sh-001&groupBy=staff',
    ])
    expect(hook.result.current.crumbs.map((c) => c.node?.label ?? c.level)).toEqual(['brand', '华东', '上海南京西路店', '王'])
    // The loop is counted per store: at a staff member's level it is not asked for, and the card says why.
    expect(api.requests.some((r) => r.url.includes('/loop') && r.url.includes('staff='))).toBe(false)
    expect(hook.result.current.loop).toEqual({ loading: false, note: '回访闭环按门店统计，不分员工；请回到门店查看。' })
    act(() => hook.result.current.drillUpTo('region'))
    expect(hook.result.current.level).toBe('region')
    await settled(hook.result)
    expect(api.requests.at(-1)?.url).toContain('region=east')
  })

  it('changes the period (and with it the trend’s resolution); refuses a wrong custom range without asking', async () => {
    const { api, hook } = setup()
    await settled(hook.result)
    act(() => hook.result.current.choosePreset('90d'))
    await settled(hook.result)
    expect(hook.result.current.route.grain).toBe('week')
    expect(api.requests.some((r) => r.url.endsWith('/v1/metrics/nps?from=2026-09-05&to=2026-12-03&groupBy=week'))).toBe(true)
    act(() => hook.result.current.setGrain('month'))
    await settled(hook.result)
    expect(api.requests.at(-1)?.url).toContain('groupBy=month')

    const before = api.requests.length
    let issue: string | undefined
    act(() => {
      issue = hook.result.current.applyCustom('2026-12-01', '2026-11-01')
    })
    expect(issue).toBe('order')
    expect(hook.result.current.customIssue).toBe('order')
    expect(api.requests.length).toBe(before)
    act(() => {
      issue = hook.result.current.applyCustom('2026-11-01', '2026-11-30')
    })
    expect(issue).toBeUndefined()
    await settled(hook.result)
    expect(hook.result.current.route.period).toEqual({ preset: 'custom', from: '2026-11-01', to: '2026-11-30' })
    expect(hook.result.current.customIssue).toBeUndefined()
  })

  it('a card that fails says so on its own; the others still show', async () => {
    const { hook } = setup(metricRoutes({ 'GET /v1/metrics/themes': () => json(500, errorBody('internal')), 'GET /v1/metrics/outcomes': () => json(403, errorBody('forbidden')) }))
    await settled(hook.result)
    expect(hook.result.current.themes).toEqual({ loading: false, error: '这部分数据没能加载，请稍后刷新。' })
    expect(hook.result.current.outcomes.error).toBe('您的角色不能进行此操作。')
    expect(hook.result.current.nps.value?.total.n).toBe(40)
    expect(hook.result.current.loop.value?.detractors).toBe(20)
  })

  it('an answer off the contract is an error, not a figure', async () => {
    const { hook } = setup(metricRoutes({ 'GET /v1/metrics/loop': () => json(200, { detractors: 'many' }) }))
    await settled(hook.result)
    expect(hook.result.current.loop.value).toBeUndefined()
    expect(hook.result.current.loop.error).toBe('这部分数据没能加载，请稍后刷新。')
  })

  it('a refused token ends the session once the answers come back', async () => {
    const { hook, signedOut } = setup(metricRoutes({ 'GET /v1/metrics/nps': () => json(401, errorBody('unauthorized')) }))
    await waitFor(() => expect(signedOut).toHaveBeenCalled())
    // The card does not show an error for it: the page is on its way to the login screen.
    expect(hook.result.current.nps.error).toBeUndefined()
  })

  it('drops an answer for a state no longer shown', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const { hook } = setup(
      metricRoutes({
        'GET /v1/metrics/nps': async (request) => {
          if (request.url.includes('groupBy=region')) {
            await held
            return json(200, npsMetric(npsOf({ promoters: 1, passives: 0, detractors: 0 })))
          }
          return json(200, npsMetric(npsOf({ promoters: 0, passives: 0, detractors: 4 })))
        },
      }),
    )
    act(() => hook.result.current.drillInto({ key: 'east', label: '华东' }))
    await waitFor(() => expect(hook.result.current.nps.value?.total.detractors).toBe(4))
    release()
    await new Promise((r) => setTimeout(r, 20))
    expect(hook.result.current.nps.value?.total.detractors).toBe(4)
  })
})

describe('insightQueryString', () => {
  it('writes the set values in a fixed order, encoded', () => {
    expect(insightQueryString({ groupBy: 'store', to: '2026-12-03', from: '2026-11-06', region: '华东 1' })).toBe('?from=2026-11-06&to=2026-12-03&region=%E5%8D%8E%E4%B8%9C%201&groupBy=store')
    expect(insightQueryString({ from: '', to: '' })).toBe('')
  })
})
