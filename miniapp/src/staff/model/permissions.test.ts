import { detailFixture } from './testing/fixtures'
import { availableActions, defaultTab, queueTabs, tabFilter } from './permissions'

describe('what the workbench offers', () => {
  const agent = { staffId: 'agent.east', role: 'agent' as const }
  const other = { staffId: 'agent.east2', role: 'agent' as const }
  const supervisor = { staffId: 'supervisor.east', role: 'supervisor' as const }
  const manager = { staffId: 'manager', role: 'manager' as const }
  const open = detailFixture()
  const mine = detailFixture({ status: 'in_progress', assignee: 'agent.east' })
  const resolved = detailFixture({ status: 'resolved', assignee: 'agent.east' })

  it.each([
    ['an agent, open task', open, agent, { claim: true, call: false, attempt: false, resolve: false, reopen: false, assign: false }],
    ['the assignee', mine, agent, { claim: false, call: true, attempt: true, resolve: true, reopen: false, assign: false }],
    ['another agent, claimed task', mine, other, { claim: false, call: false, attempt: false, resolve: false, reopen: false, assign: false }],
    ['a supervisor, someone’s task', mine, supervisor, { claim: false, call: true, attempt: true, resolve: true, reopen: false, assign: true }],
    ['a supervisor, resolved task', resolved, supervisor, { claim: false, call: false, attempt: false, resolve: false, reopen: true, assign: false }],
    ['an agent, resolved task', resolved, agent, { claim: false, call: false, attempt: false, resolve: false, reopen: false, assign: false }],
    ['a manager', open, manager, { claim: false, call: false, attempt: false, resolve: false, reopen: false, assign: false }],
  ])('%s', (_name, task, staff, expected) => {
    expect(availableActions(task, staff)).toEqual(expected)
  })

  it('offers no call when no phone is known', () => {
    expect(availableActions({ ...mine, phoneMasked: undefined }, agent).call).toBe(false)
  })

  it('tabs and their filters by role', () => {
    expect(queueTabs('agent')).toEqual(['mine', 'open', 'escalated'])
    expect(queueTabs('supervisor')).toEqual(['mine', 'open', 'escalated', 'resolved'])
    expect(queueTabs('manager')).toEqual(['open', 'escalated'])
    expect(defaultTab('agent')).toBe('open')
    expect(defaultTab('supervisor')).toBe('escalated')
    expect(tabFilter('mine')).toEqual({ mine: true })
    expect(tabFilter('escalated')).toEqual({ escalated: true })
    expect(tabFilter('resolved')).toEqual({ status: 'resolved' })
  })
})
