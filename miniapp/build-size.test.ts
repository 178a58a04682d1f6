import { KIB, packageSizes } from './build-size'

describe('packageSizes', () => {
  const files = [
    { path: 'app.js', bytes: 100 * KIB },
    { path: 'pages/survey/index.js', bytes: 50 * KIB },
    { path: 'staff/pages/workbench/index.js', bytes: 70 * KIB },
    { path: 'staff/common.js', bytes: 5 * KIB },
    { path: 'staffing.js', bytes: 1 * KIB }, // not under "staff/"
    { path: 'project.config.json', bytes: 1 * KIB },
    { path: 'app.js.map', bytes: 300 * KIB },
  ]

  it('counts files under a subpackage root to that subpackage and the rest to main', () => {
    expect(packageSizes(files, { pages: ['pages/survey/index'], subPackages: [{ root: 'staff/' }] })).toEqual({
      main: 151 * KIB,
      subpackages: { staff: 75 * KIB },
      total: 226 * KIB,
    })
  })

  it('puts everything in main without subpackages, leaving out project settings and source maps', () => {
    expect(packageSizes(files, { pages: [] })).toEqual({ main: 226 * KIB, subpackages: {}, total: 226 * KIB })
  })

  it('accepts the lower-case "subpackages" key too', () => {
    expect(packageSizes(files, { pages: [], subpackages: [{ root: '/staff' }] }).subpackages).toEqual({ staff: 75 * KIB })
  })
})
