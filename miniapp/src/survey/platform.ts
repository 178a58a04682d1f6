import Taro from '@tarojs/taro'
import { LoginUnavailableError } from '../common/api-error'
import { randomId } from '../common/random-id'
import { devLoginCode } from './model/session'
import { taroStorage, transport } from '../common/taro-io'

/** Taro at the edge: storage, HTTP, login and the subscribe message for the survey logic. */

// Storage and HTTP live in taro-io.ts, which the workbench shares; this module stays the survey's
// alone (so the dev login code below is dropped from every build but the local one).
export { taroStorage, transport }

/**
 * weapp: wx.login's code. h5: only the local stage has a way in (the WeChat stand-in accepts
 * `dev-<name>~<nonce>`); the define makes the dev branch disappear from any other build.
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
export function systemLanguage(): string | undefined {
  try {
    if (process.env.TARO_ENV === 'h5') return undefined
    return Taro.getSystemInfoSync().language
  } catch {
    return undefined
  }
}

/**
 * Whether "notify me" can work here: only the WeChat mini-program has subscribe messages, and only a
 * build that names the callback template (TARO_APP_SUBSCRIBE_TEMPLATE_ID) can ask for it. Elsewhere
 * (h5, a build without the template) the button is not shown at all.
 */
export function callbackSubscriptionAvailable(): boolean {
  return process.env.TARO_ENV !== 'h5' && Boolean(process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID)
}

/** The detractor's opt-in to a WeChat subscribe message about the callback; must run in a tap handler. */
export async function requestCallbackSubscription(): Promise<'accepted' | 'rejected' | 'unavailable'> {
  const templateId = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID
  if (!callbackSubscriptionAvailable() || !templateId) return 'unavailable'
  try {
    const result: unknown = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as never)
    // WeChat answers { [templateId]: 'accept' | 'reject' | 'ban' | 'filter', errMsg }: only an object
    // whose entry for our template says 'accept' counts (a zod record here would cost the main package 2.8 KB).
    const answer = typeof result === 'object' && result !== null ? Reflect.get(result, templateId) : undefined
    return answer === 'accept' ? 'accepted' : 'rejected'
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
