import type { HttpTransport } from './ports'

/**
 * The h5 transport: plain fetch with a timeout. (The weapp build uses Taro.request instead;
 * see platform/taro-adapters.ts.) Rejects only when no HTTP answer arrived.
 */
export function createFetchTransport(fetchImpl: typeof fetch = (...args) => fetch(...args)): HttpTransport {
  return async ({ method, url, headers, body, text: rawText, timeoutMs }) => {
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : undefined
    try {
      const response = await fetchImpl(url, {
        method,
        headers,
        body: rawText ?? (body === undefined ? undefined : JSON.stringify(body)),
        signal: controller?.signal,
        credentials: 'omit',
        cache: 'no-store',
      })
      const text = await response.text()
      let parsed: unknown
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        parsed = undefined // a proxy's HTML error page: the status still tells what happened
      }
      const responseHeaders: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        responseHeaders[name.toLowerCase()] = value
      })
      return { status: response.status, headers: responseHeaders, body: parsed }
    } finally {
      if (timer !== undefined) clearTimeout(timer)
    }
  }
}
