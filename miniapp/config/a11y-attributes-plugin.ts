import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { IPluginContext } from '@tarojs/service'
import { a11yAttributes } from './a11y-attributes'

/**
 * WeChat renders aria-role / aria-label / aria-checked… for screen readers, but Taro's
 * mini-program template only passes the attributes it knows, and it knows none of them.
 * This adds them (a11y-attributes.ts) to the components the survey and the workbench use, on both
 * sides of Taro's rendering: the WXML templates (base.wxml) and the runtime, which sends each
 * attribute under a short name numbered from the same table. Extending only the template would
 * shift those names (a Button's `disabled` would land on aria-disabled). On h5 React passes the
 * attributes through as they are, so nothing is patched there.
 */

/** Imported by the app (and each independent subpackage) right after the platform's runtime. */
const RUNTIME_FILE = path.resolve(__dirname, 'a11y-attributes-runtime.ts')
const TABLE_FILE = path.resolve(__dirname, 'a11y-attributes.ts')

/** What this plugin uses of the platform object Taro hands to onSetupClose (weapp's or h5's). */
interface SetupPlatform {
  runtimePath?: string | string[]
  template?: {
    mergeComponents?: (ctx: IPluginContext, patch: Record<string, Record<string, string>>) => void
  }
}

interface FilesystemCache {
  type: 'filesystem'
  version?: string
}

const isFilesystemCache = (cache: unknown): cache is FilesystemCache =>
  typeof cache === 'object' && cache !== null && (cache as { type?: unknown }).type === 'filesystem'

export default (ctx: IPluginContext) => {
  // Platform plugins call ctx.onSetupClose(platform) once their template is set up, before the build.
  ctx.registerMethod('onSetupClose', (platform: SetupPlatform) => {
    const template = platform.template
    if (!template || typeof template.mergeComponents !== 'function') return // h5: nothing to patch
    template.mergeComponents(ctx, a11yAttributes)

    const runtimePaths = platform.runtimePath === undefined ? [] : ([] as string[]).concat(platform.runtimePath)
    if (!runtimePaths.includes(RUNTIME_FILE)) platform.runtimePath = [...runtimePaths, RUNTIME_FILE]
    ctx.modifyWebpackChain(({ chain }) => {
      // Taro compiles scripts from src/, compile.include and Taro's own packages only: these two
      // are TypeScript outside src/.
      chain.module.rule('script').include.add(RUNTIME_FILE).add(TABLE_FILE)
      // Taro's persistent cache is only invalidated by config/index.ts and src/app.config.ts, so an
      // earlier cache would keep an app.js without the runtime import (while base.wxml, written
      // outside webpack, gets the new template). A cache version from these files' contents
      // retires any cache made before them or with other contents.
      const cache: unknown = chain.get('cache')
      if (isFilesystemCache(cache)) {
        const hash = createHash('sha256')
        for (const file of [__filename, TABLE_FILE, RUNTIME_FILE]) hash.update(fs.readFileSync(file))
        cache.version = [cache.version, `a11y-${hash.digest('hex').slice(0, 16)}`].filter(Boolean).join('+')
      }
    })
  })
}
