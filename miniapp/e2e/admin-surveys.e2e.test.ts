/**
 * The admin console's surveys and brand sections end to end in a real browser (Debian's chromium,
 * playwright-core) against the local stack the root jest config starts.
 *
 * 1. Surveys: the demo admin signs in, opens a survey of the demo brand (one made for this file — a
 *    copy of the demo survey — so the demo survey that other suites read stays at its version),
 *    edits the draft (a new promoter reason, a changed NPS question) and sees both in the live
 *    preview, drawn by the survey's own form; a limit the shared schema refuses is named beside its
 *    input; publishing shows the new version. Then a store sends a signed trigger with a demo store
 *    key, and the invitation it makes, read as the survey reads it (GET /v1/invitations/{token} with
 *    a consumer session), carries the new version and reason, while one made before keeps its own.
 * 2. Brand: a contact policy value refused by the schema is named beside its input; a valid one is
 *    saved and read back after a reload (then put back as it was).
 * axe finds nothing and a screenshot is kept for each state, at 1280 and 375 px
 * (test-results/e2e-admin-surveys/).
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { call as http, consumerSession, receiptInvitation, stack, unique } from '../../test/helpers'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { eventually } from '../../test/followup-helpers'
import { surveyTexts } from '../src/staff/model/admin-surveys'
import { brandTexts } from '../src/staff/model/admin-brand'
import { openBrowserHarness, type BrowserHarness } from './harness'

let harness: BrowserHarness
let adminToken: string
/** This file's survey in the demo brand. */
const surveyId = unique('e2e-survey')

const adminAccount = () => {
  const account = stack.staff.find((s) => s.username === 'admin')
  if (!account) throw new Error('no demo admin account')
  return account
}

