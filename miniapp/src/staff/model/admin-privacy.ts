import {
  maskPhone, ZOptInResult, ZPersonExport, ZPersonLookup, ZPrivacyRequestAccepted, ZPrivacyRequestView,
  type ErasureCounts, type Locale, type OptInResult, type PersonExport, type PersonLookup, type PrivacyRequestAccepted, type PrivacyRequestStatus, type PrivacyRequestView,
} from '@xinsheng/shared'
import * as z from 'zod/mini'
import { ApiError } from '../../common/api-error'
import type { JsonCaller } from '../../common/http-json'

/**
 * Brand admin → a person's data on request (PIPL arts. 44–47): look a person up by one identifier,
 * export what the brand holds about them, erase it (asynchronous: a request id and its status), and
 * reverse their opt-out on their request. The API calls (parsed with the shared schemas), the texts,
 * and pure view helpers. The identifier lives in the form's state only: never in the address,
 * storage or a log. No Taro here.
 */

export const IDENTIFIER_KINDS = ['phone', 'openid', 'unionid'] as const
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number]

/** The lookup body for the chosen kind and the typed value (spaces dropped), or undefined when the shared schema refuses it. */
export function personLookup(kind: IdentifierKind, value: string): PersonLookup | undefined {
  const parsed = z.safeParse(ZPersonLookup, { [kind]: value.replace(/\s+/g, '') })
  return parsed.success ? parsed.data : undefined
}

/** How the person is named in this session's request list: a masked phone, the first and last characters of an id. */
export function maskIdentifier(lookup: PersonLookup): string {
  if (lookup.phone) return maskPhone(lookup.phone)
  const id = lookup.openid ?? lookup.unionid ?? ''
  return id.length <= 6 ? '…' : `${id.slice(0, 3)}…${id.slice(-2)}`
}

export const identifierKind = (lookup: PersonLookup): IdentifierKind => (lookup.phone ? 'phone' : lookup.openid ? 'openid' : 'unionid')

// ---------- API ----------

export type ExportOutcome = { found: true; data: PersonExport } | { found: false }

/** `POST /v1/admin/privacy/export`: the person's records, or `found: false` for the API's 404 (no records). */
export async function exportPerson(caller: JsonCaller, token: string, lookup: PersonLookup): Promise<ExportOutcome> {
  try {
    return { found: true, data: caller.parse(ZPersonExport, await caller.call('POST', '/v1/admin/privacy/export', token, lookup), 'POST /v1/admin/privacy/export') }
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'http' && e.status === 404) return { found: false }
    throw e
  }
}

/** `POST /v1/admin/privacy/erase` → 202 with the request id (the erasure worker does it). */
export async function erasePerson(caller: JsonCaller, token: string, lookup: PersonLookup): Promise<PrivacyRequestAccepted> {
  return caller.parse(ZPrivacyRequestAccepted, await caller.call('POST', '/v1/admin/privacy/erase', token, lookup), 'POST /v1/admin/privacy/erase')
}

export async function readPrivacyRequest(caller: JsonCaller, token: string, requestId: string): Promise<PrivacyRequestView> {
  return caller.parse(ZPrivacyRequestView, await caller.call('GET', `/v1/admin/privacy/requests/${encodeURIComponent(requestId)}`, token), 'GET /v1/admin/privacy/requests/{requestId}')
}

/** `POST /v1/admin/privacy/opt-in`: the person may be surveyed again. */
export async function optInPerson(caller: JsonCaller, token: string, lookup: PersonLookup): Promise<OptInResult> {
  return caller.parse(ZOptInResult, await caller.call('POST', '/v1/admin/privacy/opt-in', token, lookup), 'POST /v1/admin/privacy/opt-in')
}

// ---------- view helpers ----------

