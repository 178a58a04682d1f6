import { formatDateTime, formatDuration, slaState } from './countdown'

const zh = { day: '天', hour: '小时', minute: '分' }
const MIN = 60_000
const HOUR = 60 * MIN

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [59_000, '00:59'],
    [12 * MIN + 34_000, '12:34'],
    [HOUR, '1小时00分'],
    [3 * HOUR + 5 * MIN + 59_000, '3小时05分'],
    [24 * HOUR, '1天'],
    [50 * HOUR, '2天2小时'],
    [-5000, '00:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms, zh)).toBe(text)
  })
})

describe('slaState', () => {
  const due = '2026-11-23T06:00:00.000Z'
  const at = (iso: string) => Date.parse(iso)

  it('counts down to the due time', () => {
    expect(slaState({ status: 'open', dueAt: due, breached: false }, at('2026-11-23T05:00:00.000Z'))).toEqual({ kind: 'due', ms: HOUR })
  })

  it('turns breached when the clock passes the due time between refreshes', () => {
    const fetchedAt = at('2026-11-23T05:59:00.000Z')
    expect(slaState({ status: 'open', dueAt: due, breached: false }, at('2026-11-23T06:02:00.000Z'), fetchedAt)).toEqual({ kind: 'breached', ms: 2 * MIN })
  })

  it('believes the server: breached (escalated) even before the due time', () => {
    expect(slaState({ status: 'in_progress', dueAt: due, breached: true }, at('2026-11-23T07:00:00.000Z'))).toEqual({ kind: 'breached', ms: HOUR })
  })

  it('a task past due that the server did not call breached was contacted in time', () => {
    const fetchedAt = at('2026-11-23T07:00:00.000Z')
    expect(slaState({ status: 'in_progress', dueAt: due, breached: false }, fetchedAt + 1000, fetchedAt)).toEqual({ kind: 'met' })
    // Within the clock skew of the due time the device's clock may simply be ahead: late, to be safe.
    const justAfter = at('2026-11-23T06:01:00.000Z')
    expect(slaState({ status: 'open', dueAt: due, breached: false }, justAfter, justAfter)).toEqual({ kind: 'breached', ms: MIN })
    expect(slaState({ status: 'in_progress', dueAt: due, breached: false, firstContactAt: '2026-11-23T05:00:00.000Z' }, at('2026-11-23T05:30:00.000Z'))).toEqual({ kind: 'met' })
  })

  it('a resolved task has no clock', () => {
    expect(slaState({ status: 'resolved', dueAt: due, breached: false }, at('2026-11-23T07:00:00.000Z'))).toEqual({ kind: 'closed' })
  })
})

describe('formatDateTime', () => {
  it('shows month-day hour:minute in local time, with the year only when it is another year', () => {
    const local = new Date(2026, 10, 24, 13, 5).toISOString()
    expect(formatDateTime(local, new Date(2026, 0, 1).getTime())).toBe('11-24 13:05')
    expect(formatDateTime(local, new Date(2027, 0, 1).getTime())).toBe('2026-11-24 13:05')
    expect(formatDateTime('not a date')).toBe('not a date')
  })
})
