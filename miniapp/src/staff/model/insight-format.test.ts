import { decimal, grouped, minutesText, MINUS, percent, percentText, significanceDirection, signed, yuan } from './insight-format'
import { staffTextsFor } from './i18n'

describe('dashboard number formatting', () => {
  it.each([
    [62.5, 1, '62.5'],
    [21.568, 1, '21.6'],
    [-12.04, 1, `${MINUS}12.0`],
    [-0.04, 1, '0.0'],
    [100, 1, '100.0'],
    [4.3, 2, '4.30'],
  ])('decimal(%p, %p) = %p', (x, digits, text) => expect(decimal(x, digits)).toBe(text))

  it('groups thousands and signs changes', () => {
    expect(grouped(1_234_567)).toBe('1,234,567')
    expect(grouped(999)).toBe('999')
    expect(grouped(-1200)).toBe(`${MINUS}1,200`)
    expect(signed(3.21)).toBe('+3.2')
    expect(signed(-4)).toBe(`${MINUS}4.0`)
    expect(signed(0.04)).toBe('0.0')
  })

  it('writes rates as percentages and fen as yuan', () => {
    expect(percent(0.785)).toBe('78.5%')
    expect(percent(1)).toBe('100.0%')
    expect(percentText(82.5)).toBe('82.5%')
    expect(yuan(3456)).toBe('¥34.56')
    expect(yuan(41_472)).toBe('¥414.72')
    expect(yuan(1_234_567)).toBe('¥12,346')
    expect(yuan(-500)).toBe(`${MINUS}¥5.00`)
  })

  it('writes durations in minutes in each locale', () => {
    const zh = staffTextsFor('zh-CN').dashboard.units
    const en = staffTextsFor('en').dashboard.units
    expect(minutesText(42, zh)).toBe('42分钟')
    expect(minutesText(125, zh)).toBe('2小时5分钟')
    expect(minutesText(120, zh)).toBe('2小时')
    expect(minutesText(1620, zh)).toBe('1天3小时')
    expect(minutesText(125, en)).toBe('2 h 5 min')
    expect(minutesText(1440, en)).toBe('1 d')
    expect(minutesText(0.4, en)).toBe('0 min')
  })

  it('points an arrow only for a significant, non-zero difference', () => {
    expect(significanceDirection({ delta: 5.2, significant: true })).toBe('up')
    expect(significanceDirection({ delta: -5.2, significant: true })).toBe('down')
    expect(significanceDirection({ delta: 30, significant: false })).toBe('none')
    expect(significanceDirection({ delta: null, significant: true })).toBe('none')
    expect(significanceDirection({ delta: 0, significant: true })).toBe('none')
    expect(significanceDirection(null)).toBe('none')
    expect(significanceDirection(undefined)).toBe('none')
  })
})
