import { customPeriod, dayNumber, defaultGrain, localToday, periodDays, presetPeriod } from './insight-period'

describe('the dashboard period', () => {
  it('ends a preset today and counts today in it', () => {
    expect(presetPeriod('7d', '2026-12-03')).toEqual({ preset: '7d', from: '2026-11-27', to: '2026-12-03' })
    expect(presetPeriod('28d', '2026-12-03')).toEqual({ preset: '28d', from: '2026-11-06', to: '2026-12-03' })
    expect(presetPeriod('90d', '2026-12-03')).toEqual({ preset: '90d', from: '2026-09-05', to: '2026-12-03' })
    expect(presetPeriod('month', '2026-12-03')).toEqual({ preset: 'month', from: '2026-12-01', to: '2026-12-03' })
    expect(periodDays('2026-09-05', '2026-12-03')).toBe(90)
    // Across a leap day.
    expect(presetPeriod('7d', '2028-03-02').from).toBe('2028-02-25')
  })

  it('takes today from the device’s time zone', () => {
    const instant = Date.parse('2026-12-02T17:30:00Z')
    expect(localToday(instant, 480)).toBe('2026-12-03')
    expect(localToday(instant, 0)).toBe('2026-12-02')
    expect(localToday(instant, -600)).toBe('2026-12-02')
  })

  it('accepts a custom range only when it is real, in order, not in the future and at most 400 days', () => {
    const today = '2026-12-03'
    expect(customPeriod('2026-11-01', '2026-11-30', today)).toEqual({ preset: 'custom', from: '2026-11-01', to: '2026-11-30' })
    expect(customPeriod('2026-02-30', '2026-03-01', today)).toBe('invalid')
    expect(customPeriod('', '2026-03-01', today)).toBe('invalid')
    expect(dayNumber('2026-2-3')).toBeUndefined()
    expect(customPeriod('2026-11-30', '2026-11-01', today)).toBe('order')
    expect(customPeriod('2026-11-30', '2026-12-04', today)).toBe('future')
    expect(customPeriod('2025-01-01', '2026-02-05', today)).toBe('too-long')
    expect(customPeriod('2025-01-01', '2026-02-04', today)).toEqual({ preset: 'custom', from: '2025-01-01', to: '2026-02-04' })
  })

  it('draws the trend by day up to a month, by week up to ~4 months, by month beyond', () => {
    expect(defaultGrain({ from: '2026-11-06', to: '2026-12-03' })).toBe('day')
    expect(defaultGrain({ from: '2026-11-01', to: '2026-12-01' })).toBe('day') // 31 days
    expect(defaultGrain({ from: '2026-11-01', to: '2026-12-02' })).toBe('week') // 32 days
    expect(defaultGrain(presetPeriod('90d', '2026-12-03'))).toBe('week')
    expect(defaultGrain({ from: '2026-01-01', to: '2026-12-03' })).toBe('month')
  })
})