async function asAdmin(method: string, path: string, body?: unknown) {
  const res = await http(method, path, adminToken, body)
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

async function viewInvitation(token: string, session: string) {
  const res = await http('GET', `/v1/invitations/${encodeURIComponent(token)}`, session)
  if (res.status !== 200) throw new Error(`invitation: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

beforeAll(async () => {
  harness = await openBrowserHarness('e2e-admin-surveys')
  const login = await http('POST', '/v1/staff/login', undefined, { username: 'admin', password: adminAccount().password })
  if (login.status !== 200) throw new Error(`admin login: ${login.status}`)
  adminToken = login.body.token
  // Version 1 of this file's survey: the demo survey's definition under its own id and title.
  const demo = await asAdmin('GET', '/v1/admin/surveys/retail-nps')
  const { surveyId: _s, brandId: _b, version: _v, ...draft } = demo.latest
  await asAdmin('POST', `/v1/admin/surveys/${surveyId}/versions`, { ...draft, title: { 'zh-CN': `端到端问卷 ${surveyId}`, en: `E2E survey ${surveyId}` } })
}, 240_000)

afterAll(async () => {
  await harness?.close()
})

const checkState = (page: Page, name: string) => harness.checkState(page, name)
const adminUrl = (section: string, lang?: string) => `${harness.baseUrl}/#/staff/pages/admin/index?section=${section}${lang ? `&lang=${lang}` : ''}`

async function signedInConsole(browser: Browser, width: number, section: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 812 }, deviceScaleFactor: width > 800 ? 1 : 2, locale: 'zh-CN' })
  const page = await context.newPage()
  // Without a session the console sends the admin to the login page and back.
  await page.goto(adminUrl(section))
  await page.getByTestId('login-page').waitFor({ timeout: 20_000 })
  await page.getByLabel('账号').fill('admin')
  await page.getByLabel('密码').fill(adminAccount().password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.locator(`[data-testid=admin-console][data-section=${section}]`).waitFor({ timeout: 20_000 })
  return { context, page }
}

const zhSurvey = surveyTexts('zh-CN')
const zhBrand = brandTexts('zh-CN')

describe('the admin console: surveys', () => {
  it('edits a draft, previews it in the survey form, publishes it; the next invitation carries it, an older one keeps its version', async () => {
    const session = await consumerSession()
    const older = await receiptInvitation({ surveyId })
    expect((await viewInvitation(older.token, session)).survey.version).toBe(1)

    const { context, page } = await signedInConsole(harness.browser, 1280, 'surveys')
    const row = page.locator(`[data-testid=survey-row][data-survey="${surveyId}"]`)
    await row.waitFor({ timeout: 20_000 })
    expect(await row.textContent()).toContain(zhSurvey.latest(1))
    await checkState(page, '01-surveys-desktop')

    await page.getByTestId(`open-survey-${surveyId}`).click()
    const editor = page.locator(`[data-testid=survey-editor][data-survey="${surveyId}"]`)
    await editor.and(page.locator('[data-version="1"]')).waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('survey-version').count()).toBe(1)
    const preview = page.getByTestId('preview-frame')

    // A changed NPS question: the preview (the survey's own form) says it as it is typed.
    const question = { 'zh-CN': '您会把我们推荐给朋友吗？', en: 'Would you tell a friend about us?' }
    await page.getByTestId('f-nps-question-zh-CN').fill(question['zh-CN'])
    await page.getByTestId('f-nps-question-en').fill(question.en)
    expect(await preview.locator('#nps-question').textContent()).toBe(question['zh-CN'])

    // A new promoter reason: a promoter's score in the preview offers it among the survey's chips.
    const promoters = await page.locator('[data-testid=reason-row][data-band=promoter]').count()
    await page.getByTestId('add-reason-promoter').click()
    await page.getByTestId(`f-reasons-promoter-${promoters}-id`).fill('easy_parking')
    await page.getByTestId(`f-reasons-promoter-${promoters}-label-zh-CN`).fill('停车方便')
    await page.getByTestId(`f-reasons-promoter-${promoters}-label-en`).fill('Easy parking')
    await preview.getByTestId('nps-option-10').click()
    const chip = preview.getByTestId('reason-easy_parking')
    await chip.waitFor()
    expect(await chip.textContent()).toBe('停车方便')
    await chip.click()
    expect(await chip.getAttribute('class')).toContain('is-checked')
    // The preview in English is the survey's English.
    await page.getByTestId('preview-lang-en').click()
    expect(await preview.locator('#nps-question').textContent()).toBe(question.en)
    expect(await preview.getByTestId('reason-easy_parking').textContent()).toBe('Easy parking')
    expect(await preview.getByTestId('submit-button').textContent()).toBe('Submit')
    await preview.getByTestId('submit-button').click()
    await page.getByTestId('preview-would-send').waitFor()
    await checkState(page, '02-draft-preview-desktop')

    // A limit the shared schema refuses is named beside its input, and nothing is published.
    await page.getByTestId('f-comment-maxLength').fill('501')
    await page.getByTestId('publish-button').click()
    await page.getByTestId('publish-error').waitFor()
    expect(await page.locator('#f-comment-maxLength-error').textContent()).toMatch(/500/)
    expect(await page.getByTestId('f-comment-maxLength').getAttribute('aria-invalid')).toBe('true')
    await checkState(page, '03-draft-error-desktop')
    expect((await asAdmin('GET', `/v1/admin/surveys/${surveyId}`)).latest.version).toBe(1)

    await page.getByTestId('f-comment-maxLength').fill('300')
    await page.getByTestId('publish-button').click()
    await page.locator(`[data-testid=survey-editor][data-survey="${surveyId}"][data-version="2"]`).waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('publish-ok').textContent()).toContain('v2')
    const versions = await page.getByTestId('survey-version').allTextContents()
    expect(versions).toHaveLength(2)
    expect(versions[0]).toMatch(/^v2 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · admin$/)
    // The editor starts again from what was published.
    expect(await page.getByTestId('f-nps-question-zh-CN').inputValue()).toBe(question['zh-CN'])
    await checkState(page, '04-published-desktop')
    const storage = await context.storageState()
    await context.close()

    // A store's signed trigger (a demo store key) makes an invitation: within the trigger's cache
    // (≤ 30 s per instance) it carries the new version, as the survey reads it.
    const { value: fresh, ms } = await eventually(async () => {
      const view = await viewInvitation((await receiptInvitation({ surveyId })).token, session)
      return view.survey.version === 2 ? view : undefined
    }, 45_000, 2_000)
    expect(fresh?.survey.nps.question).toEqual(question)
    expect(fresh?.survey.comment.maxLength).toBe(300)
    expect(fresh?.survey.reasons.promoter).toContainEqual({ id: 'easy_parking', label: { 'zh-CN': '停车方便', en: 'Easy parking' } })
    expect(ms).toBeLessThan(60_000)
    const olderView = await viewInvitation(older.token, session)
    expect(olderView.survey.version).toBe(1)
    expect(olderView.survey.reasons.promoter.map((r: { id: string }) => r.id)).not.toContain('easy_parking')

    // A phone: the editor over its preview, nothing for axe either.
    const phone = await harness.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', storageState: storage })
    const small = await phone.newPage()
    await small.goto(adminUrl('surveys', 'en'))
    await small.getByTestId(`open-survey-${surveyId}`).click()
    await small.locator(`[data-testid=survey-editor][data-version="2"]`).waitFor({ timeout: 20_000 })
    await small.getByTestId('preview-frame').getByTestId('nps-option-3').click()
    // The detractor's questions unfold in the preview, down to the comment box.
    await small.getByTestId('preview-frame').getByTestId('comment-input').scrollIntoViewIfNeeded()
    await checkState(small, '05-editor-phone-en')
    await phone.close()
  }, 240_000)
})

