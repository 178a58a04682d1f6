/**
 * What every browser test needs: the local-stage h5 app pointed at the test stack (built once per
 * test stack, whichever e2e file comes first), served where the stack's links point, in Debian's
 * chromium; and "this state is accessible" with a screenshot of it.
 */
import { AxeBuilder } from '@axe-core/playwright'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { serveStatic } from '../../functions/local/static-server'
import { TEST_STACK_FILE, testPorts, testStack } from '../../test/stack-info'
import { taroBuild } from '../taro-build'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface BrowserHarness {
  browser: Browser
  baseUrl: string
  /** Saves a full-page screenshot of this state and expects axe to find no violation in it. */
  checkState(page: Page, name: string): Promise<void>
  close(): Promise<void>
}

/** Builds the h5 app unless this test stack already has one (the build takes ~20 s). */
function h5BuildFor(apiBaseUrl: string): string {
  const dir = path.join(os.tmpdir(), `xinsheng-e2e-h5-${testPorts().api}`)
  const marker = path.join(dir, '.built-for')
  const stamp = `${apiBaseUrl} ${fs.statSync(TEST_STACK_FILE).mtimeMs}`
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === stamp) return dir
  fs.rmSync(dir, { recursive: true, force: true })
  taroBuild('h5', { outputRoot: dir, env: { TARO_APP_API_BASE: apiBaseUrl, TARO_APP_STAGE: 'local' } })
  fs.writeFileSync(marker, stamp)
  return dir
}

export async function openBrowserHarness(screenshotsFolder: string): Promise<BrowserHarness> {
  const screenshots = path.join(__dirname, '..', '..', 'test-results', screenshotsFolder)
  fs.mkdirSync(screenshots, { recursive: true })
  const site = await serveStatic(h5BuildFor(testStack().apiBaseUrl), testPorts().h5)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
  return {
    browser,
    baseUrl: site.baseUrl,
    async checkState(page, name) {
      await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true })
      const { violations } = await new AxeBuilder({ page }).analyze()
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    },
    async close() {
      await browser.close()
      await site.stop()
    },
  }
}
