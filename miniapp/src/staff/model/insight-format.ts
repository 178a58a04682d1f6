/**
 * Numbers as the dashboard writes them. By hand rather than Intl: the WeChat runtime's Intl is not
 * the same on every phone (see countdown.ts). Negative numbers take the minus sign (U+2212), which
 * screen readers read as "minus" where a hyphen may be read as "dash". No Taro here.
 */

export const MINUS = '\u2212'

/** `x` to `digits` decimals ("62.5", "−12.0"); the rounding is the usual half away from zero. */
export function decimal(x: number, digits = 1): string {
  const factor = 10 ** digits
  const rounded = Math.round(Math.abs(x) * factor) / factor
  const text = rounded.toFixed(digits)
  return x < 0 && rounded !== 0 ? `${MINUS}${text}` : text
}

/** A whole number with thousands separators: 12345 → "12,345". */
export function grouped(n: number): string {
  const whole = Math.round(Math.abs(n))
  const text = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return n < 0 && whole !== 0 ? `${MINUS}${text}` : text
}

/** A signed change in points: "+3.2", "−4.0", "0.0". */
export function signed(x: number, digits = 1): string {
  const text = decimal(x, digits)
  return x > 0 && text !== decimal(0, digits) ? `+${text}` : text
}

/** A share already in percent (0–100): 78.5 → "78.5%". */
export function percentText(share: number, digits = 1): string {
  return `${decimal(share, digits)}%`
}

/** A rate (0–1) as a percentage: 0.785 → "78.5%". */
export function percent(rate: number, digits = 1): string {
  return `${decimal(rate * 100, digits)}%`
}

/**
 * Money in fen as yuan: two decimals below ¥1,000 ("¥34.56"), whole yuan with separators above
 * ("¥12,346"), where cents only add noise.
 */
export function yuan(fen: number): string {
  const value = fen / 100
  if (Math.abs(value) >= 1000) return `¥${grouped(value)}`
  const text = decimal(value, 2)
  return text.startsWith(MINUS) ? `${MINUS}¥${text.slice(1)}` : `¥${text}`
}

export interface MinuteUnits {
  day: string
  hour: string
  minute: string
}

/** A duration in minutes: "42分钟", "2小时5分钟", "1天3小时" (units from the locale). */
export function minutesText(minutes: number, units: MinuteUnits): string {
  const total = Math.max(0, Math.round(minutes))
  let text: string
  if (total < 60) text = `${total}${units.minute}`
  else if (total < 1440) {
    const m = total % 60
    text = `${Math.floor(total / 60)}${units.hour}${m ? `${m}${units.minute}` : ''}`
  } else {
    const h = Math.floor((total % 1440) / 60)
    text = `${Math.floor(total / 1440)}${units.day}${h ? `${h}${units.hour}` : ''}`
  }
  return text.trim()
}

/** The direction a significance result points: only a significant change has one. */
export type Direction = 'up' | 'down' | 'none'

export function significanceDirection(result: { delta: number | null; significant: boolean } | null | undefined): Direction {
  if (!result || !result.significant || result.delta === null || result.delta === 0) return 'none'
  return result.delta > 0 ? 'up' : 'down'
}

export const ARROWS: Record<Exclude<Direction, 'none'>, string> = { up: '▲', down: '▼' }
