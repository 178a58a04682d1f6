import { canDrill, childGroupBy, crumbs, dashboardParamsQuery, dashboardRouteQuery, drillInto, drillUpTo, initialDrill, parseDashboardRoute, scopeFilter, scopeLevel, type DrillState } from './insight-scope'

const brandWide = { allRegions: true, regions: [], stores: [] }
const east = { key: 'east', label: '华东' }
const store = { key: 'sh-001', label: '上海南京西路店' }
const wang = { key: 'sh-001-wang', label: '王' }

describe('drilling down the dashboard', () => {
  it('goes brand → region → store → staff, each level listing the one below', () => {
    let drill: DrillState = {}
    const seen: string[] = []
    for (const node of [east, store, wang]) {
      seen.push(`${scopeLevel(drill)}:${childGroupBy(scopeLevel(drill))}`)
      expect(canDrill(scopeLevel(drill))).toBe(true)
      drill = drillInto(drill, node)
    }
    seen.push(`${scopeLevel(drill)}:${childGroupBy(scopeLevel(drill))}`)
    expect(seen).toEqual(['brand:region', 'region:store', 'store:staff', 'staff:undefined'])
    // A staff member is the last level.
    expect(canDrill('staff')).toBe(false)
    expect(drillInto(drill, { key: 'sh-001-li', label: '李' })).toBe(drill)
    expect(crumbs(drill)).toEqual([
      { level: 'brand', current: false },
      { level: 'region', node: east, current: false },
      { level: 'store', node: store, current: false },
      { level: 'staff', node: wang, current: true },
    ])
  })

  it('asks the API for the deepest level only', () => {
    expect(scopeFilter({})).toEqual({})
    expect(scopeFilter({ region: east })).toEqual({ region: 'east' })
    expect(scopeFilter({ region: east, store })).toEqual({ store: 'sh-001' })
    expect(scopeFilter({ region: east, store, staff: wang })).toEqual({ staff: 'sh-001-wang' })
  })

  it('goes back up to a crumb, dropping what was below it', () => {
    const deep = { region: east, store, staff: wang }
    expect(drillUpTo(deep, 'store')).toEqual({ region: east, store })
    expect(drillUpTo(deep, 'region')).toEqual({ region: east })
    expect(drillUpTo(deep, 'brand')).toEqual({})
    expect(scopeLevel(drillUpTo(deep, 'region'))).toBe('region')
  })

  it('starts a person where their scope is', () => {
    expect(initialDrill(brandWide)).toEqual({})
    expect(initialDrill({ allRegions: false, regions: ['east'], stores: [] })).toEqual({ region: { key: 'east', label: 'east' } })
    expect(initialDrill({ allRegions: false, regions: [], stores: ['sh-001'] })).toEqual({ store: { key: 'sh-001', label: 'sh-001' } })
    expect(initialDrill({ allRegions: false, regions: ['east', 'south'], stores: [] })).toEqual({})
  })
})

describe('the dashboard address', () => {
  const today = '2026-12-03'

  it('is empty for the default view, and round-trips a drilled custom view', () => {
    const plain = parseDashboardRoute({}, today, brandWide)
    expect(plain).toEqual({ period: { preset: '28d', from: '2026-11-06', to: '2026-12-03' }, grain: 'day', drill: {} })
    expect(dashboardRouteQuery(plain)).toBe('')

    const route = { period: { preset: 'custom' as const, from: '2026-01-01', to: '2026-03-31' }, grain: 'day' as const, drill: { region: east, store } }
    const query = dashboardRouteQuery(route, 'en')
    expect(query).toBe('?period=custom&from=2026-01-01&to=2026-03-31&trend=day&region=east&store=sh-001&lang=en')
    const params = Object.fromEntries(new URLSearchParams(query.slice(1)))
    // Back from the address the crumbs are named by their keys until a row names them.
    expect(parseDashboardRoute(params, today, brandWide)).toEqual({ ...route, drill: { region: { key: 'east', label: 'east' }, store: { key: 'sh-001', label: 'sh-001' } } })
  })

  it('falls back to the defaults for anything wrong, and to the person’s own scope', () => {
    const regional = { allRegions: false, regions: ['east'], stores: [] }
    const route = parseDashboardRoute({ period: 'custom', from: '2026-12-10', to: '2026-12-01', trend: 'hour', store: 'x'.repeat(200) }, today, regional)
    expect(route).toEqual({ period: { preset: '28d', from: '2026-11-06', to: '2026-12-03' }, grain: 'day', drill: { region: { key: 'east', label: 'east' } } })
    expect(parseDashboardRoute({ period: '90d', staff: 'sh-001-wang%20' }, today, brandWide)).toEqual({
      period: { preset: '90d', from: '2026-09-05', to: '2026-12-03' },
      grain: 'week',
      drill: { staff: { key: 'sh-001-wang', label: 'sh-001-wang' } },
    })
  })
})

describe('the dashboard address before a login', () => {
  it('keeps only the dashboard’s own parameters, decoded once and encoded again', () => {
    expect(dashboardParamsQuery({ period: '90d', store: 'sh-001', lang: 'en', next: '/elsewhere', staff: '' })).toBe('?period=90d&store=sh-001&lang=en')
    expect(dashboardParamsQuery({ region: '%E5%8D%8E%E4%B8%9C' })).toBe('?region=%E5%8D%8E%E4%B8%9C')
    expect(dashboardParamsQuery({})).toBe('')
  })
})
