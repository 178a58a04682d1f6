import type { TaskSummary } from '@xinsheng/shared'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Where a task stands against its first-contact SLA, at `now`. */
export type SlaState =
  /** Due in `ms`. */
  | { kind: 'due'; ms: number }
  /** Past due with no contact: `ms` late. Shown red. */
  | { kind: 'breached'; ms: number }
  /** The customer was reached in time (the SLA no longer runs). */
  | { kind: 'met' }
  | { kind: 'closed' }

/** How far the device's clock may be off the server's before a row is read as "contacted in time". */
export const CLOCK_SKEW_MS = 2 * 60_000

/**
 * The SLA clock of a queue row. The server says `breached` as of `fetchedAt`; between refreshes the
 * client counts on. A task well past due that the server did not call breached was contacted in
 * time (the summary has no contact time, but that is the only way it can be so); near the due time
 * the device's clock may be ahead of the server's, so there the row counts as late, to be safe.
 */
export function slaState(task: Pick<TaskSummary, 'status' | 'dueAt' | 'breached'> & { firstContactAt?: string }, now: number, fetchedAt = now): SlaState {
  if (task.status === 'resolved') return { kind: 'closed' }
  const due = Date.parse(task.dueAt)
  if (task.breached) return { kind: 'breached', ms: Math.max(0, now - due) }
  if (task.firstContactAt) return { kind: 'met' }
  if (due <= fetchedAt - CLOCK_SKEW_MS) return { kind: 'met' }
  if (due <= now) return { kind: 'breached', ms: now - due }
  return { kind: 'due', ms: due - now }
}

export interface DurationUnits {
  day: string
  hour: string
  minute: string
}

/**
 * A duration as an agent reads it at a glance: "2天3小时", "3小时05分", and under an hour a
 * ticking "12:34" (minutes:seconds). Units come from the locale's texts.
 */
export function formatDuration(ms: number, units: DurationUnits): string {
  const total = Math.max(0, Math.floor(ms / 1000)) * 1000
  if (total >= DAY) {
    const days = Math.floor(total / DAY)
    const hours = Math.floor((total % DAY) / HOUR)
    return `${days}${units.day}${hours ? `${hours}${units.hour}` : ''}`
  }
  if (total >= HOUR) {
    const hours = Math.floor(total / HOUR)
    const minutes = Math.floor((total % HOUR) / MINUTE)
    return `${hours}${units.hour}${String(minutes).padStart(2, '0')}${units.minute}`
  }
  const minutes = Math.floor(total / MINUTE)
  const seconds = Math.floor((total % MINUTE) / 1000)
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * "11-24 13:05" in the device's time zone (the agent's), or with the year when it is not `now`'s.
 * Hand-made rather than Intl: the WeChat runtime's Intl is not the same on every phone.
 */
export function formatDateTime(iso: string, now = Date.now()): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
  return date.getFullYear() === new Date(now).getFullYear() ? day : `${date.getFullYear()}-${day}`
}
