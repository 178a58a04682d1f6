import { ApiError } from '../../common/api-error'
import { apiFieldErrors, emptyStoreForm, fieldErrors, splitIds, storeCreateBody, storeToForm, storeUpdateBody, STORE_FORM_FIELDS } from './admin-stores-form'

const filled = () => ({ ...emptyStoreForm(), storeId: 'bj-009', name: '北京国贸店', region: 'north', staffIds: 'bj-009-li, bj-009-wu;bj-009-he' })

describe('the store form', () => {
  it('becomes a create body through the shared schema, empty overrides left to the brand', () => {
    expect(storeCreateBody(filled(), 'n')).toEqual({ ok: true, body: { storeId: 'bj-009', name: '北京国贸店', region: 'north', timeZone: 'Asia/Shanghai', staffIds: ['bj-009-li', 'bj-009-wu', 'bj-009-he'], policy: {} } })
  })

  it('carries the overrides given: numbers, quiet hours set or switched off', () => {
    const set = storeCreateBody({ ...filled(), fatigueDays: '14', sendDelayMinutes: ' 0 ', quietMode: 'set', quietStart: '22:00', quietEnd: '08:00' }, 'n')
    expect(set.ok && set.body.policy).toEqual({ fatigueDays: 14, sendDelayMinutes: 0, quietHours: { start: '22:00', end: '08:00' } })
    const none = storeUpdateBody({ ...filled(), quietMode: 'none' }, 'n')
    expect(none.ok && none.body).toEqual({ name: '北京国贸店', region: 'north', timeZone: 'Asia/Shanghai', staffIds: ['bj-009-li', 'bj-009-wu', 'bj-009-he'], policy: { quietHours: null } })
  })

  it('names each bad field, one message per field', () => {
    const result = storeCreateBody({ ...filled(), storeId: 'bj 009', name: ' ', timeZone: '+08:00', fatigueDays: 'two', invitationTtlDays: '99', quietMode: 'set', quietStart: '25:00', quietEnd: '08:00' }, 'a whole number')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(Object.keys(result.errors.fields).sort()).toEqual(['name', 'policy.fatigueDays', 'policy.invitationTtlDays', 'policy.quietHours', 'storeId', 'timeZone'])
    expect(result.errors.fields['policy.fatigueDays']).toBe('a whole number')
    expect(result.errors.fields.timeZone).toMatch(/IANA/)
    expect(result.errors.other).toEqual([])
  })

  it('round-trips a listed store', () => {
    const store = { storeId: 's1', name: 'S', region: 'r', timeZone: 'Asia/Shanghai', staffIds: ['a', 'b'], policy: { fatigueDays: 3, quietHours: null } }
    const form = storeToForm(store)
    expect(form).toMatchObject({ staffIds: 'a b', fatigueDays: '3', sendDelayMinutes: '', quietMode: 'none' })
    expect(storeUpdateBody(form, 'n')).toEqual({ ok: true, body: { name: 'S', region: 'r', timeZone: 'Asia/Shanghai', staffIds: ['a', 'b'], policy: { fatigueDays: 3, quietHours: null } } })
  })

  it("lays a server 400 out by field (its paths start with body), the rest above the form", () => {
    const error = new ApiError('http', 'invalid request', { status: 400, details: [{ path: ['body', 'policy', 'quietHours', 'start'], message: 'HH:mm' }, { path: ['body', 'staffIds', 2], message: 'bad id' }, { path: ['body', 'surveyId'], message: 'unknown field' }] })
    expect(apiFieldErrors(error, STORE_FORM_FIELDS)).toEqual({ fields: { 'policy.quietHours': 'HH:mm', staffIds: 'bad id' }, other: ['surveyId: unknown field'] })
    expect(apiFieldErrors(new ApiError('http', 'exists', { status: 409 }), STORE_FORM_FIELDS)).toBeUndefined()
    expect(fieldErrors([{ path: [], message: 'give at least one field to change' }], STORE_FORM_FIELDS)).toEqual({ fields: {}, other: ['give at least one field to change'] })
  })

  it('splits ids on spaces, commas, semicolons and bars', () => {
    expect(splitIds(' a,b ;c|d  e，f ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(splitIds('  ')).toEqual([])
  })
})