export const EXPORT_KINDS = ['invitations', 'responses', 'tasks', 'notices'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

/** `invitations: 5` … in the API's order, each with its count. */
export function exportCounts(data: PersonExport): { kind: ExportKind; count: number }[] {
  return EXPORT_KINDS.map((kind) => ({ kind, count: data[kind].length }))
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined)

/** One record as a readable line (the fields an admin reads first; the whole record is in the JSON). */
export function recordLine(kind: ExportKind, record: Record<string, unknown>, formatTime: (iso: string) => string): string {
  const at = (key: string) => {
    const v = str(record[key])
    return v ? formatTime(v) : undefined
  }
  const answers = record.answers && typeof record.answers === 'object' ? (record.answers as Record<string, unknown>) : {}
  const parts: (string | undefined)[] =
    kind === 'invitations'
      ? [at('createdAt'), str(record.storeId), str(record.touchpoint), str(record.kind), str(record.status), str(record.reason), str(record.phone)]
      : kind === 'responses'
        ? [at('submittedAt'), str(record.storeId), answers.nps === undefined ? undefined : `NPS ${str(answers.nps)}`, str(answers.comment)]
        : kind === 'tasks'
          ? [at('createdAt'), str(record.storeId), str(record.status), str(record.outcome)]
          : [at('at'), str(record.channel) ?? str(record.kind), str(record.state) ?? (record.ok === true ? 'ok' : record.ok === false ? 'failed' : undefined)]
  return parts.filter((p) => p !== undefined).join(' · ')
}

/** The export as the file the person receives: indented JSON. */
export const exportJson = (data: PersonExport): string => `${JSON.stringify(data, null, 2)}\n`

/** The file's name: its date, never the identifier. */
export const exportFileName = (data: PersonExport): string => `xinsheng-export-${data.exportedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`

export const isFinished = (status: PrivacyRequestStatus): boolean => status === 'done' || status === 'failed'

/** When to ask about an erasure again: 2 s, then a little longer each time, at most 15 s. */
export const pollDelayMs = (polls: number): number => Math.min(15_000, 2_000 + polls * 1_000)

export function countsLine(counts: ErasureCounts, t: PrivacyTexts): string {
  return (Object.keys(t.erasedCounts) as (keyof ErasureCounts)[]).map((k) => `${t.erasedCounts[k]} ${counts[k]}`).join(' · ')
}

// ---------- texts ----------

export interface PrivacyTexts {
  title: string
  intro: string
  kind: string
  kinds: Record<IdentifierKind, string>
  hints: Record<IdentifierKind, string>
  invalid: Record<IdentifierKind, string>
  export: string
  erase: string
  optIn: string
  exported: (when: string) => string
  optedOut: string
  notOptedOut: string
  identifiers: (n: number) => string
  counts: Record<ExportKind, string>
  noRecords: string
  showRecords: string
  hideRecords: string
  showJson: string
  hideJson: string
  download: string
  downloaded: string
  copiedInstead: string
  downloadFailed: string
  eraseConfirmTitle: string
  eraseConfirm: string[]
  eraseYes: string
  optInConfirmTitle: string
  optInConfirm: string
  optInYes: string
  cancel: string
  optedIn: (n: number) => string
  requests: string
  noRequests: string
  requestKinds: { export: string; erase: string; 'opt-in': string }
  statuses: Record<PrivacyRequestStatus, string>
  failedRetry: string
  refresh: string
  erasedCounts: Record<keyof ErasureCounts, string>
  found: (n: number) => string
}

const zhCN: PrivacyTexts = {
  title: '个人信息请求',
  intro: '依《个人信息保护法》第 44–47 条，顾客可以查阅、删除本人信息，或要求不再被邀请。按顾客提供的一个标识查找本人。标识不会保存在地址栏或本机。',
  kind: '标识类型',
  kinds: { phone: '手机号', openid: 'openid', unionid: 'unionid' },
  hints: { phone: '11 位手机号，门店触发邀请时传的号码', openid: '门店触发邀请时传的微信 openid', unionid: '门店触发邀请时传的微信 unionid' },
  invalid: { phone: '请输入 11 位手机号', openid: '请输入 6–64 个字符的 openid', unionid: '请输入 6–64 个字符的 unionid' },
  export: '导出',
  erase: '删除本人信息',
  optIn: '恢复邀请',
  exported: (when) => `导出时间 ${when}`,
  optedOut: '已选择不再接受邀请',
  notOptedOut: '可接受邀请',
  identifiers: (n) => `关联标识 ${n} 个`,
  counts: { invitations: '邀请', responses: '回答', tasks: '回访任务', notices: '通知' },
  noRecords: '没有此人的记录。',
  showRecords: '查看记录',
  hideRecords: '收起记录',
  showJson: '查看 JSON',
  hideJson: '收起 JSON',
  download: '下载 JSON',
  downloaded: '已下载',
  copiedInstead: '小程序内无法下载文件：JSON 已复制到剪贴板，下载请在电脑浏览器中进行。',
  downloadFailed: '无法下载或复制，请在电脑浏览器中导出。',
  eraseConfirmTitle: '确认删除此人的信息？',
  eraseConfirm: [
    '删除后不可恢复：此人的手机号、openid、unionid 从所有记录中移除，评论与回访备注替换为“[已删除]”，其登录会话失效。',
    '统计数字、评分与主题计数保持不变。',
    '此人仍保持“不再邀请”，不会再收到问卷（除非之后按其请求恢复邀请）。',
    '删除在后台进行，完成前可在下方看到进度。',
  ],
  eraseYes: '确认删除',
  optInConfirmTitle: '确认恢复邀请？',
  optInConfirm: '仅在顾客本人要求时操作：此人此后又会收到本品牌的问卷邀请。',
  optInYes: '确认恢复',
  cancel: '取消',
  optedIn: (n) => `已恢复邀请（${n} 个标识）。`,
  requests: '本次会话的请求',
  noRequests: '本次会话还没有请求。',
  requestKinds: { export: '导出', erase: '删除', 'opt-in': '恢复邀请' },
  statuses: { pending: '排队中', running: '进行中', done: '已完成', failed: '失败' },
  failedRetry: '本次失败，系统会自动重试。',
  refresh: '刷新状态',
  erasedCounts: { invitations: '邀请', responses: '回答', tasks: '任务', sessions: '会话', identifiers: '标识' },
  found: (n) => `${n} 条记录`,
}

const en: PrivacyTexts = {
  title: 'Privacy requests',
  intro: 'Under PIPL arts. 44–47 a customer may see or erase their data, or ask not to be invited again. Look the person up by one identifier they give you. The identifier is never kept in the address bar or on this device.',
  kind: 'Identifier',
  kinds: { phone: 'Phone', openid: 'openid', unionid: 'unionid' },
  hints: { phone: 'An 11-digit mobile number, as the store sends it', openid: "The WeChat openid the store's triggers send", unionid: "The WeChat unionid the store's triggers send" },
  invalid: { phone: 'Enter an 11-digit mobile number', openid: 'Enter an openid of 6–64 characters', unionid: 'Enter a unionid of 6–64 characters' },
  export: 'Export',
  erase: 'Erase their data',
  optIn: 'Opt back in',
  exported: (when) => `Exported ${when}`,
  optedOut: 'Opted out of invitations',
  notOptedOut: 'May be invited',
  identifiers: (n) => `${n} linked identifier${n === 1 ? '' : 's'}`,
  counts: { invitations: 'Invitations', responses: 'Responses', tasks: 'Callback tasks', notices: 'Notices' },
  noRecords: 'No records of this person.',
  showRecords: 'Show records',
  hideRecords: 'Hide records',
  showJson: 'Show JSON',
  hideJson: 'Hide JSON',
  download: 'Download JSON',
  downloaded: 'Downloaded',
  copiedInstead: 'Files cannot be downloaded in the mini-program: the JSON is on the clipboard. Download it from a desktop browser.',
  downloadFailed: 'Could not download or copy: export from a desktop browser.',
  eraseConfirmTitle: "Erase this person's data?",
  eraseConfirm: [
    "This cannot be undone: the person's phone, openid and unionid are removed from every record, comments and agents' notes become “[已删除]”, and their sessions end.",
    'Counters, scores and theme counts stay as they are.',
    'The person stays opted out: they are not surveyed again (unless you opt them back in on their request).',
    'The erasure runs in the background; its progress shows below.',
  ],
  eraseYes: 'Erase',
  optInConfirmTitle: 'Opt this person back in?',
  optInConfirm: "Only on the customer's own request: they will receive this brand's survey invitations again.",
  optInYes: 'Opt back in',
  cancel: 'Cancel',
  optedIn: (n) => `Opted back in (${n} identifier${n === 1 ? '' : 's'}).`,
  requests: 'Requests this session',
  noRequests: 'No requests this session yet.',
  requestKinds: { export: 'Export', erase: 'Erasure', 'opt-in': 'Opt-in' },
  statuses: { pending: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' },
  failedRetry: 'This run failed; it is retried automatically.',
  refresh: 'Refresh status',
  erasedCounts: { invitations: 'invitations', responses: 'responses', tasks: 'tasks', sessions: 'sessions', identifiers: 'identifiers' },
  found: (n) => `${n} record${n === 1 ? '' : 's'}`,
}

export const privacyTexts = (locale: Locale): PrivacyTexts => (locale === 'en' ? en : zhCN)
