import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { WEAPP_DIST } from '../build-size'
import { taroBuildAsync } from '../taro-build'

/**
 * `npm run build:weapp` into dist/weapp, once per test process: the build test and the WeChat
 * compiler test look at the same output, and a weapp build costs ~1–2 min on a shared machine.
 * With `--runInBand` every test file runs in one process, so whichever comes first builds and the
 * other reuses it. The stamp names this process (pid and start time), so a build left by an
 * earlier run, or by hand, is never taken for this run's.
 */
const STAMP = path.join(path.dirname(WEAPP_DIST), '.weapp-built-by')

function processStamp(): string {
  // perf_hooks' timeOrigin is when this process started: fixed, unlike a sum of two clocks.
  const startedAt = performance.timeOrigin
  const settings = ['TARO_APP_API_BASE', 'TARO_APP_STAGE', 'TARO_APP_SUBSCRIBE_TEMPLATE_ID'].map((name) => `${name}=${process.env[name] ?? ''}`)
  return [`pid ${process.pid}`, `started ${startedAt}`, ...settings].join('\n')
}

/** The weapp build of this test process (built now unless this process already built it). */
export async function weappBuildOnce(): Promise<string> {
  const stamp = processStamp()
  const built = fs.existsSync(STAMP) && fs.existsSync(path.join(WEAPP_DIST, 'app.json')) ? fs.readFileSync(STAMP, 'utf8') : ''
  if (built === stamp) return WEAPP_DIST
  fs.rmSync(STAMP, { force: true })
  await taroBuildAsync('weapp')
  fs.writeFileSync(STAMP, stamp)
  return WEAPP_DIST
}

/** The API origin baked into that build (config/index.ts's rule), so requests can be sent to the test stack instead. */
export function builtApiBase(): string {
  return (process.env.TARO_APP_API_BASE || 'http://localhost:3000').replace(/\/+$/, '')
}
