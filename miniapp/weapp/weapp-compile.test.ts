import fs from 'node:fs'
import path from 'node:path'
import { compileWxml, compileWxss, miniPackages, templateRenderer, type MiniPackage } from './wechat-compilers'
import { weappBuildOnce } from './weapp-build'

/**
 * The weapp build as WeChat's developer tool would take it: every package (the main one and each
 * subpackage, read from app.json) goes through WeChat's own WXML compiler `wcc` and WXSS compiler
 * `wcsc`, which must accept it without a word. Taro's output passing its own build says nothing
 * about that: a template may import a .wxs, use a tag or an expression WeChat's compiler rejects.
 */
describe('the weapp build under WeChat’s compilers', () => {
  let dist: string
  let packages: MiniPackage[]

  beforeAll(async () => {
    dist = await weappBuildOnce()
    packages = miniPackages(dist)
  }, 300_000)

  it('has the main package and every subpackage of app.json, each with its pages', () => {
    const appJson = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
    expect(packages.map((p) => p.name)).toEqual(['main', ...appJson.subPackages.map((s: { root: string }) => s.root)])
    for (const pkg of packages) {
      expect(pkg.pages.length).toBeGreaterThan(0)
      for (const page of pkg.pages) expect(pkg.files).toEqual(expect.arrayContaining([`${page}.wxml`, `${page}.wxss`, `${page}.js`, `${page}.json`]))
    }
  })

  it('wcc compiles the WXML (with its WXS) of every package, and each page template is there', () => {
    for (const pkg of packages) {
      const result = compileWxml(dist, pkg)
      expect({ pkg: pkg.name, status: result.status, stderr: result.stderr }).toEqual({ pkg: pkg.name, status: 0, stderr: '' })
      for (const page of pkg.pages) expect(() => templateRenderer(result.output, `${page}.wxml`)).not.toThrow()
    }
  })

  it('wcsc compiles the WXSS of every package (an independent subpackage without app.wxss)', () => {
    for (const pkg of packages) {
      const result = compileWxss(dist, pkg)
      expect({ pkg: pkg.name, status: result.status, stderr: result.stderr }).toEqual({ pkg: pkg.name, status: 0, stderr: '' })
      // One style function per page, keyed by its path.
      for (const page of pkg.pages) expect(result.output).toContain(`=${page}.wxss=`)
    }
  })

  it('the compilers do reject what WeChat would (a template whose .wxs is missing, an unresolvable @import)', () => {
    const main = packages[0]
    const withoutWxs = compileWxml(dist, { ...main, files: main.files.filter((f) => !f.endsWith('.wxs')) })
    expect(withoutWxs.status).not.toBe(0)
    expect(withoutWxs.stderr).toContain('utils.wxs not found')
    const staff = packages.find((p) => p.name === 'staff')!
    const withoutCommon = compileWxss(dist, { ...staff, files: staff.files.filter((f) => f !== 'staff/common.wxss') })
    expect(withoutCommon.status).not.toBe(0)
    expect(withoutCommon.stderr).toContain('common.wxss` not found')
  })
})
