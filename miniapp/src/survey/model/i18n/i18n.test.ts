import { en } from './en'
import { localized, pickLocale } from '../../../common/locale'
import { textsFor } from '.'
import { zhCN } from './zh-CN'

describe('pickLocale', () => {
  it.each([
    [undefined, undefined, 'zh-CN'],
    ['en', undefined, 'en'],
    ['EN', 'zh_CN', 'en'],
    ['zh', 'en', 'zh-CN'],
    [undefined, 'en_US', 'en'],
    [undefined, 'en-GB', 'en'],
    [undefined, 'zh_CN', 'zh-CN'],
    [undefined, 'zh_TW', 'zh-CN'],
    ['fr', 'ja', 'zh-CN'],
    ['fr', 'en', 'en'],
  ] as const)('lang=%s, system=%s → %s', (lang, system, expected) => {
    expect(pickLocale(lang, system)).toBe(expected)
  })
})

describe('texts', () => {
  it('names the submit button 提交 and Submit', () => {
    expect(textsFor('zh-CN').submit).toBe('提交')
    expect(textsFor('en').submit).toBe('Submit')
  })

  it('has the same keys in every locale', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v).map((s) => `${k}.${s}`) : [k])).sort()
    expect(keys(en)).toEqual(keys(zhCN))
  })

  it('promises a callback within the SLA only when it is known', () => {
    expect(zhCN.callback(24)).toContain('24 个营业小时内')
    expect(zhCN.callback(undefined)).not.toMatch(/\d/)
    expect(en.callback(4)).toContain('within 4 business hours')
  })

  it('reads a survey text in the page locale', () => {
    expect(localized({ 'zh-CN': '不可能', en: 'Not at all likely' }, 'en')).toBe('Not at all likely')
  })
})
