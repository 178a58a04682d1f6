import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'
import { formatKiB, listBuildFiles, weappBuildReport, type BuildFile } from './build-size'
import { taroBuild } from './taro-build'

/**
 * What each source module costs the weapp main package, in minified bytes: a build with full
 * source maps (XINSHENG_SOURCE_MAPS=1, into a temporary folder), every generated character
 * counted to the source the map names for it. Non-JS files (wxml, wxss, json) are listed whole.
 *
 *   npx tsx miniapp/build-breakdown.ts [--no-build] [outDir]
 */

export interface ModuleCost {
  source: string
  bytes: number
}

/**
 * A readable group for a source path of the map: a package under node_modules by its name, our own
 * files (src/, shared/) by their path, anything else (Taro's runtime, mapped to its own sources) as is.
 * Webpack names some modules with "_" for "/" ("../node_modules_zod_v4_core_api.js").
 */
export function sourceGroup(source: string): string {
  const clean = source.replace(/^webpack:\/\/(@xinsheng\/miniapp\/)?/, '').replace(/\?.*$/, '')
  const pkg = /node_modules[/_](@[^/_]+[/_][^/_]+|[^/_]+)/.exec(clean)
  if (pkg) return pkg[1].replace(/^(@[^/_]+)_/, '$1/')
  const own = /(?:^|[/_.])((?:src|shared)[/_].*)$/.exec(clean)
  return own ? own[1] : clean
}

/** Bytes of one generated JS file attributed to the sources its map names ("(unmapped)" for the rest). */
export function costsOfFile(code: string, map: RawSourceMap): Map<string, number> {
  const lines = code.split('\n')
  const costs = new Map<string, number>()
  const add = (source: string, n: number) => costs.set(source, (costs.get(source) ?? 0) + n)
  const consumer = new SourceMapConsumer(map)
  const byLine = new Map<number, { column: number; source: string | null }[]>()
  consumer.eachMapping((m) => {
    const list = byLine.get(m.generatedLine) ?? []
    list.push({ column: m.generatedColumn, source: m.source })
    byLine.set(m.generatedLine, list)
  })
  lines.forEach((text, i) => {
    const bytesOf = (from: number, to: number) => Buffer.byteLength(text.slice(from, to))
    const mappings = (byLine.get(i + 1) ?? []).sort((a, b) => a.column - b.column)
    let cursor = 0
    let current = '(unmapped)'
    for (const m of mappings) {
      if (m.column > cursor) add(current, bytesOf(cursor, m.column))
      cursor = Math.max(cursor, m.column)
      current = m.source ? sourceGroup(m.source) : '(unmapped)'
    }
    add(current, bytesOf(cursor, text.length) + (i < lines.length - 1 ? 1 : 0))
  })
  return costs
}

/** The main package's bytes by source module (JS through its maps) and by file for everything else. */
export function mainPackageBreakdown(distDir: string): { files: BuildFile[]; modules: ModuleCost[] } {
  const { appJson } = weappBuildReport(distDir)
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/^\/+|\/+$/g, '') + '/')
  const files = listBuildFiles(distDir).filter((f) => !f.path.endsWith('.map') && !/^project(\.private)?\.config\.json$/.test(f.path) && !roots.some((r) => f.path.startsWith(r)))
  const totals = new Map<string, number>()
  for (const file of files) {
    const full = path.join(distDir, file.path)
    if (file.path.endsWith('.js') && fs.existsSync(`${full}.map`)) {
      const code = fs.readFileSync(full, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, '')
      const costs = costsOfFile(code, JSON.parse(fs.readFileSync(`${full}.map`, 'utf8')) as RawSourceMap)
      for (const [source, bytes] of costs) totals.set(source, (totals.get(source) ?? 0) + bytes)
    } else {
      totals.set(`[file] ${file.path}`, (totals.get(`[file] ${file.path}`) ?? 0) + file.bytes)
    }
  }
  const modules = [...totals].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes)
  return { files, modules }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const args = process.argv.slice(2)
  const outDir = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(os.tmpdir(), 'xinsheng-weapp-breakdown'))
  if (!args.includes('--no-build')) taroBuild('weapp', { outputRoot: outDir, env: { XINSHENG_SOURCE_MAPS: '1' } })
  const { files, modules } = mainPackageBreakdown(outDir)
  const total = files.reduce((n, f) => n + f.bytes, 0)
  console.log(`main package ${formatKiB(total)} (${total} B) in ${outDir}`)
  for (const f of files.sort((a, b) => b.bytes - a.bytes)) console.log(`  file ${formatKiB(f.bytes).padStart(9)}  ${f.path}`)
  for (const m of modules) if (m.bytes >= 200) console.log(`  ${formatKiB(m.bytes).padStart(9)}  ${m.source}`)
}
