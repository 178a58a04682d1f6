import fs from 'node:fs'
import path from 'node:path'

/**
 * Sizes of a weapp build by package, as WeChat counts them against its limits
 * (2 MB per package, main or sub). Used by the build test and by the bench.
 */

export const KIB = 1024
/** WeChat's hard limit for any one package. */
export const WECHAT_PACKAGE_LIMIT_BYTES = 2 * 1024 * KIB
/**
 * Where the main package should stay (a bare Taro page is ≈ 298 KB): reached in 2026-12 (348.3 KB)
 * with a modern browserslist, baseLevel 11 and the consumer schemas in zod/mini; see miniapp/README.md.
 */
export const MAIN_PACKAGE_TARGET_BYTES = 350 * KIB
/** Our own ceiling for the main package (the survey must open fast on a poor network): the target. */
export const MAIN_PACKAGE_BUDGET_BYTES = MAIN_PACKAGE_TARGET_BYTES

export interface BuildFile {
  /** Relative to the build root, with forward slashes. */
  path: string
  bytes: number
}

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages?: string[] }[]
  subpackages?: { root: string; pages?: string[] }[]
}

export interface PackageSizes {
  main: number
  /** By subpackage root. */
  subpackages: Record<string, number>
  total: number
}

/** Files the developer tool does not upload: the project settings and source maps. */
function isUploaded(file: BuildFile): boolean {
  return !/^project(\.private)?\.config\.json$/.test(file.path) && !file.path.endsWith('.map')
}

/** Puts every file in the subpackage whose root holds it, everything else in the main package. */
export function packageSizes(files: readonly BuildFile[], appJson: AppJson): PackageSizes {
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/^\/+|\/+$/g, '') + '/')
  const sizes: PackageSizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r.slice(0, -1), 0])), total: 0 }
  for (const file of files.filter(isUploaded)) {
    const root = roots.find((r) => file.path.startsWith(r))
    if (root) sizes.subpackages[root.slice(0, -1)] += file.bytes
    else sizes.main += file.bytes
    sizes.total += file.bytes
  }
  return sizes
}

export function listBuildFiles(dir: string): BuildFile[] {
  const out: BuildFile[] = []
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) out.push({ path: path.relative(dir, full).split(path.sep).join('/'), bytes: fs.statSync(full).size })
    }
  }
  walk(dir)
  return out
}

export const WEAPP_DIST = path.join(__dirname, 'dist', 'weapp')

/** Reads a weapp build (default miniapp/dist/weapp): its app.json and the size of each package. */
export function weappBuildReport(distDir: string = WEAPP_DIST): { appJson: AppJson; sizes: PackageSizes } {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
  return { appJson, sizes: packageSizes(listBuildFiles(distDir), appJson) }
}

export function formatKiB(bytes: number): string {
  return `${(bytes / KIB).toFixed(1)} KB`
}
