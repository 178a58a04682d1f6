import Taro from '@tarojs/taro'
import type { ApiClient } from '../core/api-client'
import { ApiError, LoginUnavailableError } from '../core/api-error'
import { createFetchTransport } from '../core/fetch-transport'
import type { HttpTransport, KeyValueStorage } from '../core/ports'
import { randomId } from '../core/random-id'
import { devLoginCode } from '../core/session'
import { STORAGE_KEYS } from '../core/storage-keys'

/** Taro at the edge: storage, HTTP, login and the subscribe message for the survey logic. */

export const taroStorage: KeyValueStorage = {
  async get(key) {
    try {
      const { data } = await Taro.getStorage<string>({ key })
      return typeof data === 'string' ? data : null
    } catch {
      return null // "data not found" is a rejection in Taro
    }
  },
  async set(key, value) {
    await Taro.setStorage({ key, data: value })
  },
  async remove(key) {
    await Taro.removeStorage({ key }).catch(() => undefined)
  },
}

const taroRequestTransport: HttpTransport = async ({ method, url, headers, body, timeoutMs }) => {
  const response = await Taro.request({ url, method, header: headers, data: body as never, timeout: timeoutMs, dataType: 'json' })
  const lowerCased: Record<string, string> = {}
  for (const [name, value] of Object.entries(response.header ?? {})) lowerCased[name.toLowerCase()] = String(value)
  return { status: response.statusCode, headers: lowerCased, body: response.data }
}

export const transport: HttpTransport = process.env.TARO_ENV === 'h5' ? createFetchTransport() : taroRequestTransport

/**
 * weapp: wx.login's code. h5: only the local stage has a way in (the WeChat stand-in accepts
 * `dev-<name>`); the define makes the dev branch disappear from any other build.
 */
export async function getLoginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    if (process.env.TARO_APP_STAGE === 'local') return devLoginCode(taroStorage, () => randomId(16))
    throw new LoginUnavailableError('the h5 build logs in only on the local stage')
  }
  const { code } = await Taro.login()
  if (!code) throw new Error('wx.login returned no code')
  return code
}

/**
 * WeChat's language in weapp. The h5 build stands in for WeChat in tests and on desktops, where the
 * browser's language is not the consumer's WeChat language: there only `?lang=` switches.
 */
/**
 * The local stand-in, like WeChat, takes a login code once: after this browser's session expires,
 * `dev-h5-<id>` is refused (401). Then the browser becomes a new dev consumer rather than being
 * locked out until the stack restarts. Only the local h5 build has this; elsewhere it is `api`.
 */
export function withDevLoginRecovery(api: Pick<ApiClient, 'createSession'>): Pick<ApiClient, 'createSession'> {
  if (process.env.TARO_ENV !== 'h5' || process.env.TARO_APP_STAGE !== 'local') return api
  return {
    async createSession(code) {
      try {
        return await api.createSession(code)
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) throw error
        await taroStorage.remove(STORAGE_KEYS.devConsumerId)
        return api.createSession(await getLoginCode())
      }
    },
  }
}

export function systemLanguage(): string | undefined {
  try {
    if (process.env.TARO_ENV === 'h5') return undefined
    return Taro.getSystemInfoSync().language
  } catch {
    return undefined
  }
}

/** The detractor's opt-in to a WeChat subscribe message about the callback; must run in a tap handler. */
export async function requestCallbackSubscription(): Promise<'accepted' | 'rejected' | 'unavailable'> {
  const templateId = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID
  if (process.env.TARO_ENV === 'h5' || !templateId) return 'unavailable'
  try {
    const result = (await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as never)) as unknown as Record<string, string>
    return result[templateId] === 'accept' ? 'accepted' : 'rejected'
  } catch {
    return 'unavailable'
  }
}

/** Calls back when the device is online again (to send a waiting answer at once); returns the unsubscribe. */
export function onNetworkBack(callback: () => void): () => void {
  if (process.env.TARO_ENV === 'h5') {
    if (typeof window === 'undefined') return () => undefined
    window.addEventListener('online', callback)
    return () => window.removeEventListener('online', callback)
  }
  const listener = (result: { isConnected: boolean }) => {
    if (result.isConnected) callback()
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange?.(listener)
}
