/**
 * What the survey logic needs from the platform, injected so that it runs (and is tested)
 * without Taro: the page passes Taro-backed implementations, tests pass in-memory ones.
 */

/** Key/value storage of strings (Taro.setStorage on the device, a Map in tests). */
export interface KeyValueStorage {
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  remove(key: string): Promise<void>
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT'
  url: string
  headers: Record<string, string>
  /** Serialised as JSON by the transport. */
  body?: unknown
  timeoutMs: number
}

export interface HttpResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown
}

/** Resolves with any HTTP answer (also 4xx/5xx); rejects only when no answer arrived (offline, timeout, CORS). */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>

/** Timers, injectable so tests can drive the retry clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
}

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial))
  return {
    data,
    get: async (key) => data.get(key) ?? null,
    set: async (key, value) => void data.set(key, value),
    remove: async (key) => void data.delete(key),
  }
}
