import Taro from '@tarojs/taro'
import { createFetchTransport } from './fetch-transport'
import type { HttpTransport, KeyValueStorage } from './ports'

/** Taro at the edge, for the survey and the workbench alike: device storage and HTTP. */

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

const taroRequestTransport: HttpTransport = async ({ method, url, headers, body, text, timeoutMs }) => {
  const response = await Taro.request({ url, method, header: headers, data: (text ?? body) as never, timeout: timeoutMs, dataType: 'json' })
  const lowerCased: Record<string, string> = {}
  for (const [name, value] of Object.entries(response.header ?? {})) lowerCased[name.toLowerCase()] = String(value)
  return { status: response.statusCode, headers: lowerCased, body: response.data }
}

export const transport: HttpTransport = process.env.TARO_ENV === 'h5' ? createFetchTransport() : taroRequestTransport
