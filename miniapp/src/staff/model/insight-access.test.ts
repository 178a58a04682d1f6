import { ROLE_ACTIONS, type StaffRole } from '@xinsheng/shared'
import { landingPage, mayViewInsight } from './insight-access'

describe('who sees the dashboard and where each role lands', () => {
  it.each<[StaffRole, boolean, 'dashboard' | 'queue']>([
    ['manager', true, 'dashboard'],
    ['admin', true, 'dashboard'],
    ['supervisor', true, 'queue'],
    ['agent', false, 'queue'],
  ])('%s: dashboard %p, lands on the %s', (role, sees, home) => {
    expect(mayViewInsight(role)).toBe(sees)
    expect(landingPage(role)).toBe(home)
  })

  it('lands nobody on a screen they may not read', () => {
    for (const role of Object.keys(ROLE_ACTIONS) as StaffRole[]) {
      if (landingPage(role) === 'dashboard') expect(mayViewInsight(role)).toBe(true)
      else expect(ROLE_ACTIONS[role]).toContain('list')
    }
  })
})
