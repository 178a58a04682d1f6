/**
 * The insight dashboard end to end in a real browser (Debian's chromium driven by playwright-core)
 * against the local stack the root jest config starts.
 *
 * 1. The demo manager signs in on the printed login page, lands on the dashboard and drills brand →
 *    华南 → 广州天河店; at each level the page shows what GET /v1/metrics/nps answers (figures,
 *    margins, arrows), and axe finds nothing at 1280 and 375 px (zh-CN and en).
 * 2. Known answers go in through the public API (signed store triggers, consumer sessions,
 *    responses) for the two staff members of 广州天河店: 刘 (gz-001-liu) 36 promoters and 4
 *    passives, 黄 (gz-001-huang) 40 detractors. Once the aggregation has counted them, the manager
 *    drills down to the store and to 刘 and reads off the page the NPS, its margin and the
 *    significance arrows worked out from the counts with the shared insight statistics (what the
 *    stack held before is read first and added in, so other suites' answers do not upset it).
 * 3. An agent opening the dashboard's address is taken to their queue.
 * Screenshots go to test-results/e2e-dashboard/ (git-ignored).
 *
 * By hand, on a stack with nothing else for these two: 刘 n = 40, p = 0.9, d = 0 → NPS 90.0;
 * Var = p + d − (p − d)² = 0.09, SE = √(0.09 / 40) = 0.0474 → margin 1.96 × 4.74 = ± 9.3 points;
 * against the rest of the store (黄: NPS −100, Var 0) z = 190 / 4.74 ≫ 1.96 → ▲, and 黄 ▼.
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { call as http, consumerSession, receiptInvitation, stack, unique } from '../../test/helpers'
import { changeVs, npsCell, vsRest, type BandCounts, type Change, type VsRest } from '@xinsheng/shared'
import type { Page } from 'playwright-core'
import { eventually } from '../../test/followup-helpers'
import { staffTextsFor } from '../src/staff/model/i18n'
import { decimal, grouped, percent, significanceDirection, signed } from '../src/staff/model/insight-format'
import { NOTHING_SENT } from '../src/staff/model/insight-view'
import { openBrowserHarness, type BrowserHarness } from './harness'

const STORE = 'gz-001'
const REGION = 'south'
const LIU = 'gz-001-liu'
const HUANG = 'gz-001-huang'
/** The answers each of them gets (NPS scores). */
const SEEDED: Record<string, number[]> = {
  [LIU]: [...Array(18).fill(10), ...Array(18).fill(9), ...Array(4).fill(8)],
  [HUANG]: Array.from({ length: 40 }, (_, i) => i % 7),
}

let harness: BrowserHarness

beforeAll(async () => {
  harness = await openBrowserHarness('e2e-dashboard')
}, 240_000)

afterAll(async () => {
  await harness?.close()
})

const demo = (username: string) => {
  const account = stack.staff.find((s) => s.username === username)
  if (!account) throw new Error(`no demo account ${username}`)
  return account
}

