/**
 * The dashboard's period: a preset (last 7 / 28 / 90 days, this month) or a custom from–to, as the
 * store-local days `YYYY-MM-DD` (inclusive) the metrics API takes. "Today" is the device's calendar
 * day (a manager's phone is in the stores' time zone); the functions take it as an argument so they
 * are pure. No Taro here.
 */

export const PERIOD_PRESETS = ['7d', '28d', '90d', 'month', 'custom'] as const
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]

export interface Period {
  preset: PeriodPreset
  from: string
  to: string
}

export type TrendGrain = 'day' | 'week' | 'month'
export const TREND_GRAINS: readonly TrendGrain[] = ['day', 'week', 'month']

/** The API refuses longer ranges (DESIGN.md: at most 400 days). */
export const MAX_PERIOD_DAYS = 400

const DAY_MS = 86_400_000
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar day as a day number (days since 1970-01-01), or undefined when it is no real date. */
export function dayNumber(day: string): number | undefined {
  const m = ISO_DAY.exec(day)
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return isoDay(ms / DAY_MS) === day ? ms / DAY_MS : undefined
}

export function isoDay(dayNo: number): string {
  return new Date(dayNo * DAY_MS).toISOString().slice(0, 10)
}

/** The local calendar day of an instant, given the local offset from UTC in minutes (UTC+8 → 480). */
export function localToday(nowMs: number, offsetMinutes: number): string {
  return isoDay(Math.floor((nowMs + offsetMinutes * 60_000) / DAY_MS))
}

/** Days in the period, both ends counted. */
export function periodDays(from: string, to: string): number {
  const a = dayNumber(from)
  const b = dayNumber(to)
  return a === undefined || b === undefined ? 0 : b - a + 1
}

/** The range of a preset, ending today. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  const t = dayNumber(today)
  if (t === undefined) throw new RangeError(`not a day: ${today}`)
  if (preset === 'month') return { preset, from: `${today.slice(0, 8)}01`, to: today }
  const days = preset === '7d' ? 7 : preset === '28d' ? 28 : 90
  return { preset, from: isoDay(t - days + 1), to: today }
}

export type CustomPeriodIssue = 'invalid' | 'order' | 'future' | 'too-long'

/** A custom range, or what is wrong with it (the page says which). */
export function customPeriod(from: string, to: string, today: string): Period | CustomPeriodIssue {
  const a = dayNumber(from)
  const b = dayNumber(to)
  const t = dayNumber(today)
  if (a === undefined || b === undefined || t === undefined) return 'invalid'
  if (a > b) return 'order'
  if (b > t) return 'future'
  if (b - a + 1 > MAX_PERIOD_DAYS) return 'too-long'
  return { preset: 'custom', from, to }
}

/** A sensible trend resolution for a range: days up to a month, weeks up to a quarter and a bit, months beyond. */
export function defaultGrain(period: Pick<Period, 'from' | 'to'>): TrendGrain {
  const days = periodDays(period.from, period.to)
  return days <= 31 ? 'day' : days <= 120 ? 'week' : 'month'
}
