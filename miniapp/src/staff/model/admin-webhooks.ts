import {
  WEBHOOK_EVENTS, ZDeliveryPage, ZWebhookCreated, ZWebhookList, ZWebhookRotated, ZWebhookView,
  type DeliveryAttempt, type DeliveryPage, type DeliveryView, type Locale, type WebhookCreated, type WebhookEvent, type WebhookRotated, type WebhookView,
} from '@xinsheng/shared'
import type { JsonCaller } from '../../common/http-json'

/** Brand admin → webhooks: the API calls (parsed with the shared schemas), texts, and pure view helpers. */

export async function listWebhooks(caller: JsonCaller, token: string): Promise<WebhookView[]> {
  return caller.parse(ZWebhookList, await caller.call('GET', '/v1/admin/webhooks', token), 'GET /v1/admin/webhooks').items
}

export async function registerWebhook(caller: JsonCaller, token: string, url: string, events: WebhookEvent[]): Promise<WebhookCreated> {
  return caller.parse(ZWebhookCreated, await caller.call('POST', '/v1/admin/webhooks', token, { url: url.trim(), events }), 'POST /v1/admin/webhooks')
}

export async function rotateWebhook(caller: JsonCaller, token: string, webhookId: string): Promise<WebhookRotated> {
  return caller.parse(ZWebhookRotated, await caller.call('POST', `/v1/admin/webhooks/${encodeURIComponent(webhookId)}/rotate`, token), 'POST /v1/admin/webhooks/{id}/rotate')
}

export async function deleteWebhook(caller: JsonCaller, token: string, webhookId: string): Promise<WebhookView> {
  return caller.parse(ZWebhookView, await caller.call('DELETE', `/v1/admin/webhooks/${encodeURIComponent(webhookId)}`, token), 'DELETE /v1/admin/webhooks/{id}')
}

export async function readDeliveryPage(caller: JsonCaller, token: string, webhookId: string, cursor?: string): Promise<DeliveryPage> {
  const path = `/v1/admin/webhooks/${encodeURIComponent(webhookId)}/deliveries${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`
  return caller.parse(ZDeliveryPage, await caller.call('GET', path, token), 'GET /v1/admin/webhooks/{id}/deliveries')
}

export interface WebhookTexts {
  title: string
  intro: string
  url: string
  urlPlaceholder: string
  events: string
  eventNames: Record<WebhookEvent, string>
  register: string
  secretOnce: string
  rotatedOnce: (until: string) => string
  secretTitle: string
  secretLabel: string
  copy: string
  copied: string
  copyFailed: string
  dismiss: string
  empty: string
  rotate: string
  remove: string
  confirmRemove: string
  cancel: string
  deliveries: string
  hideDeliveries: string
  noDeliveries: string
  loadMore: string
  states: Record<DeliveryView['state'], string>
  nextAttempt: string
  chooseEvent: string
}

const zhCN: WebhookTexts = {
  title: 'Webhooks',
  intro: '把事件推送到贵司的 CRM 或工单系统。每次推送都带签名（X-Xinsheng-Signature），请用密钥校验。',
  url: '接收地址',
  urlPlaceholder: 'https://crm.example.com/xinsheng',
  events: '事件',
  eventNames: { 'response.created': '新回答', 'task.created': '新回访任务', 'task.resolved': '回访任务已解决' },
  register: '添加',
  secretOnce: '签名密钥只显示这一次，请立即复制保存：',
  rotatedOnce: (until) => `新密钥只显示这一次。旧密钥在 ${until} 前仍会一并签名。`,
  secretTitle: '签名密钥',
  secretLabel: '密钥',
  copy: '复制',
  copied: '已复制',
  copyFailed: '复制失败，请手动选择复制',
  dismiss: '我已保存',
  empty: '还没有接收地址。',
  rotate: '更换密钥',
  remove: '删除',
  confirmRemove: '确认删除',
  cancel: '取消',
  deliveries: '推送记录',
  hideDeliveries: '收起记录',
  noDeliveries: '还没有推送。',
  loadMore: '加载更多',
  states: { pending: '待重试', delivered: '已送达', dead: '已放弃' },
  nextAttempt: '下次尝试',
  chooseEvent: '请至少选择一个事件',
}
const en: WebhookTexts = {
  title: 'Webhooks',
  intro: "Send events to your CRM or ticketing system. Every delivery is signed (X-Xinsheng-Signature): check it with the endpoint's secret.",
  url: 'Endpoint URL',
  urlPlaceholder: 'https://crm.example.com/xinsheng',
  events: 'Events',
  eventNames: { 'response.created': 'New response', 'task.created': 'New callback task', 'task.resolved': 'Callback task resolved' },
  register: 'Add endpoint',
  secretOnce: 'The signing secret is shown this once — copy it now:',
  rotatedOnce: (until) => `The new secret is shown this once. The old one keeps signing beside it until ${until}.`,
  secretTitle: 'Signing secret',
  secretLabel: 'Secret',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy: select it and copy by hand',
  dismiss: 'I have saved it',
  empty: 'No endpoints yet.',
  rotate: 'Rotate secret',
  remove: 'Delete',
  confirmRemove: 'Confirm delete',
  cancel: 'Cancel',
  deliveries: 'Delivery log',
  hideDeliveries: 'Hide log',
  noDeliveries: 'Nothing delivered yet.',
  loadMore: 'Load more',
  states: { pending: 'Retrying', delivered: 'Delivered', dead: 'Gave up' },
  nextAttempt: 'next attempt',
  chooseEvent: 'Choose at least one event',
}
export const webhookTexts = (locale: Locale): WebhookTexts => (locale === 'en' ? en : zhCN)

export const ALL_WEBHOOK_EVENTS: readonly WebhookEvent[] = WEBHOOK_EVENTS

/** The event checkboxes: toggling one in or out, in the API's order. */
export function toggleEvent(chosen: readonly WebhookEvent[], event: WebhookEvent): WebhookEvent[] {
  const next = chosen.includes(event) ? chosen.filter((e) => e !== event) : [...chosen, event]
  return ALL_WEBHOOK_EVENTS.filter((e) => next.includes(e))
}

/** Whether the form may be sent, or what is missing (the server checks the URL's address itself). */
export function registrationProblem(url: string, events: readonly WebhookEvent[], t: WebhookTexts): string | undefined {
  if (!/^https?:\/\/\S+$/i.test(url.trim())) return t.url
  if (events.length === 0) return t.chooseEvent
  return undefined
}

/** One attempt as a line: `2026-12-03 10:00 · 500 · 120 ms · HTTP 500`. */
export function attemptLine(attempt: DeliveryAttempt, formatTime: (iso: string) => string): string {
  return [formatTime(attempt.at), attempt.statusCode ?? '—', `${attempt.latencyMs} ms`, attempt.error].filter((p) => p !== null && p !== undefined).join(' · ')
}

/** A delivery's summary: its event, its state, and for a pending one when it is tried again. */
export function deliverySummary(delivery: DeliveryView, t: WebhookTexts, formatTime: (iso: string) => string): string {
  const parts = [t.eventNames[delivery.event], t.states[delivery.state], `${delivery.attempts.length}×`]
  if (delivery.state === 'pending' && delivery.nextAttemptAt) parts.push(`${t.nextAttempt} ${formatTime(delivery.nextAttemptAt)}`)
  return parts.join(' · ')
}
