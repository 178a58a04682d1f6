import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'

/**
 * WeChat's own compilers, `wcc` (WXML) and `wcsc` (WXSS), from the npm package miniprogram-compiler.
 * Its Node wrapper globs the whole project (mixing the independent subpackage into the main one)
 * and returns, rather than throws, a wcsc failure, so the binaries are run here directly, one
 * package at a time, the way the developer tool compiles a package.
 */

// (createRequire: the mini-program's typings give `require` WeChat's shape, without `resolve`.)
const binDir = path.join(path.dirname(createRequire(__filename).resolve('miniprogram-compiler/package.json')), 'bin', 'linux')

/** npm does not keep the executable bit of these binaries on every install: set it before each use. */
function binary(name: 'wcc' | 'wcsc'): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`miniprogram-compiler ships ${name} for Linux x86-64 only (this is ${process.platform}/${process.arch})`)
  const file = path.join(binDir, name)
  fs.chmodSync(file, 0o755)
  return file
}

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages?: string[]; independent?: boolean }[]
  subpackages?: { root: string; pages?: string[]; independent?: boolean }[]
}

export interface MiniPackage {
  /** `main`, or the subpackage's root. */
  name: string
  /** '' for the main package, else the root with a trailing slash. */
  prefix: string
  pages: string[]
  /** Every file of the package, relative to the build root, with forward slashes. */
  files: string[]
}

function listFiles(dir: string, base = ''): string[] {
  return fs.readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((entry) => {
    const rel = base ? `${base}/${entry.name}` : entry.name
    return entry.isDirectory() ? listFiles(dir, rel) : [rel]
  })
}

/** The main package and every subpackage of a build, each with its files (as WeChat splits them: by root). */
export function miniPackages(distDir: string): MiniPackage[] {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
  const subs = appJson.subPackages ?? appJson.subpackages ?? []
  const files = listFiles(distDir)
  const prefixes = subs.map((s) => `${s.root.replace(/\/+$/, '')}/`)
  const main: MiniPackage = { name: 'main', prefix: '', pages: appJson.pages, files: files.filter((f) => !prefixes.some((p) => f.startsWith(p))) }
  return [main, ...subs.map((s, i) => ({ name: s.root, prefix: prefixes[i], pages: (s.pages ?? []).map((p) => prefixes[i] + p), files: files.filter((f) => f.startsWith(prefixes[i])) }))]
}

export interface CompileResult {
  status: number | null
  stderr: string
  /** wcc: the script defining `$gwx`; wcsc: the style functions. */
  output: string
  args: string[]
}

function run(bin: string, args: string[], cwd: string): CompileResult {
  const result = spawnSync(bin, args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })
  if (result.error) throw result.error
  return { status: result.status, stderr: result.stderr, output: result.stdout, args }
}

const readJson = (file: string): { usingComponents?: Record<string, string> } | undefined => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/**
 * `wcc -d -cc <components> <every .wxml and .wxs of the package> -gn $gwx`, as the developer tool
 * (and the wrapper) call it: the component table lists, for each page/component json with
 * `usingComponents`, its wxml and the tag names it uses.
 */
export function compileWxml(distDir: string, pkg: MiniPackage): CompileResult {
  const wxml = pkg.files.filter((f) => f.endsWith('.wxml'))
  const wxs = pkg.files.filter((f) => f.endsWith('.wxs'))
  const components = wxml.flatMap((file) => {
    const using = readJson(path.join(distDir, file.replace(/\.wxml$/, '.json')))?.usingComponents
    return using ? [[file, Object.keys(using).length, ...Object.keys(using)]] : []
  })
  const componentArgs = [components.length, ...components.flat()].join(' ')
  return run(binary('wcc'), ['-d', '-cc', componentArgs, ...wxml, ...wxs, '-gn', '$gwx'], distDir)
}

/**
 * `wcsc -db -pc <n> <page and component styles…> <the rest…>`: the first n files are the
 * pages' and components' own (those with a json), then app.wxss and any imported file.
 */
export function compileWxss(distDir: string, pkg: MiniPackage): CompileResult {
  const wxss = pkg.files.filter((f) => f.endsWith('.wxss'))
  const own = wxss.filter((f) => fs.existsSync(path.join(distDir, f.replace(/\.wxss$/, '.json'))))
  const rest = wxss.filter((f) => !own.includes(f))
  return run(binary('wcsc'), ['-db', '-pc', String(own.length), ...own, ...rest], distDir)
}

/** What `$gwx(path)(data, {}, {})` gives: the virtual tree WeChat's view layer would render. */
export interface WxNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (WxNode | string)[]
}

export interface RenderTemplate {
  (data: Record<string, unknown>): WxNode
  /** What wcc's runtime complained about while rendering (a template not found, a bad expression). */
  warnings: string[]
}

/** Loads wcc's output in a fresh context (it writes to `window`) and returns a renderer for one page. */
export function templateRenderer(wccOutput: string, wxmlPath: string): RenderTemplate {
  const warnings: string[] = []
  const note = (...args: unknown[]) => void warnings.push(args.map(String).join(' '))
  const context = vm.createContext({ console: { log: note, info: note, warn: note, error: note, debug: note } })
  context.window = context
  context.global = context
  vm.runInContext(wccOutput, context, { filename: 'wcc-output.js' })
  const generate = (context.$gwx as (p: string) => ((data: unknown, env: unknown, dd: unknown) => WxNode) | undefined)(wxmlPath)
  if (typeof generate !== 'function') throw new Error(`$gwx has no template ${wxmlPath}`)
  // The data must be made of that context's own objects: wcc's runtime copies data for WXS calls
  // only when \`o.constructor === Object\` (its Object), so another realm's objects reach a WXS
  // function unconverted (\`xs.c(i)\` of the Input/Textarea templates then renders nothing).
  const contextJson = vm.runInContext('JSON', context) as JSON
  const render = (data: Record<string, unknown>) => generate(contextJson.parse(JSON.stringify(data)), {}, {})
  return Object.assign(render, { warnings })
}
