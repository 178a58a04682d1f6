import { ZAuditPage, type AuditEntry, type AuditPage, type Locale } from '@xinsheng/shared'
import type { JsonCaller } from '../../common/http-json'

/** `GET /v1/admin/audit`, newest first, a page at a time (`nextCursor` until it is null). */
export async function readAuditPage(caller: JsonCaller, token: string, cursor?: string): Promise<AuditPage> {
  const path = `/v1/admin/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`
  return caller.parse(ZAuditPage, await caller.call('GET', path, token), 'GET /v1/admin/audit')
}

export interface AuditTexts {
  title: string
  empty: string
  loadMore: string
  columns: { at: string; actor: string; action: string; target: string; change: string }
  /** A failed admin attempt (`admin.denied`) is shown as such. */
  denied: string
}

const zhCN: AuditTexts = {
  title: '审计日志',
  empty: '还没有管理操作。',
  loadMore: '加载更多',
  columns: { at: '时间', actor: '操作人', action: '操作', target: '对象', change: '变更' },
  denied: '被拒绝的尝试',
}
const en: AuditTexts = {
  title: 'Audit log',
  empty: 'No administration yet.',
  loadMore: 'Load more',
  columns: { at: 'When', actor: 'Who', action: 'Action', target: 'On', change: 'Change' },
  denied: 'Refused attempt',
}
export const auditTexts = (locale: Locale): AuditTexts => (locale === 'en' ? en : zhCN)

/** What changed, one `name: before → after` per top-level attribute that differs (secrets arrive redacted). */
export function auditChanges(entry: Pick<AuditEntry, 'before' | 'after'>): string[] {
  const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : v === null || v === undefined ? {} : { value: v })
  const before = asRecord(entry.before)
  const after = asRecord(entry.after)
  const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v))
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return names.filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n])).map((n) => `${n}: ${show(before[n])} → ${show(after[n])}`)
}

/** The moment in the reader's locale, to the minute, in the device's time zone. */
export function auditTime(at: string, locale: Locale): string {
  const d = new Date(at)
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  return locale === 'en' ? `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}` : `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
