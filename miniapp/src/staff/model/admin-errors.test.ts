import { ApiError } from '../../common/api-error'
import { adminErrorMessage } from './admin-errors'
import { staffTextsFor } from './i18n'

const en = staffTextsFor('en')

describe('adminErrorMessage', () => {
  it('names each field a 400 names', () => {
    const error = new ApiError('http', 'invalid request', { status: 400, code: 'invalid_request', details: [{ path: ['timeZone'], message: 'unknown time zone' }, { path: ['policy', 'delayMinutes'], message: 'too big' }] })
    expect(adminErrorMessage(error, en)).toBe('invalid request (timeZone: unknown time zone; policy.delayMinutes: too big)')
  })

  it("keeps a 409's message", () => {
    expect(adminErrorMessage(new ApiError('http', 'store sh-001 exists', { status: 409, code: 'conflict' }), en)).toBe('store sh-001 exists')
  })

  it('says the rest as the workbench does', () => {
    expect(adminErrorMessage(new ApiError('network', 'x'), en)).toBe(en.errors.network)
    expect(adminErrorMessage(new ApiError('http', 'x', { status: 403, code: 'forbidden_role' }), en)).toBe(en.errors.forbidden_role)
  })
})
