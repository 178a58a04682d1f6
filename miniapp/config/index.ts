import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Build-time settings. TARO_APP_* values are read from the shell (Taro itself only reads
 * them from .env files), so `TARO_APP_API_BASE=… npm run build:h5` works as scripts/start.ts expects.
 *  - TARO_APP_API_BASE: the API origin (default http://localhost:3000).
 *  - TARO_APP_STAGE: "local" enables the dev login code in the h5 build; anything else never does.
 *    Unset, it is "local" only while the API base points at this machine.
 *  - TARO_APP_SUBSCRIBE_TEMPLATE_ID: the subscribe-message template a detractor may opt in to.
 */
const apiBase = (process.env.TARO_APP_API_BASE || 'http://localhost:3000').replace(/\/+$/, '')
const isLoopbackApi = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(apiBase)
const stage = process.env.TARO_APP_STAGE || (isLoopbackApi ? 'local' : 'prod')
const subscribeTemplateId = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID || ''

// shared/ is TypeScript source outside src/: Taro only compiles what it is told to include.
const sharedSource = path.resolve(__dirname, '..', '..', 'shared')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xinsheng-miniapp',
    date: '2026-11-23',
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // dist/weapp, dist/h5; a test build can go elsewhere so it never replaces the site being served.
    outputRoot: process.env.XINSHENG_OUTPUT_ROOT || `dist/${process.env.TARO_ENV}`,
    plugins: [path.resolve(__dirname, 'a11y-attributes-plugin.ts'), path.resolve(__dirname, 'unused-templates-plugin.ts')],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      TARO_APP_STAGE: JSON.stringify(stage),
      TARO_APP_SUBSCRIBE_TEMPLATE_ID: JSON.stringify(subscribeTemplateId),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    mini: {
      compile: { include: [sharedSource] },
      // Sizes are written in real px (WeUI does the same): WCAG's 44 px target must stay 44 px on a 360 px phone.
      // pxtransform stays on for its platform comments only (/* #ifdef h5 */ … /* #endif */).
      postcss: { pxtransform: { enable: true, config: { methods: ['platform'] } }, cssModules: { enable: false } },
      optimizeMainPackage: { enable: true },
      // base.wxml repeats every template once per level (16 by default, ≈ 3.4 KB a level here). The survey
      // nests about 9 deep (page root > card > line > group > choice > Text > text); past baseLevel Taro
      // falls back to its recursive custom component (comp): still correct, only slower to render. One
      // setting for the app: the independent staff subpackage's own base.wxml gets the same level.
      // (@tarojs/webpack5-runner's MiniPlugin reads mini.baseLevel; Taro 4.2's config type omits it.)
      ...({ baseLevel: 11 } as object),
      // shared/ has no module-level effects: its index re-exports everything (staff and store schemas
      // too), and this lets webpack drop the modules a package does not use.
      webpackChain(chain) {
        chain.module.rule('shared-side-effect-free').test(/[\\/]shared[\\/]src[\\/]/).set('sideEffects', false)
      },
      // XINSHENG_SOURCE_MAPS=1: full source maps, for `npx tsx miniapp/build-breakdown.ts` (bytes per module).
      ...(process.env.XINSHENG_SOURCE_MAPS ? { enableSourceMap: true, sourceMapType: 'source-map' } : {}),
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's React components as plain HTML elements (div/span): lighter than the web-component
      // set, and they pass role/aria-* through, which the accessibility checks need.
      useHtmlComponents: true,
      compile: { include: [sharedSource] },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: { methods: ['platform'] } },
        cssModules: { enable: false },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
