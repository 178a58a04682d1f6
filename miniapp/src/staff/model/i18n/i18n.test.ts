import { ApiError } from '../../../common/api-error'
import { staffErrorMessage, staffTextsFor } from '.'
import { staffEn } from './en'
import { staffZhCN } from './zh-CN'

describe('workbench texts', () => {
  it('has the same keys in every locale', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v).map((s) => `${k}.${s}`) : [k])).sort()
    expect(keys(staffEn)).toEqual(keys(staffZhCN))
  })

  it('zh-CN by default, en on request', () => {
    expect(staffTextsFor('zh-CN').login.submit).toBe('登录')
    expect(staffTextsFor('en').login.submit).toBe('Sign in')
  })

  it('names every timeline entry', () => {
    const t = staffTextsFor('zh-CN')
    expect(t.timeline({ type: 'attempt', at: '2026-11-23T00:00:00.000Z', result: 'no_answer' }, t)).toBe('联系客户：无人接听')
    expect(t.timeline({ type: 'phone_revealed', at: '2026-11-23T00:00:00.000Z' }, t)).toBe('查看了客户电话')
  })

  it.each([
    [new ApiError('http', 'x', { status: 409, code: 'already_claimed' }), '这个任务已被其他人领取。'],
    [new ApiError('http', 'x', { status: 409, code: 'something_new' }), '任务已被更新，请刷新后重试。'],
    [new ApiError('http', 'x', { status: 404 }), '找不到这个任务，或您无权查看。'],
    [new ApiError('http', 'x', { status: 403, code: 'forbidden_role' }), '您的角色不能进行此操作。'],
    [new ApiError('http', 'x', { status: 400, code: 'invalid_request' }), '填写的内容有误，请检查后重试。'],
    [new ApiError('network', 'x'), '网络不给力，请检查网络后重试。'],
    [new ApiError('http', 'x', { status: 500 }), '服务繁忙，请稍后再试。'],
    [new Error('boom'), '服务繁忙，请稍后再试。'],
  ])('error %# → %s', (error, message) => {
    expect(staffErrorMessage(error, staffTextsFor('zh-CN'))).toBe(message)
  })
})
