import { ZStoreKeyIssued, ZStoreKeyList, ZStoreKeyView, type Locale, type StoreKeyIssued, type StoreKeyView } from '@xinsheng/shared'
import type { JsonCaller } from '../../common/http-json'

/**
 * A store's API keys (DESIGN.md "Brand admin → API"): list (never a secret), issue (the secret in
 * that answer only), revoke. Rotation: a store may hold two live keys at once — issue the second,
 * move the store's system to it, revoke the first; the server refuses a third (409). No Taro here.
 */
export const MAX_LIVE_KEYS = 2

export async function readKeys(caller: JsonCaller, token: string, storeId: string): Promise<StoreKeyView[]> {
  const res = await caller.call('GET', `/v1/admin/stores/${encodeURIComponent(storeId)}/keys`, token)
  return caller.parse(ZStoreKeyList, res, 'GET /v1/admin/stores/{storeId}/keys').items
}

export async function issueKey(caller: JsonCaller, token: string, storeId: string): Promise<StoreKeyIssued> {
  return caller.parse(ZStoreKeyIssued, await caller.call('POST', `/v1/admin/stores/${encodeURIComponent(storeId)}/keys`, token), 'POST /v1/admin/stores/{storeId}/keys')
}

export async function revokeKey(caller: JsonCaller, token: string, keyId: string): Promise<StoreKeyView> {
  return caller.parse(ZStoreKeyView, await caller.call('POST', `/v1/admin/keys/${encodeURIComponent(keyId)}/revoke`, token), 'POST /v1/admin/keys/{keyId}/revoke')
}

export const isLive = (key: StoreKeyView): boolean => key.revokedAt === null

/** Live keys first, then the newest first within each group. */
export const sortKeys = (keys: readonly StoreKeyView[]): StoreKeyView[] =>
  [...keys].sort((a, b) => Number(isLive(b)) - Number(isLive(a)) || b.createdAt.localeCompare(a.createdAt))

/** Whether another key may be issued now (the server's rule, so the button says why before a 409). */
export const canIssue = (keys: readonly StoreKeyView[]): boolean => keys.filter(isLive).length < MAX_LIVE_KEYS

/** A moment in the reader's locale, to the minute, in the device's time zone ('—' for never). */
export function keyTime(at: string | null, never: string): string {
  if (!at) return never
  const d = new Date(at)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export interface KeysTexts {
  title: (storeId: string) => string
  hint: string
  empty: string
  live: string
  revoked: string
  created: string
  lastUsed: string
  revokedAt: string
  never: string
  issue: string
  issueRotate: string
  /** Two live keys: what to do before a third. */
  atLimit: string
  revoke: string
  confirmRevoke: (keyId: string) => string
  confirm: string
  cancel: string
  revokedDone: (keyId: string) => string
  close: string
  secret: {
    title: (keyId: string) => string
    keyId: string
    secret: string
    warning: string
    copy: string
    copied: string
    copyFailed: string
    done: string
  }
}

const zhCN: KeysTexts = {
  title: (storeId) => `${storeId} 的 API 密钥`,
  hint: '门店系统用密钥为触发请求签名。轮换：先签发第二把，门店系统换用后再吊销旧的。',
  empty: '还没有密钥。',
  live: '有效',
  revoked: '已吊销',
  created: '创建',
  lastUsed: '最近使用',
  revokedAt: '吊销于',
  never: '从未',
  issue: '签发密钥',
  issueRotate: '签发第二把（轮换）',
  atLimit: '已有两把有效密钥：先吊销一把，才能再签发。',
  revoke: '吊销',
  confirmRevoke: (keyId) => `确定吊销 ${keyId}？一分钟内，用它签名的请求都会被拒绝（401），且无法恢复。`,
  confirm: '确认吊销',
  cancel: '取消',
  revokedDone: (keyId) => `已吊销 ${keyId}。`,
  close: '关闭',
  secret: {
    title: (keyId) => `新密钥 ${keyId}`,
    keyId: '密钥编号（X-Store-Key）',
    secret: '密钥',
    warning: '密钥只显示这一次，关闭后无法再查看。请立即复制并交给门店系统妥善保存。',
    copy: '复制密钥',
    copied: '已复制。',
    copyFailed: '无法复制，请手动选中文本复制。',
    done: '我已保存，关闭',
  },
}

const en: KeysTexts = {
  title: (storeId) => `API keys of ${storeId}`,
  hint: 'The store’s system signs its trigger requests with a key. To rotate: issue a second key, switch the system to it, then revoke the old one.',
  empty: 'No keys yet.',
  live: 'Live',
  revoked: 'Revoked',
  created: 'Created',
  lastUsed: 'Last used',
  revokedAt: 'Revoked',
  never: 'never',
  issue: 'Issue a key',
  issueRotate: 'Issue a second key (rotation)',
  atLimit: 'Two live keys already: revoke one before issuing another.',
  revoke: 'Revoke',
  confirmRevoke: (keyId) => `Revoke ${keyId}? Within a minute every request signed with it is refused (401). This cannot be undone.`,
  confirm: 'Revoke the key',
  cancel: 'Cancel',
  revokedDone: (keyId) => `Revoked ${keyId}.`,
  close: 'Close',
  secret: {
    title: (keyId) => `New key ${keyId}`,
    keyId: 'Key id (X-Store-Key)',
    secret: 'Secret',
    warning: 'The secret is shown this once and cannot be shown again. Copy it now and store it safely in the store’s system.',
    copy: 'Copy the secret',
    copied: 'Copied.',
    copyFailed: 'Could not copy: select the text and copy it.',
    done: 'I have saved it — close',
  },
}

export const keysTexts = (locale: Locale): KeysTexts => (locale === 'en' ? en : zhCN)
