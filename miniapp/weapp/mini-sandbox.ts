import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/**
 * A small stand-in for WeChat's logic layer, enough to run a built Taro page: the build's
 * CommonJS-style files run in one node:vm context with `wx`, `App`, `Page`, `Component`, `getApp`
 * and `getCurrentPages` (as miniprogram-simulate does for components), a page instance gets
 * WeChat's `setData` (path keys like `root.cn.[0].v`), and the data it is given is kept so it can
 * be fed to the compiled template. Timers the page starts are tracked and cleared on `dispose`.
 */

type Options = Record<string, unknown>
type Callback = (...args: unknown[]) => unknown

export interface PageInstance {
  route: string
  options: Record<string, string>
  data: Record<string, unknown>
  setData(patch: Record<string, unknown>, cb?: () => void): void
  [method: string]: unknown
}

export interface SandboxLog {
  /** Every setData patch, in order. */
  setData: Record<string, unknown>[]
  /** wx.* calls by name (the stub's own and unknown ones). */
  wxCalls: string[]
  /** wx.* members the code asked for that the stub does not have. */
  missingWx: Set<string>
  errors: unknown[]
}

/** Sets `value` at a WeChat setData key: `a.b`, `a[0]`, or Taro's `a.[0]`. */
export function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.replace(/\.\[/g, '[').split(/\.|(?=\[)/).map((p) => (p.startsWith('[') ? Number(p.slice(1, -1)) : p))
  let node: Record<string | number, unknown> = target
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value
      return
    }
    const next = node[part]
    if (next === null || typeof next !== 'object') node[part] = typeof parts[i + 1] === 'number' ? [] : {}
    node = node[part] as Record<string | number, unknown>
  })
}

const clone = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)))

export interface SandboxOptions {
  distDir: string
  /** The `wx` API the code sees (merged over a few harmless defaults). */
  wx: Record<string, unknown>
}

export class MiniSandbox {
  readonly log: SandboxLog = { setData: [], wxCalls: [], missingWx: new Set(), errors: [] }
  private readonly context: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private appConfig: Options | undefined
  private appInstance: Options | undefined
  private readonly pageConfigs = new Map<string, Options>()
  private readonly pages: PageInstance[] = []
  private loadingFile = ''

  constructor(private readonly options: SandboxOptions) {
    const log = this.log
    const wxTarget: Record<string, unknown> = { ...options.wx }
    const wx = new Proxy(wxTarget, {
      get(target, name) {
        if (typeof name !== 'string' || !Object.hasOwn(target, name)) {
          if (typeof name === 'string' && !(name in target) && name !== 'webpackJsonp') log.missingWx.add(name)
          return Reflect.get(target, name)
        }
        const value = target[name]
        if (typeof value === 'function') {
          return (...args: unknown[]) => {
            log.wxCalls.push(name)
            return (value as Callback)(...args)
          }
        }
        return value
      },
    })
    const track = <T extends NodeJS.Timeout>(timer: T) => {
      this.timers.add(timer)
      return timer
    }
    const globals: Record<string, unknown> = {
      console,
      wx,
      App: (config: Options) => {
        this.appConfig = config
      },
      Page: (config: Options) => {
        this.pageConfigs.set(this.loadingFile, config)
      },
      Component: (config: Options) => {
        this.pageConfigs.set(this.loadingFile, config)
      },
      Behavior: (config: Options) => config,
      getApp: () => this.appInstance,
      getCurrentPages: () => [...this.pages],
      setTimeout: (fn: Callback, ms?: number, ...args: unknown[]) => track(setTimeout(() => this.guard(() => fn(...args)), ms)),
      clearTimeout: (t: NodeJS.Timeout) => {
        clearTimeout(t)
        this.timers.delete(t)
      },
      setInterval: (fn: Callback, ms?: number, ...args: unknown[]) => track(setInterval(() => this.guard(() => fn(...args)), ms)),
      clearInterval: (t: NodeJS.Timeout) => {
        clearInterval(t)
        this.timers.delete(t)
      },
      queueMicrotask,
      // WeChat's logic layer has these (Taro's polyfills read them); the engine's own come with the context.
      TextEncoder,
      TextDecoder,
      URL,
      URLSearchParams,
    }
    this.context = vm.createContext(globals)
  }

  private guard(fn: () => void) {
    try {
      fn()
    } catch (error) {
      this.log.errors.push(error)
    }
  }

  /** `require` as WeChat resolves it: relative to the requiring file, inside the build, `.js` implied. */
  require(file: string): unknown {
    const rel = path.posix.normalize(file.endsWith('.js') ? file : `${file}.js`)
    const cached = this.modules.get(rel)
    if (cached) return cached.exports
    const mod = { exports: {} as unknown }
    this.modules.set(rel, mod)
    const code = fs.readFileSync(path.join(this.options.distDir, rel), 'utf8')
    const wrapped = vm.runInContext(`(function (require, module, exports) {${code}\n})`, this.context, { filename: path.join(this.options.distDir, rel) }) as Callback
    const localRequire = (spec: string) => this.require(path.posix.join(path.posix.dirname(rel), spec))
    const previous = this.loadingFile
    this.loadingFile = rel
    try {
      wrapped(localRequire, mod, mod.exports)
    } finally {
      this.loadingFile = previous
    }
    return mod.exports
  }

  /** Loads app.js and runs App's launch lifecycles, as WeChat does before the first page. */
  launch(launchOptions: { path: string; query: Record<string, string> }): void {
    this.require('app.js')
    if (!this.appConfig) throw new Error('app.js did not call App()')
    const app = Object.create(this.appConfig) as Options
    this.appInstance = app
    const options = { ...launchOptions, scene: 1001, referrerInfo: {} }
    ;(app.onLaunch as Callback | undefined)?.call(app, options)
    ;(app.onShow as Callback | undefined)?.call(app, options)
  }

  /** Loads a page's js and opens it with `query`: onLoad, onShow, onReady, as WeChat orders them. */
  openPage(route: string, query: Record<string, string>): PageInstance {
    this.require(`${route}.js`)
    const config = this.pageConfigs.get(`${route}.js`)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    const log = this.log
    const page = Object.create(config) as PageInstance
    Object.assign(page, {
      route,
      __route__: route,
      options: query,
      data: clone((config.data as Record<string, unknown>) ?? {}),
      setData(this: PageInstance, patch: Record<string, unknown>, cb?: () => void) {
        log.setData.push(patch)
        for (const [key, value] of Object.entries(patch)) setPath(this.data, key, clone(value))
        if (cb) queueMicrotask(cb)
      },
    })
    this.pages.push(page)
    ;(page.onLoad as Callback).call(page, { ...query })
    ;(page.onShow as Callback | undefined)?.call(page)
    ;(page.onReady as Callback | undefined)?.call(page)
    return page
  }

  /** Clears every timer the code left (retries, polls), so the test process can exit. */
  dispose(): void {
    for (const page of this.pages.splice(0)) {
      try {
        ;(page.onUnload as Callback | undefined)?.call(page)
      } catch (error) {
        this.log.errors.push(error)
      }
    }
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }
}
