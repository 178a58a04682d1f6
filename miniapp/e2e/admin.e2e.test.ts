/**
 * The brand admin's console end to end in a real browser (Debian's chromium driven by playwright-core)
 * against the local stack the root jest config starts.
 *
 * 1. The demo admin signs in, opens the console's stores section, creates a store (a bad time zone is
 *    refused beside its field first), issues its key and reads the secret off the page (shown once,
 *    with a warning; the copy button puts it on the clipboard), sends a SIGNED POST /v1/triggers with
 *    it (202), issues a second key (rotation: two live, a third is not offered), revokes the first
 *    after the confirm step, and the next trigger signed with it is refused (401) once the trigger
 *    path's key cache has expired — the test stack's XS_STORE_KEY_CACHE_SECONDS (2 s,
 *    test/global-setup.ts), waited for in real time — while the second key still works.
 * 2. The server-side search finds the store by its region; a CSV import with one bad line shows the
 *    line as sent with its field and message beside it and creates the good one; an edit's bad
 *    override is named beside its field.
 * 3. Staff: an account is created and its one-time password shown once (it signs in with it); a reset
 *    shows a new one (the old one stops working); disabling it refuses its login.
 * 4. The audit section lists these changes. axe finds nothing and a screenshot is kept of each state
 *    at 1280 px and at 375 px (test-results/e2e-admin/, git-ignored).
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { api, call as http, stack, unique } from '../../test/helpers'
import type { BrowserContext, Page } from 'playwright-core'
import { postTrigger } from '../../functions/local/store-client'
import { devOpenId } from '../../functions/local/wechat-stand-in'
import { eventually } from '../../test/followup-helpers'
import { openBrowserHarness, type BrowserHarness } from './harness'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await openBrowserHarness('e2e-admin')
}, 240_000)

afterAll(async () => {
  await harness?.close()
})

const run = unique('ad').replace(/-/g, '').slice(0, 10)
const STORE = `e2e-${run}`
const REGION = `rg${run}`
const IMPORTED = `e2e-csv-${run}`
const USERNAME = `e2e.${run}`

const adminPassword = () => {
  const account = stack.staff.find((s) => s.username === 'admin')
  if (!account) throw new Error('no demo admin')
  return account.password
}

const triggerFor = (storeId: string) => ({
  storeId,
  orderId: unique('order'),
  touchpoint: 'purchase',
  occurredAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  customer: { openid: devOpenId(unique('shopper')) },
  channel: 'receipt',
})

const login = (username: string, password: string) => http('POST', '/v1/staff/login', undefined, { username, password })

async function signIn(page: Page) {
  await page.goto(`${harness.baseUrl}/#/staff/pages/login/index`)
  await page.getByTestId('login-page').waitFor({ timeout: 20_000 })
  await page.getByLabel('账号').fill('admin')
  await page.getByLabel('密码').fill(adminPassword())
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('dashboard').waitFor({ timeout: 20_000 })
}

const openConsole = (page: Page, section: string, lang?: string) => page.goto(`${harness.baseUrl}/#/staff/pages/admin/index?section=${section}${lang ? `&lang=${lang}` : ''}`)
const listReady = (page: Page, testId: string) => page.locator(`[data-testid=${testId}][data-busy=false]`).waitFor({ timeout: 20_000 })
const storeRow = (page: Page, storeId: string) => page.locator(`[data-testid=store-row][data-store="${storeId}"]`)
const keyRow = (page: Page, keyId: string) => page.locator(`[data-testid=key-row][data-key="${keyId}"]`)
const staffRow = (page: Page, staffId: string) => page.locator(`[data-testid=staff-row][data-staff="${staffId}"]`)
const checkState = (page: Page, name: string) => harness.checkState(page, name)

/** A field's error sits beside it: inside the field's own block, and the input is described by it. */
async function expectErrorBeside(page: Page, testId: string) {
  const error = page.getByTestId(`${testId}-field`).getByTestId(`${testId}-error`)
  await error.waitFor({ timeout: 10_000 })
  const errorId = await error.getAttribute('id')
  expect(await page.getByTestId(testId).getAttribute('aria-describedby')).toContain(errorId)
  expect(await page.getByTestId(testId).getAttribute('aria-invalid')).toBe('true')
  return (await error.textContent()) ?? ''
}

