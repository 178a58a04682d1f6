import { ADMIN_SECTIONS, adminShellTexts, pickAdminSection } from './admin-sections'

describe('the admin console sections', () => {
  it('opens the section asked for when it is shown, else the first shown one', () => {
    expect(pickAdminSection('audit', ['stores', 'audit'])).toBe('audit')
    expect(pickAdminSection('webhooks', ['stores', 'audit'])).toBe('stores')
    expect(pickAdminSection(undefined, ['audit'])).toBe('audit')
    expect(pickAdminSection('stores', [])).toBeUndefined()
  })

  it('names every section in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const id of ADMIN_SECTIONS) expect(adminShellTexts(locale).sections[id].length).toBeGreaterThan(0)
    }
    expect(adminShellTexts('zh-CN').sections.audit).not.toBe(adminShellTexts('en').sections.audit)
  })
})