describe('the admin console: brand settings', () => {
  it('names a refused policy value beside its input, saves a valid one and reads it back', async () => {
    const before = await asAdmin('GET', '/v1/admin/brand')
    const ttl = before.contactPolicy.invitationTtlDays as number
    const changed = ttl === 30 ? 29 : ttl + 1
    const { context, page } = await signedInConsole(harness.browser, 1280, 'brand')
    await page.locator('[data-testid=brand-section][data-ready=true]').waitFor({ timeout: 20_000 })
    const field = page.getByTestId('f-contactPolicy-invitationTtlDays')
    expect(await field.inputValue()).toBe(String(ttl))
    expect(await page.getByTestId('brand-touchpoints').getByTestId('touchpoint-row').count()).toBe(before.touchpoints.length)
    await checkState(page, '11-brand-desktop')

    try {
      await field.fill('0')
      await page.getByTestId('save-contactPolicy').click()
      await page.getByTestId('brand-contactPolicy-error').waitFor()
      expect(await page.locator('#f-contactPolicy-invitationTtlDays-error').count()).toBe(1)
      await checkState(page, '12-brand-error-desktop')

      await field.fill(String(changed))
      await page.getByTestId('save-contactPolicy').click()
      await page.getByTestId('brand-contactPolicy-ok').waitFor({ timeout: 20_000 })
      expect(await page.getByTestId('brand-contactPolicy-ok').textContent()).toContain(zhBrand.inEffect)
      expect((await asAdmin('GET', '/v1/admin/brand')).contactPolicy).toEqual({ ...before.contactPolicy, invitationTtlDays: changed })
      await page.reload()
      await page.locator('[data-testid=brand-section][data-ready=true]').waitFor({ timeout: 20_000 })
      expect(await page.getByTestId('f-contactPolicy-invitationTtlDays').inputValue()).toBe(String(changed))

      // Back as it was, through the console too.
      await page.getByTestId('f-contactPolicy-invitationTtlDays').fill(String(ttl))
      await page.getByTestId('save-contactPolicy').click()
      await page.getByTestId('brand-contactPolicy-ok').waitFor({ timeout: 20_000 })
    } finally {
      const now = await asAdmin('GET', '/v1/admin/brand')
      if (now.contactPolicy.invitationTtlDays !== ttl) await asAdmin('PUT', '/v1/admin/brand', { contactPolicy: before.contactPolicy })
    }
    expect((await asAdmin('GET', '/v1/admin/brand')).contactPolicy).toEqual(before.contactPolicy)
    const storage = await context.storageState()
    await context.close()

    const phone = await harness.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', storageState: storage })
    const small = await phone.newPage()
    await small.goto(adminUrl('brand', 'en'))
    await small.locator('[data-testid=brand-section][data-ready=true]').waitFor({ timeout: 20_000 })
    await checkState(small, '13-brand-phone-en')
    await phone.close()
  }, 180_000)
})