/** Reads the one-time secret panel and closes it; afterwards the secret is nowhere on the page. */
async function takeSecret(page: Page, testId: string): Promise<string> {
  const panel = page.getByTestId(testId)
  await panel.waitFor({ timeout: 10_000 })
  expect(await panel.getByTestId(`${testId}-warning`).isVisible()).toBe(true)
  const secret = ((await panel.getByTestId(`${testId}-value`).textContent()) ?? '').trim()
  expect(secret.length).toBeGreaterThanOrEqual(12)
  return secret
}

async function closeSecret(page: Page, testId: string, secret: string) {
  await page.getByTestId(`${testId}-done`).click()
  await page.getByTestId(testId).waitFor({ state: 'detached' })
  expect(await page.content()).not.toContain(secret)
}

let desk: BrowserContext
let storage: Awaited<ReturnType<BrowserContext['storageState']>>

describe('the admin console in a browser', () => {
  it('creates a store, issues its key, signs a trigger with it (202), revokes it in the UI and the next trigger is refused (401)', async () => {
    desk = await harness.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN' })
    await desk.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.baseUrl })
    const page = await desk.newPage()
    await signIn(page)
    await openConsole(page, 'stores')
    await page.getByTestId('stores-section').waitFor({ timeout: 20_000 })
    await listReady(page, 'stores-list')
    expect(await page.getByTestId('admin-console').getAttribute('data-section')).toBe('stores')
    await checkState(page, '01-stores-desktop')

    // Create: the form's own check names the bad field beside it, then the store is created.
    await page.getByTestId('store-new').click()
    await page.getByTestId('store-storeId').fill(STORE)
    await page.getByTestId('store-name').fill(`测试门店 ${run}`)
    await page.getByTestId('store-region').fill(REGION)
    await page.getByTestId('store-timeZone').fill('Mars/Olympus')
    await page.getByTestId('store-fatigueDays').fill('14')
    await page.getByTestId('store-save').click()
    expect(await expectErrorBeside(page, 'store-timeZone')).toMatch(/time zone/)
    await checkState(page, '02-store-form-error-desktop')
    await page.getByTestId('store-timeZone').fill('Asia/Shanghai')
    await page.getByTestId('store-save').click()
    // A new store's next step is its key: the keys panel opens on it.
    await page.locator(`[data-testid=keys-panel][data-store="${STORE}"]`).waitFor({ timeout: 10_000 })
    await storeRow(page, STORE).waitFor({ timeout: 10_000 })
    const created = await http('GET', `/v1/admin/stores?q=${STORE}`, (await login('admin', adminPassword())).body.token)
    expect(created.body.items).toEqual([expect.objectContaining({ storeId: STORE, region: REGION, timeZone: 'Asia/Shanghai', policy: { fatigueDays: 14 } })])

    // Issue: the secret once, with its warning; the copy button puts exactly it on the clipboard.
    await page.getByTestId('key-issue').click()
    const secret = await takeSecret(page, 'key-secret')
    const keyId = ((await page.getByTestId('key-secret-id').textContent()) ?? '').trim()
    await page.getByTestId('key-secret-copy').click()
    await page.getByTestId('key-secret-copied').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
    await keyRow(page, keyId).waitFor()
    await checkState(page, '03-key-issued-desktop')
    await closeSecret(page, 'key-secret', secret)
    const first = { keyId, secret }
    expect((await postTrigger(api, first, triggerFor(STORE))).status).toBe(202)

    // Rotation: a second live key beside the first; with two live, a third is not offered.
    await page.getByTestId('key-issue').click()
    const secondSecret = await takeSecret(page, 'key-secret')
    const second = { keyId: ((await page.getByTestId('key-secret-id').textContent()) ?? '').trim(), secret: secondSecret }
    await closeSecret(page, 'key-secret', secondSecret)
    await page.getByTestId('keys-at-limit').waitFor()
    expect(await page.getByTestId('key-issue').count()).toBe(0)
    expect((await postTrigger(api, second, triggerFor(STORE))).status).toBe(202)

    // Revoke the first, through its confirm step (a cancel first changes nothing).
    await keyRow(page, keyId).getByTestId('key-revoke').click()
    await keyRow(page, keyId).getByTestId('key-revoke-no').click()
    expect(await keyRow(page, keyId).getAttribute('data-live')).toBe('true')
    await keyRow(page, keyId).getByTestId('key-revoke').click()
    await keyRow(page, keyId).getByTestId('key-revoke-confirm').waitFor()
    await checkState(page, '04-key-revoke-confirm-desktop')
    await keyRow(page, keyId).getByTestId('key-revoke-yes').click()
    await page.locator(`[data-testid=key-row][data-key="${keyId}"][data-live=false]`).waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('key-issue').count()).toBe(1)
    const revokedAt = Date.now()

    // The trigger path keeps a key for XS_STORE_KEY_CACHE_SECONDS (2 s in the test stack): within
    // that (plus the request's own time) the revoked key is refused, in real time, on every call after.
    const ttl = Number(stack.env.XS_STORE_KEY_CACHE_SECONDS)
    expect(ttl).toBe(2)
    const refused = await eventually(async () => {
      const res = await postTrigger(api, first, triggerFor(STORE))
      return res.status === 401 ? res : undefined
    }, (ttl + 3) * 1000, 250)
    expect(refused.value?.status).toBe(401)
    expect(Date.now() - revokedAt).toBeLessThanOrEqual((ttl + 4) * 1000)
    expect((await postTrigger(api, first, triggerFor(STORE))).status).toBe(401)
    expect((await postTrigger(api, second, triggerFor(STORE))).status).toBe(202)
    await checkState(page, '05-key-revoked-desktop')
  }, 180_000)

  it('searches on the server by region, imports a CSV with one bad line shown beside its error, and names a bad override beside its field', async () => {
    const page = await desk.newPage()
    await openConsole(page, 'stores')
    await listReady(page, 'stores-list')
    await page.getByTestId('stores-search').fill(REGION)
    await page.getByTestId('stores-search-go').click()
    await page.getByTestId('stores-searching').waitFor()
    await listReady(page, 'stores-list')
    expect(await page.getByTestId('store-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-store')))).toEqual([STORE])

    const badLine = `${IMPORTED}-bad,坏行,${REGION},Mars/Olympus`
    const csv = ['storeId,name,region,timeZone', `${IMPORTED},导入门店,${REGION},Asia/Shanghai`, badLine, ''].join('\n')
    await page.getByTestId('stores-csv').fill(csv)
    await page.getByTestId('stores-csv-send').click()
    const result = page.getByTestId('stores-import-result')
    await result.waitFor({ timeout: 20_000 })
    expect([await result.getAttribute('data-created'), await result.getAttribute('data-updated'), await result.getAttribute('data-errors')]).toEqual(['1', '0', '1'])
    // Only the refused line is listed, as sent, with its field and message beside it.
    const lines = page.getByTestId('csv-line')
    expect(await lines.count()).toBe(1)
    expect(await lines.first().getAttribute('data-line')).toBe('3')
    expect(await lines.first().getByTestId('csv-line-text').textContent()).toBe(badLine)
    const lineError = lines.first().getByTestId('csv-line-error')
    expect(await lineError.getAttribute('data-field')).toBe('timeZone')
    expect(await lineError.textContent()).toMatch(/^timeZone: .*time zone/)
    // The good line was written: the searched list (reloaded) shows it.
    await storeRow(page, IMPORTED).waitFor({ timeout: 10_000 })
    expect(await storeRow(page, `${IMPORTED}-bad`).count()).toBe(0)
    await checkState(page, '06-csv-import-desktop')

    // Edit: a bad override is named beside its field; a good one is saved.
    await storeRow(page, IMPORTED).getByTestId('store-edit').click()
    await page.getByTestId('store-invitationTtlDays').fill('99')
    await page.getByTestId('store-name').fill('导入门店（改）')
    await page.getByTestId('store-save').click()
    await expectErrorBeside(page, 'store-invitationTtlDays')
    await page.getByTestId('store-invitationTtlDays').fill('3')
    await page.getByTestId('store-quiet-none').click()
    await page.getByTestId('store-save').click()
    await page.getByTestId('stores-notice').waitFor()
    const token = (await login('admin', adminPassword())).body.token
    const edited = await http('GET', `/v1/admin/stores?q=${IMPORTED}`, token)
    expect(edited.body.items[0]).toMatchObject({ storeId: IMPORTED, name: '导入门店（改）', policy: { invitationTtlDays: 3, quietHours: null } })
    await page.close()
  }, 120_000)

  it('creates a staff account with its one-time password shown once, resets it and disables the account', async () => {
    const page = await desk.newPage()
    await openConsole(page, 'staff')
    await listReady(page, 'staff-list')
    await checkState(page, '07-staff-desktop')
    await page.getByTestId('staff-new').click()
    await page.getByTestId('staff-username').fill(USERNAME)
    await page.getByTestId('staff-name').fill('测试专员')
    await page.getByTestId('staff-role-agent').click()
    await page.getByTestId('staff-scope-stores').click()
    await page.getByTestId('staff-save').click()
    // No stores given: named beside the scope, nothing sent.
    await page.getByTestId('staff-scope-field').getByTestId('staff-scope-error').waitFor()
    await page.getByTestId('staff-scope-ids').fill(`${STORE}, ${IMPORTED}`)
    await page.getByTestId('staff-save').click()
    const password = await takeSecret(page, 'staff-password')
    await checkState(page, '08-staff-password-desktop')
    expect((await login(USERNAME, password)).status).toBe(200)
    await closeSecret(page, 'staff-password', password)
    const row = staffRow(page, USERNAME)
    await row.waitFor()
    expect(await row.textContent()).toContain(`${STORE}, ${IMPORTED}`)

    // Reset: confirm, a new password shown once; the old one stops working.
    await row.getByTestId('staff-reset').click()
    await row.getByTestId('staff-reset-yes').click()
    const fresh = await takeSecret(page, 'staff-password')
    expect(fresh).not.toBe(password)
    await closeSecret(page, 'staff-password', fresh)
    expect((await login(USERNAME, password)).status).toBe(401)
    expect((await login(USERNAME, fresh)).status).toBe(200)

    // Edit the role and scope, then disable: the login is refused.
    await row.getByTestId('staff-edit').click()
    await page.getByTestId('staff-role-supervisor').click()
    await page.getByTestId('staff-scope-regions').click()
    await page.getByTestId('staff-scope-ids').fill(REGION)
    await page.getByTestId('staff-save').click()
    await page.getByTestId('staff-notice').waitFor()
    await page.locator(`[data-testid=staff-row][data-staff="${USERNAME}"]`).filter({ hasText: REGION }).waitFor({ timeout: 10_000 })
    await row.getByTestId('staff-disable').click()
    await page.locator(`[data-testid=staff-row][data-staff="${USERNAME}"][data-disabled=true]`).waitFor({ timeout: 10_000 })
    expect((await login(USERNAME, fresh)).status).toBe(401)

    // The audit log lists these changes, newest first.
    await page.getByTestId('admin-nav-audit').click()
    await page.getByTestId('audit-section').waitFor()
    await page.getByTestId('audit-row').first().waitFor({ timeout: 10_000 })
    const audited = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')} ${r.textContent}`))
    for (const [action, target] of [
      ['store.create', `store:${STORE}`],
      ['key.issue', 'key:'],
      ['key.revoke', 'key:'],
      ['store.create', `store:${IMPORTED}`],
      ['store.update', `store:${IMPORTED}`],
      ['staff.create', `staff:${USERNAME}`],
      ['staff.password_reset', `staff:${USERNAME}`],
      ['staff.update', `staff:${USERNAME}`],
    ]) {
      expect(audited.some((line) => line.startsWith(`${action} `) && line.includes(target))).toBe(true)
    }
    await checkState(page, '09-audit-desktop')
    storage = await desk.storageState()
    await desk.close()
  }, 120_000)

  it('every section is usable at 375 px (en), and axe finds nothing', async () => {
    const phone = await harness.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'en', storageState: storage })
    const page = await phone.newPage()
    await openConsole(page, 'stores', 'en')
    await listReady(page, 'stores-list')
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Stores')
    await checkState(page, '11-stores-phone-en')
    await page.getByTestId('store-new').click()
    await page.getByTestId('store-form').waitFor()
    await page.getByTestId('store-save').click()
    await expectErrorBeside(page, 'store-storeId')
    await checkState(page, '12-store-form-phone-en')
    await page.getByTestId('store-cancel').click()
    await page.getByTestId('stores-search').fill(STORE)
    await page.getByTestId('stores-search-go').click()
    await storeRow(page, STORE).waitFor({ timeout: 10_000 })
    await storeRow(page, STORE).getByTestId('store-keys').click()
    await page.locator(`[data-testid=key-row][data-live=false]`).first().waitFor({ timeout: 10_000 })
    await checkState(page, '13-keys-phone-en')
    await page.getByTestId('admin-nav-staff').click()
    await listReady(page, 'staff-list')
    await checkState(page, '14-staff-phone-en')
    await page.getByTestId('admin-nav-audit').click()
    await page.getByTestId('audit-row').first().waitFor({ timeout: 10_000 })
    await checkState(page, '15-audit-phone-en')
    await phone.close()
  }, 120_000)
})
