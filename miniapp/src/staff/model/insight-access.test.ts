import { mayReadInsight, ROLE_ACTIONS, type StaffRole } from '@xinsheng/shared'
import { landingPage } from './insight-access'

describe('where each role lands', () => {
  it.each<[StaffRole, 'dashboard' | 'queue']>([
    ['manager', 'dashboard'],
    ['admin', 'dashboard'],
    ['supervisor', 'queue'],
    ['agent', 'queue'],
  ])('%s lands on the %s', (role, home) => {
    expect(landingPage(role)).toBe(home)
  })

  it('lands nobody on a screen they may not read', () => {
    for (const role of Object.keys(ROLE_ACTIONS) as StaffRole[]) {
      if (landingPage(role) === 'dashboard') expect(mayReadInsight(role)).toBe(true)
      else expect(ROLE_ACTIONS[role]).toContain('list')
    }
  })
})
