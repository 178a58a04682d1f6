/**
 * The `wx` API a built survey page needs, for the sandbox: `request` is real HTTP (to the test
 * stack), `login` hands out codes the WeChat stand-in accepts, storage is in memory. Each call
 * takes WeChat's callback style (success / fail / complete), which Taro's promise wrapper uses.
 */

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void }

function answer<T>(options: Callbacks, work: () => Promise<T> | T): void {
  Promise.resolve()
    .then(work)
    .then(
      (res) => {
        options.success?.(res)
        options.complete?.(res)
      },
      (error: unknown) => {
        const res = { errMsg: error instanceof Error ? error.message : String(error) }
        options.fail?.(res)
        options.complete?.(res)
      },
    )
}

export interface WxStubOptions {
  /** Maps the URL the page asks for to the one fetched (the build's API base → the test stack's). */
  rewriteUrl: (url: string) => string
  /** The code `wx.login` gives, one per call (the stand-in takes a code once). */
  loginCode: () => string
  language?: string
}

export interface WxRequestRecord {
  method: string
  url: string
  status?: number
  /** The answer as the page got it (parsed JSON). */
  body?: unknown
  error?: string
}

export function createWxStub({ rewriteUrl, loginCode, language = 'zh_CN' }: WxStubOptions) {
  const storage = new Map<string, unknown>()
  const requests: WxRequestRecord[] = []
  const info = { language, platform: 'devtools', system: 'Linux', version: '8.0.50', SDKVersion: '3.7.0', windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 2, statusBarHeight: 20 }
  const wx: Record<string, unknown> = {
    request(options: Callbacks & { url: string; method?: string; header?: Record<string, string>; data?: unknown; dataType?: string; timeout?: number }) {
      const record: WxRequestRecord = { method: (options.method ?? 'GET').toUpperCase(), url: options.url }
      requests.push(record)
      answer(options, async () => {
        const body = options.data === undefined || record.method === 'GET' ? undefined : typeof options.data === 'string' ? options.data : JSON.stringify(options.data)
        try {
          const res = await fetch(rewriteUrl(options.url), { method: record.method, headers: options.header, body, signal: AbortSignal.timeout(options.timeout ?? 15_000) })
          record.status = res.status
          const text = await res.text()
          let data: unknown = text
          if ((options.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text)
            } catch {
              // WeChat hands over the text when it is not JSON.
            }
          }
          record.body = data
          const header: Record<string, string> = {}
          res.headers.forEach((value, name) => {
            header[name] = value
          })
          return { data, statusCode: res.status, header, errMsg: 'request:ok' }
        } catch (error) {
          record.error = String(error)
          throw new Error(`request:fail ${String(error)}`)
        }
      })
      return { abort: () => undefined, onHeadersReceived: () => undefined, offHeadersReceived: () => undefined }
    },
    login(options: Callbacks) {
      answer(options, () => ({ code: loginCode(), errMsg: 'login:ok' }))
    },
    getStorage(options: Callbacks & { key: string }) {
      answer(options, () => {
        if (!storage.has(options.key)) throw new Error('getStorage:fail data not found')
        return { data: storage.get(options.key), errMsg: 'getStorage:ok' }
      })
    },
    setStorage(options: Callbacks & { key: string; data: unknown }) {
      answer(options, () => {
        storage.set(options.key, options.data)
        return { errMsg: 'setStorage:ok' }
      })
    },
    removeStorage(options: Callbacks & { key: string }) {
      answer(options, () => {
        storage.delete(options.key)
        return { errMsg: 'removeStorage:ok' }
      })
    },
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, data: unknown) => void storage.set(key, data),
    removeStorageSync: (key: string) => void storage.delete(key),
    getSystemInfoSync: () => ({ ...info }),
    getSystemInfo: (options: Callbacks) => answer(options, () => ({ ...info, errMsg: 'getSystemInfo:ok' })),
    getWindowInfo: () => ({ ...info }),
    getDeviceInfo: () => ({ ...info }),
    getAppBaseInfo: () => ({ ...info }),
    getNetworkType: (options: Callbacks) => answer(options, () => ({ networkType: 'wifi', errMsg: 'getNetworkType:ok' })),
    onNetworkStatusChange: () => undefined,
    offNetworkStatusChange: () => undefined,
    setNavigationBarTitle: (options: Callbacks) => answer(options, () => ({ errMsg: 'setNavigationBarTitle:ok' })),
    canIUse: () => true,
    nextTick: (fn: () => void) => queueMicrotask(fn),
  }
  return { wx, storage, requests }
}