async function staffToken(username: string): Promise<string> {
  const res = await http('POST', '/v1/staff/login', undefined, { username, password: demo(username).password })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`)
  return res.body.token
}

type Counts = BandCounts
const counts = (cell: { promoters: number; passives: number; detractors: number }): Counts => ({ promoters: cell.promoters, passives: cell.passives, detractors: cell.detractors })
const plus = (a: Counts, b: Counts): Counts => ({ promoters: a.promoters + b.promoters, passives: a.passives + b.passives, detractors: a.detractors + b.detractors })
const total = (c: Counts) => c.promoters + c.passives + c.detractors
const ofScores = (scores: number[]): Counts => ({
  promoters: scores.filter((s) => s >= 9).length,
  passives: scores.filter((s) => s === 7 || s === 8).length,
  detractors: scores.filter((s) => s <= 6).length,
})

const zh = staffTextsFor('zh-CN').dashboard

/** NPS and margin as the page writes them ("90.0", "± 9.3"), from the counts by the shared statistics. */
function shown(c: Counts) {
  const cell = npsCell(c)
  return { n: String(total(c)), score: decimal(cell.score!), margin: `± ${decimal(cell.margin!)}` }
}

/** What the page says about a comparison: the arrow (if any) and its words. */
function said(result: Change | VsRest, words: { up: (d: string) => string; down: (d: string) => string }) {
  const direction = significanceDirection(result)
  return { direction, label: direction === 'none' ? undefined : words[direction](signed(result.delta!)) }
}

/** A store's receipt trigger naming the staff member, a consumer session and the answer, all through the public API. */
async function answerFor(staffId: string, nps: number) {
  const invitation = await receiptInvitation({ storeId: STORE, staffId, customer: {} })
  const res = await http('POST', '/v1/responses', await consumerSession(), { invitationToken: invitation.token, clientResponseId: unique('client'), answers: { nps } })
  if (res.status !== 201) throw new Error(`answer: ${res.status} ${JSON.stringify(res.body)}`)
}

/** Four at a time: enough to be quick, few enough not to trip the store's rate limits. */
async function inBatches(jobs: (() => Promise<void>)[], width = 4) {
  for (let i = 0; i < jobs.length; i += width) await Promise.all(jobs.slice(i, i + width).map((job) => job()))
}

/**
 * The dashboard's "today" is the device's calendar day (a manager's phone is in the stores' time zone:
 * insight-period.ts), so the browser runs in the demo stores' zone. In the machine's UTC, between 16:00 and
 * midnight the page's period ended a day before the stores' today and left out the answers just given.
 */
const MANAGER_ZONE = 'Asia/Shanghai'

const storeStaff = async (token: string) => {
  const res = await http('GET', `/v1/metrics/nps?store=${STORE}&groupBy=staff`, token)
  if (res.status !== 200) throw new Error(`GET /v1/metrics/nps: ${res.status} ${JSON.stringify(res.body)}`)
  const group = (key: string) => counts(res.body.groups.find((g: { key: string }) => g.key === key) ?? { promoters: 0, passives: 0, detractors: 0 })
  return { store: counts(res.body.total), liu: group(LIU), huang: group(HUANG) }
}

/** The differences between the page and GET /v1/metrics/nps for this filter, grouped the way the page's table is. */
async function differencesFromApi(page: Page, token: string, filter: string, groupBy: string): Promise<string[]> {
  const res = await http('GET', `/v1/metrics/nps?${filter ? `${filter}&` : ''}groupBy=${groupBy}`, token)
  if (res.status !== 200) throw new Error(`GET /v1/metrics/nps: ${res.status} ${JSON.stringify(res.body)}`)
  const body = res.body as { total: { n: number; score: number | null }; groups: { key: string; n: number; score: number | null; margin: number | null; vsRest: VsRest | null }[] }
  const out: string[] = []
  const same = (what: string, shown: string | null, expected: string) => {
    if (shown?.trim() !== expected) out.push(`${what}: page ${JSON.stringify(shown)}, API ${JSON.stringify(expected)}`)
  }
  same('KPI NPS', await page.getByTestId('kpi-nps-value').textContent(), body.total.n > 0 && body.total.score !== null ? decimal(body.total.score) : zh.noData)
  const loop = await http('GET', `/v1/metrics/loop${filter ? `?${filter}` : ''}`, token)
  if (loop.status !== 200) throw new Error(`GET /v1/metrics/loop: ${loop.status} ${JSON.stringify(loop.body)}`)
  const invited = loop.body.invitations.total as { sent: number; responseRate: number | null }
  same('KPI response rate', await page.getByTestId('kpi-response-rate-value').textContent(), invited.sent > 0 && invited.responseRate !== null ? percent(invited.responseRate) : NOTHING_SENT)
  if ((await page.getByTestId('league-row').count()) !== body.groups.length) out.push(`rows: page ${await page.getByTestId('league-row').count()}, API ${body.groups.length}`)
  for (const g of body.groups) {
    const line = row(page, g.key)
    same(`${g.key} n`, await line.getByTestId('league-n').textContent(), grouped(g.n))
    same(`${g.key} NPS`, await line.getByTestId('league-score').textContent(), g.score === null ? zh.noData : decimal(g.score))
    if (g.score !== null && g.margin !== null) same(`${g.key} margin`, await line.getByTestId('league-margin').textContent(), `± ${decimal(g.margin)}`)
    same(`${g.key} arrow`, await line.getByTestId('league-arrow').getAttribute('data-direction'), significanceDirection(g.vsRest))
  }
  return out
}

/** The page agrees with the API (read again after a refresh if answers were still being counted in between). */
async function showsWhatTheApiSays(page: Page, token: string, level: string, filter: string, groupBy: string) {
  let differences: string[] = []
  for (let attempt = 0; attempt < 3; attempt++) {
    differences = await differencesFromApi(page, token, filter, groupBy)
    if (!differences.length) return
    await page.getByTestId('refresh-button').click()
    await ready(page, level)
  }
  expect(differences).toEqual([])
}

async function signIn(page: Page, username: string) {
  await page.getByTestId('login-page').waitFor({ timeout: 20_000 })
  await page.getByLabel('账号').fill(username)
  await page.getByLabel('密码').fill(demo(username).password)
  await page.getByRole('button', { name: '登录' }).click()
}

const ready = (page: Page, level: string) => page.locator(`[data-testid=dashboard][data-level=${level}][data-busy=false]`).waitFor({ timeout: 20_000 })
const row = (page: Page, key: string) => page.locator(`[data-testid=league-row][data-key="${key}"]`)
const checkState = (page: Page, name: string) => harness.checkState(page, name)

describe('the dashboard in a browser', () => {
  it('the demo manager lands on the dashboard, which shows what the metrics API answers at each level; axe finds nothing at 1280 and 375 px', async () => {
    const manager = await staffToken('manager')
    const desk = await harness.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: MANAGER_ZONE })
    const page = await desk.newPage()
    // The printed address is the login page; a manager lands on the dashboard.
    await page.goto(`${harness.baseUrl}/#/staff/pages/login/index`)
    await signIn(page, 'manager')
    await ready(page, 'brand')
    expect(page.url()).toContain('/staff/pages/dashboard/index')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('数据看板')
    expect(await page.getByTestId('dashboard').getAttribute('data-layout')).toBe('wide')
    expect(await page.getByTestId('section-error').count()).toBe(0)
    await showsWhatTheApiSays(page, manager, 'brand', '', 'region')
    await checkState(page, '01-brand-desktop')

    await row(page, REGION).getByRole('button').click()
    await ready(page, 'region')
    expect(await page.getByRole('heading', { name: '门店排行' }).count()).toBe(1)
    await showsWhatTheApiSays(page, manager, 'region', `region=${REGION}`, 'store')
    await row(page, STORE).getByRole('button').click()
    await ready(page, 'store')
    await showsWhatTheApiSays(page, manager, 'store', `store=${STORE}`, 'staff')
    expect(new URL(page.url()).hash).toBe(`#/staff/pages/dashboard/index?region=${REGION}&store=${STORE}`)
    expect(await page.getByTestId('section-error').count()).toBe(0)
    await checkState(page, '02-store-desktop')
    // Back up by the breadcrumb.
    await page.getByTestId('crumb-brand').click()
    await ready(page, 'brand')
    const storage = await desk.storageState()
    await desk.close()

    const phone = await harness.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: MANAGER_ZONE, storageState: storage })
    const small = await phone.newPage()
    await small.goto(`${harness.baseUrl}/#/staff/pages/dashboard/index?store=${STORE}`)
    await ready(small, 'store')
    expect(await small.getByTestId('dashboard').getAttribute('data-layout')).toBe('narrow')
    await showsWhatTheApiSays(small, manager, 'store', `store=${STORE}`, 'staff')
    await checkState(small, '03-store-phone')
    await small.goto(`${harness.baseUrl}/#/staff/pages/dashboard/index?lang=en&period=90d`)
    await ready(small, 'brand')
    expect(await small.getByRole('heading', { level: 1 }).textContent()).toBe('Insight dashboard')
    expect(await small.getByTestId('period-range').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/)
    await checkState(small, '04-brand-phone-en')
    await phone.close()
  }, 240_000)

  // The answers reach the counters through the local stack's aggregate stream consumer (functions/local/stream-poller.ts).
  it('the demo manager lands on the dashboard and reads the seeded NPS, margin and significance off it, drilling down to a staff member', async () => {
    const manager = await staffToken('manager')
    const before = await storeStaff(manager)
    await inBatches(Object.entries(SEEDED).flatMap(([staffId, scores]) => scores.map((nps) => () => answerFor(staffId, nps))))

    // What the page must show: the counts before plus the answers just given.
    const liu = plus(before.liu, ofScores(SEEDED[LIU]))
    const huang = plus(before.huang, ofScores(SEEDED[HUANG]))
    const store = plus(before.store, plus(ofScores(SEEDED[LIU]), ofScores(SEEDED[HUANG])))
    const { value: counted } = await eventually(async () => {
      const now = await storeStaff(manager)
      return total(now.liu) === total(liu) && total(now.huang) === total(huang) ? now : undefined
    }, 60_000, 500)
    expect(counted && [counted.liu, counted.huang]).toEqual([liu, huang])
    const liuVsRest = said(vsRest(liu, store), { up: zh.vsRest.above, down: zh.vsRest.below })
    const huangVsRest = said(vsRest(huang, store), { up: zh.vsRest.above, down: zh.vsRest.below })
    // The seeded answers are far apart: the test is about the arrows being drawn.
    expect([liuVsRest.direction, huangVsRest.direction]).toEqual(['up', 'down'])

    // The printed address is the login page; a manager lands on the dashboard.
    const desk = await harness.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: MANAGER_ZONE })
    const page = await desk.newPage()
    await page.goto(`${harness.baseUrl}/#/staff/pages/login/index`)
    await signIn(page, 'manager')
    await ready(page, 'brand')
    expect(page.url()).toContain('/staff/pages/dashboard/index')

    // brand → 华南 → 广州天河店: the table follows the level.
    await row(page, REGION).getByRole('button').click()
    await ready(page, 'region')
    await row(page, STORE).getByRole('button').click()
    await ready(page, 'store')
    expect(await page.getByRole('heading', { name: '各员工' }).count()).toBe(1)
    expect(new URL(page.url()).hash).toBe(`#/staff/pages/dashboard/index?region=${REGION}&store=${STORE}`)

    for (const [key, cell, { direction, label }] of [
      [LIU, liu, liuVsRest],
      [HUANG, huang, huangVsRest],
    ] as const) {
      const expected = shown(cell)
      const line = row(page, key)
      expect(await line.getByTestId('league-n').textContent()).toBe(expected.n)
      expect(await line.getByTestId('league-score').textContent()).toBe(expected.score)
      expect((await line.getByTestId('league-margin').textContent())?.trim()).toBe(expected.margin)
      const arrow = line.getByTestId('league-arrow')
      expect(await arrow.getAttribute('data-direction')).toBe(direction)
      expect(await arrow.textContent()).toBe(direction === 'up' ? '▲' : '▼')
      // The arrow is an image with its meaning as its name.
      expect(await line.getByRole('img').getAttribute('aria-label')).toBe(label)
    }
    await checkState(page, '11-known-store-staff-desktop')

    // → 刘: the KPI card is theirs.
    await row(page, LIU).getByRole('button').click()
    await ready(page, 'staff')
    const expected = shown(liu)
    expect(await page.getByTestId('kpi-nps-value').textContent()).toBe(expected.score)
    expect(await page.getByTestId('kpi-nps-margin').textContent()).toBe(expected.margin)
    expect(await page.getByTestId('league-card').count()).toBe(0)
    // Against the equally long period before: an arrow only when significant, otherwise it says so in words.
    const range = (await http('GET', `/v1/metrics/nps?staff=${LIU}`, manager)).body
    const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1
    const previous = await http('GET', `/v1/metrics/nps?staff=${LIU}&from=${shiftDays(range.from, -days)}&to=${shiftDays(range.from, -1)}`, manager)
    const change = page.getByTestId('kpi-nps-change')
    const versus = changeVs(liu, counts(previous.body.total))
    const { direction, label } = said(versus, zh.change)
    expect(await change.getAttribute('data-direction')).toBe(direction)
    expect(await change.textContent()).toBe(label ?? (versus.previousScore === null ? zh.change.noPrevious : zh.change.none))
    expect(await page.getByTestId('kpi-nps-arrow').count()).toBe(direction === 'none' ? 0 : 1)
    await checkState(page, '12-known-staff-desktop')
    const storage = await desk.storageState()
    await desk.close()

    // A phone: one column, the same figures, and nothing for axe at 375 px either.
    const phone = await harness.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: MANAGER_ZONE, storageState: storage })
    const small = await phone.newPage()
    await small.goto(`${harness.baseUrl}/#/staff/pages/dashboard/index?store=${STORE}`)
    await ready(small, 'store')
    expect(await small.getByTestId('dashboard').getAttribute('data-layout')).toBe('narrow')
    expect(await row(small, LIU).getByTestId('league-score').textContent()).toBe(expected.score)
    await checkState(small, '13-known-store-phone')
    await phone.close()
  }, 300_000)

  it('an agent is not shown the dashboard: the address takes them to their queue', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', timezoneId: MANAGER_ZONE })
    const page = await context.newPage()
    await page.goto(`${harness.baseUrl}/#/staff/pages/dashboard/index`)
    await signIn(page, 'agent.south')
    await page.getByTestId('workbench').waitFor({ timeout: 20_000 })
    expect(page.url()).toContain('/staff/pages/queue/index')
    expect(await page.getByTestId('to-dashboard').count()).toBe(0)
    await context.close()
  })
})

function shiftDays(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10)
}
