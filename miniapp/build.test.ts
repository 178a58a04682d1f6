import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { formatKiB, MAIN_PACKAGE_BUDGET_BYTES, MAIN_PACKAGE_TARGET_BYTES, WEAPP_DIST, weappBuildReport, WECHAT_PACKAGE_LIMIT_BYTES } from './build-size'
import { taroBuild } from './taro-build'
import { UNUSED_DEFAULT_COMPONENTS } from './config/unused-templates-plugin'
import { weappBuildOnce } from './weapp/weapp-build'

/**
 * The real builds, as `npm run build:weapp|build:h5` run them: the survey page is in the weapp
 * main package, which stays under WeChat's 2 MB rule. (≈10–20 s each; Taro's cache makes reruns fast.)
 */
describe('taro build', () => {
  it('builds weapp with the survey page in a main package under 2 MB', async () => {
    // Shared with weapp/ (WeChat's compilers): one weapp build per test process.
    await weappBuildOnce()
    const { appJson, sizes } = weappBuildReport(WEAPP_DIST)
    expect(appJson.pages).toContain('pages/survey/index')
    expect(fs.existsSync(path.join(WEAPP_DIST, 'pages/survey/index.wxml'))).toBe(true)
    console.log(`weapp main package ${formatKiB(sizes.main)} (budget ${formatKiB(MAIN_PACKAGE_BUDGET_BYTES)}, target ${formatKiB(MAIN_PACKAGE_TARGET_BYTES)}), total ${formatKiB(sizes.total)}`)
    expect(sizes.main).toBeLessThan(WECHAT_PACKAGE_LIMIT_BYTES)
    for (const size of Object.values(sizes.subpackages)) expect(size).toBeLessThan(WECHAT_PACKAGE_LIMIT_BYTES)
    // The workbench, dashboard and admin console are the staff subpackage, not part of what a consumer downloads.
    expect(appJson.subPackages).toEqual([
      expect.objectContaining({ root: 'staff', pages: ['pages/login/index', 'pages/queue/index', 'pages/task/index', 'pages/dashboard/index', 'pages/admin/index'] }),
    ])
    console.log(`weapp staff subpackage ${formatKiB(sizes.subpackages.staff)}`)
    expect(sizes.main).toBeLessThanOrEqual(MAIN_PACKAGE_TARGET_BYTES)
    // The shared controls' one stylesheet (common/controls.css) reaches each package: an independent
    // subpackage cannot read the main package's styles.
    for (const wxss of ['pages/survey/index.wxss', 'staff/common.wxss']) {
      const css = fs.readFileSync(path.join(WEAPP_DIST, wxss), 'utf8')
      for (const rule of ['.xs-chip{', '.xs-btn{', '.xs-btn-primary{']) expect({ wxss, has: css.includes(rule) }).toEqual({ wxss, has: true })
    }
    for (const page of ['login', 'queue', 'task', 'dashboard', 'admin']) {
      // Each page's style file imports the subpackage's shared styles (an independent subpackage loads no app.wxss).
      expect(fs.readFileSync(path.join(WEAPP_DIST, `staff/pages/${page}/index.wxss`), 'utf8')).toContain('@import "../../common.wxss"')
    }
    // config/unused-templates-plugin.ts: no template for the components Taro includes by default but
    // no page uses (ScrollView, Image); every component the pages do use keeps its template.
    for (const baseWxml of ['base.wxml', 'staff/base.wxml']) {
      const wxml = fs.readFileSync(path.join(WEAPP_DIST, baseWxml), 'utf8')
      const elements = new Set([...wxml.matchAll(/<([a-z-]+)[\s>]/g)].map((m) => m[1]))
      expect({ baseWxml, unused: [...UNUSED_DEFAULT_COMPONENTS].filter((name) => elements.has(name)) }).toEqual({ baseWxml, unused: [] })
      for (const used of ['view', 'text', 'button', 'textarea']) expect({ baseWxml, used, has: elements.has(used) }).toEqual({ baseWxml, used, has: true })
    }
    const mainCode = fs.readdirSync(WEAPP_DIST).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(WEAPP_DIST, f), 'utf8')).join('\n')
    expect(mainCode).not.toContain('reveal-phone')
    // The dev login code must never reach a weapp build.
    const code = fs.readdirSync(WEAPP_DIST).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(WEAPP_DIST, f), 'utf8'))
    code.push(fs.readFileSync(path.join(WEAPP_DIST, 'pages/survey/index.js'), 'utf8'))
    expect(code.join('\n')).not.toContain('dev-h5-')
  }, 240_000)

  it('builds h5 as a static site (hash router, publicPath /) with the API base baked in', () => {
    // Into a temporary folder: dist/h5 may be the site `npm start` is serving right now.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'xinsheng-h5-'))
    try {
      taroBuild('h5', { outputRoot: out, env: { TARO_APP_API_BASE: 'https://api.example.test', TARO_APP_STAGE: 'prod' } })
      const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8')
      expect(html).toMatch(/<script[^>]+src="\/js\/app\.[0-9a-f]+\.js"/)
      const js = fs.readdirSync(path.join(out, 'js')).map((f) => fs.readFileSync(path.join(out, 'js', f), 'utf8')).join('\n')
      expect(js).toContain('https://api.example.test')
      expect(js).toContain('"hash"')
      // A production stage has no dev login code.
      expect(js).not.toContain('dev-h5-')
    } finally {
      fs.rmSync(out, { recursive: true, force: true })
    }
  }, 240_000)
})
