import { ApiError } from '../../common/api-error'
import { emptyStaffForm, scopeLine, staffAdminTexts, staffApiFieldErrors, staffCreateBody, staffToForm, staffUpdateBody } from './admin-staff'

const en = staffAdminTexts('en')
const view = (scope: { allRegions: boolean; regions: string[]; stores: string[] }) => ({ staffId: 'li.na', username: 'li.na', name: '李娜', role: 'supervisor' as const, scope, disabled: false, createdAt: '2026-01-01T00:00:00.000Z' })

describe('the staff form', () => {
  it('creates with regions, stores or the whole brand', () => {
    expect(staffCreateBody({ ...emptyStaffForm(), username: 'li.na', name: '李娜', scopeIds: 'south, east' })).toEqual({ ok: true, body: { username: 'li.na', name: '李娜', role: 'agent', allRegions: false, regions: ['south', 'east'], stores: [] } })
    const all = staffCreateBody({ ...emptyStaffForm(), username: 'li.na', name: '李娜', role: 'manager', scopeKind: 'all' })
    expect(all.ok && all.body).toMatchObject({ allRegions: true, regions: [], stores: [] })
  })

  it('names the bad fields, a missing scope beside the scope', () => {
    const result = staffCreateBody({ ...emptyStaffForm(), username: 'Li Na', name: '', scopeKind: 'stores', scopeIds: '' })
    expect(!result.ok && Object.keys(result.errors.fields).sort()).toEqual(['name', 'scope', 'username'])
    expect(staffUpdateBody({ ...emptyStaffForm(), name: 'x', scopeIds: ' ' }, en.form.emptyScope)).toEqual({ ok: false, errors: { fields: { scope: en.form.emptyScope }, other: [] } })
  })

  it('edits the whole scope from a listed account', () => {
    const form = staffToForm(view({ allRegions: false, regions: [], stores: ['sh-001', 'sh-002'] }))
    expect(form).toEqual({ username: 'li.na', name: '李娜', role: 'supervisor', scopeKind: 'stores', scopeIds: 'sh-001 sh-002' })
    expect(staffUpdateBody({ ...form, role: 'manager' }, 'e')).toEqual({ ok: true, body: { name: '李娜', role: 'manager', allRegions: false, regions: [], stores: ['sh-001', 'sh-002'] } })
  })

  it("puts a server 400 on regions beside the scope", () => {
    const error = new ApiError('http', 'the account covers nothing', { status: 400, details: [{ path: ['body', 'regions'], message: 'give allRegions, regions or stores' }] })
    expect(staffApiFieldErrors(error)?.fields).toEqual({ scope: 'give allRegions, regions or stores' })
  })

  it('says what an account covers', () => {
    expect(scopeLine(view({ allRegions: true, regions: [], stores: [] }), en)).toBe('All regions')
    expect(scopeLine(view({ allRegions: false, regions: ['south'], stores: ['sh-001'] }), en)).toBe('Regions: south · Stores: sh-001')
  })
})
