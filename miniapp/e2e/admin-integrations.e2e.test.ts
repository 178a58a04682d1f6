/**
 * The console's integration sections end to end in a real browser (Debian's chromium driven by
 * playwright-core) against the local stack the root jest config starts.
 *
 * 1. Webhooks: the demo admin registers an endpoint pointing at a receiver this test runs on loopback
 *    (the local stage allows http://127.0.0.1), reads its secret off the page (shown once), makes a
 *    response happen (a trigger signed with a demo store key, answered through the API), and the
 *    receiver gets a signed `response.created` (checked with functions/src/webhooks/signature.ts and
 *    the secret from the page); the delivery shows in the section's log (attempts, status code). A
 *    rotation shows a new secret (the next delivery is signed with it and, for the grace period, the
 *    old one); the endpoint is deleted through its confirm step and gets nothing more.
 * 2. Privacy: a person seeded by phone (a trigger + an answer with a comment) is looked up by phone:
 *    the export shows their records (and downloads as JSON); erased after the confirm, the request's
 *    status reaches done with its counts (the erasure worker run here, as the schedule would); the
 *    export then finds nothing ("no records"); a new trigger for the phone answers
 *    suppressed/opted_out; opted back in (confirmed), the next trigger is scheduled again. The phone is
 *    never in the address or the browser's storage.
 * axe finds nothing and a screenshot is kept of each state at 1280 px and 375 px
 * (test-results/e2e-admin-integrations/, git-ignored).
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { call as http, consumerSession, receiptInvitation, stack, storeKey, trigger, triggerBody, unique } from '../../test/helpers'
import fs from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomInt } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright-core'
import { ZWebhookPayload } from '@xinsheng/shared'
import { eventually } from '../../test/followup-helpers'
import { verifyWebhookSignature } from '../../functions/src/webhooks/signature'
import { runPendingErasures } from '../../functions/src/privacy/erase'
import { dynamoClient } from '../../functions/src/lib/dynamo'
import { openBrowserHarness, type BrowserHarness } from './harness'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await openBrowserHarness('e2e-admin-integrations')
}, 240_000)

afterAll(async () => {
  await harness?.close()
  dynamoClient.destroy()
})

const adminPassword = () => {
  const account = stack.staff.find((s) => s.username === 'admin')
  if (!account) throw new Error('no demo admin')
  return account.password
}
const adminToken = async () => (await http('POST', '/v1/staff/login', undefined, { username: 'admin', password: adminPassword() })).body.token as string

async function signIn(page: Page) {
  await page.goto(`${harness.baseUrl}/#/staff/pages/login/index`)
  await page.getByTestId('login-page').waitFor({ timeout: 20_000 })
  await page.getByLabel(/^(账号|Username)$/).fill('admin')
  await page.getByLabel(/^(密码|Password)$/).fill(adminPassword())
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click()
  await page.getByTestId('dashboard').waitFor({ timeout: 20_000 })
}

const openConsole = (page: Page, section: string, lang?: string) => page.goto(`${harness.baseUrl}/#/staff/pages/admin/index?section=${section}${lang ? `&lang=${lang}` : ''}`)
const checkState = (page: Page, name: string) => harness.checkState(page, name)

/** A person's answer: a receipt invitation (signed with the demo store key sh-001) answered through the API. */
async function answered(answers: Record<string, unknown>, customer: Record<string, string> = {}) {
  const { invitationId, token } = await receiptInvitation({ customer })
  const res = await http('POST', '/v1/responses', await consumerSession(), { invitationToken: token, clientResponseId: unique('client'), answers })
  expect(res.status).toBe(201)
  return { invitationId, responseId: String(res.body.responseId) }
}

// ---------- the webhook receiver on loopback ----------

interface Received {
  event: string
  deliveryId: string
  signature: string
  body: string
}

let server: Server
const received: Received[] = []
let receiverUrl = ''

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        event: String(req.headers['x-xinsheng-event']),
        deliveryId: String(req.headers['x-xinsheng-delivery']),
        signature: String(req.headers['x-xinsheng-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
      })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/${unique('e2e')}`
})

afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
})

const deliveryOf = (responseId: string) =>
  eventually(async () => received.find((r) => r.event === 'response.created' && ZWebhookPayload.parse(JSON.parse(r.body)).data.responseId === responseId), 15_000, 100)

/** Reads the one-time secret panel (its warning shown), closes it; afterwards it is nowhere on the page. */
async function takeSecret(page: Page): Promise<{ secret: string; webhookId: string }> {
  const panel = page.getByTestId('webhook-secret')
  await panel.waitFor({ timeout: 10_000 })
  expect(await panel.getByTestId('webhook-secret-warning').isVisible()).toBe(true)
  const secret = ((await panel.getByTestId('webhook-secret-value').textContent()) ?? '').trim()
  expect(secret.length).toBeGreaterThanOrEqual(16)
  return { secret, webhookId: ((await page.getByTestId('webhook-secret-id').textContent()) ?? '').trim() }
}
async function closeSecret(page: Page, secret: string) {
  await page.getByTestId('webhook-secret-done').click()
  await page.getByTestId('webhook-secret').waitFor({ state: 'detached' })
  expect(await page.content()).not.toContain(secret)
}

let desk: BrowserContext
let phoneView: BrowserContext

describe('the console’s webhooks and privacy sections in a browser', () => {
  beforeAll(async () => {
    desk = await harness.browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true })
    const page = await desk.newPage()
    await signIn(page)
    await page.close()
    phoneView = await harness.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'en', storageState: await desk.storageState() })
  }, 60_000)

  afterAll(async () => {
    await desk?.close()
    await phoneView?.close()
  })

  it('webhooks: registers a loopback endpoint, the receiver gets a signed response.created, the log shows it, rotate, delete', async () => {
    const page = await desk.newPage()
    await openConsole(page, 'webhooks')
    await page.getByTestId('webhooks-section').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('admin-console').getAttribute('data-section')).toBe('webhooks')
    await checkState(page, '01-webhooks-desktop')

    // Register: a bad URL is named beside the field first; then the secret, once.
    await page.getByTestId('webhook-url').fill('not a url')
    await page.getByTestId('webhook-register').click()
    await page.getByTestId('webhook-url-field').getByTestId('webhook-url-error').waitFor()
    await page.getByTestId('webhook-url').fill(receiverUrl)
    await page.getByTestId('webhook-register').click()
    const { secret, webhookId } = await takeSecret(page)
    expect(webhookId).toMatch(/^wh_/)
    const row = page.locator(`[data-testid=webhook-row][data-id="${webhookId}"]`)
    await row.waitFor({ timeout: 10_000 })
    expect(await row.textContent()).toContain(receiverUrl)
    await checkState(page, '02-webhook-secret-desktop')
    await closeSecret(page, secret)

    // A response happens: the receiver gets it, signed with the secret read off the page.
    const { responseId } = await answered({ nps: 9, comment: '很好' })
    const got = (await deliveryOf(responseId)).value
    expect(got).toBeDefined()
    expect(verifyWebhookSignature(got!.body, got!.signature, secret)).toMatchObject({ ok: true })
    expect(verifyWebhookSignature(got!.body, got!.signature, `${secret}x`)).toEqual({ ok: false, reason: 'mismatch' })
    expect(ZWebhookPayload.parse(JSON.parse(got!.body))).toMatchObject({ type: 'response.created', data: { responseId, answers: { nps: 9 } } })

    // The delivery log: once the sender has recorded the attempt, the section lists it (delivered, one attempt, 200).
    const token = await adminToken()
    const recorded = await eventually(async () => {
      const log = await http('GET', `/v1/admin/webhooks/${webhookId}/deliveries`, token)
      return log.body.items.find((d: { deliveryId: string; state: string }) => d.deliveryId === got!.deliveryId && d.state === 'delivered')
    }, 10_000)
    expect(recorded.value).toBeDefined()
    await row.getByTestId('webhook-deliveries').click()
    const delivery = row.locator(`[data-testid=webhook-delivery][data-state=delivered]`)
    await delivery.waitFor({ timeout: 10_000 })
    expect(await delivery.textContent()).toContain(got!.deliveryId)
    expect(await delivery.textContent()).toMatch(/新回答 · 已送达 · 1×/)
    expect(await delivery.textContent()).toMatch(/ · 200 · \d+ ms/)
    await checkState(page, '03-webhook-deliveries-desktop')

    // At 375 px (en): the same endpoint and its log.
    const phone = await phoneView.newPage()
    await openConsole(phone, 'webhooks', 'en')
    const phoneRow = phone.locator(`[data-testid=webhook-row][data-id="${webhookId}"]`)
    await phoneRow.waitFor({ timeout: 20_000 })
    await phoneRow.getByTestId('webhook-deliveries').click()
    await phoneRow.locator('[data-testid=webhook-delivery][data-state=delivered]').waitFor({ timeout: 10_000 })
    expect(await phoneRow.textContent()).toMatch(/New response · Delivered · 1×/)
    await checkState(phone, '04-webhook-deliveries-phone-en')
    await phone.close()

    // Rotate: a new secret, shown once; the next delivery verifies with it (and with the old one during the grace period).
    await row.getByTestId('webhook-rotate').click()
    const rotated = await takeSecret(page)
    expect(rotated.webhookId).toBe(webhookId)
    expect(rotated.secret).not.toBe(secret)
    expect(await page.getByTestId('webhook-secret-warning').textContent()).toMatch(/旧密钥在 .+ 前仍会一并签名/)
    await checkState(page, '05-webhook-rotated-desktop')
    await closeSecret(page, rotated.secret)
    const second = (await deliveryOf((await answered({ nps: 10 })).responseId)).value
    expect(second).toBeDefined()
    expect(verifyWebhookSignature(second!.body, second!.signature, rotated.secret).ok).toBe(true)
    expect(verifyWebhookSignature(second!.body, second!.signature, secret).ok).toBe(true)

    // Delete, through its confirm step (a cancel first changes nothing); nothing is sent to it afterwards.
    await row.getByTestId('webhook-delete').click()
    await row.getByTestId('webhook-delete-cancel').click()
    expect(await row.count()).toBe(1)
    await row.getByTestId('webhook-delete').click()
    await row.getByTestId('webhook-delete-confirm').waitFor()
    await checkState(page, '06-webhook-delete-confirm-desktop')
    await row.getByTestId('webhook-delete-confirm').click()
    await row.waitFor({ state: 'detached', timeout: 10_000 })
    const listed = await http('GET', '/v1/admin/webhooks', token)
    expect(listed.body.items.map((w: { webhookId: string }) => w.webhookId)).not.toContain(webhookId)
    const before = received.length
    await answered({ nps: 7 })
    await new Promise((r) => setTimeout(r, 3000))
    expect(received.length).toBe(before)
    await checkState(page, '07-webhook-deleted-desktop')
    await page.close()
  }, 180_000)

  it('privacy: export by phone shows the person’s records, erase reaches done, then no records; suppressed until opted back in', async () => {
    const phoneNumber = `139${String(randomInt(10_000_000, 99_999_999))}`
    const comment = `隐私端到端${unique('c')}，等太久了`
    const seeded = await answered({ nps: 8, comment }, { phone: phoneNumber })

    const page = await desk.newPage()
    await openConsole(page, 'webhooks')
    await page.getByTestId('webhooks-section').waitFor({ timeout: 20_000 })
    await page.getByTestId('admin-nav-privacy').click()
    await page.getByTestId('privacy-section').waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('admin-console').getAttribute('data-section')).toBe('privacy')
    await checkState(page, '11-privacy-desktop')

    // A malformed phone is named beside the field; nothing is sent.
    await page.getByTestId('privacy-kind-phone').click()
    await page.getByTestId('privacy-value').fill('1391234')
    await page.getByTestId('privacy-export-go').click()
    expect(await page.getByTestId('privacy-value-field').getByTestId('privacy-value-error').textContent()).toBe('请输入 11 位手机号')
    expect(await page.getByTestId('privacy-value').getAttribute('aria-invalid')).toBe('true')

    // Export: the counts, the records (the comment among them), the JSON file.
    await page.getByTestId('privacy-value').fill(phoneNumber)
    await page.getByTestId('privacy-export-go').click()
    const result = page.locator('[data-testid=privacy-export][data-found=true]')
    await result.waitFor({ timeout: 10_000 })
    expect(await result.getByTestId('privacy-count-invitations').getAttribute('data-count')).toBe('1')
    expect(await result.getByTestId('privacy-count-responses').getAttribute('data-count')).toBe('1')
    expect(await result.getByTestId('privacy-opted-out').getAttribute('data-opted-out')).toBe('false')
    expect(await result.getByTestId('privacy-export-title').textContent()).toContain(`${phoneNumber.slice(0, 3)}****${phoneNumber.slice(-4)}`)
    await result.getByTestId('privacy-records-toggle').click()
    const responseLine = result.getByTestId('privacy-record-responses')
    expect(await responseLine.textContent()).toContain(`NPS 8 · ${comment}`)
    await checkState(page, '12-privacy-export-desktop')
    const [download] = await Promise.all([page.waitForEvent('download'), result.getByTestId('privacy-download').click()])
    expect(download.suggestedFilename()).toMatch(/^xinsheng-export-[\d-]+\.json$/)
    const file = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'))
    expect(file.invitations.map((i: { invitationId: string }) => i.invitationId)).toEqual([seeded.invitationId])
    expect(file.responses[0]).toMatchObject({ responseId: seeded.responseId, answers: { nps: 8, comment } })
    expect(JSON.stringify(file)).not.toContain(phoneNumber)
    await result.locator('[data-testid=privacy-saved][data-saved=downloaded]').waitFor()
    await result.getByTestId('privacy-json-toggle').click()
    expect(await result.getByTestId('privacy-json').textContent()).toContain(seeded.responseId)
    await page.getByTestId('privacy-request').first().waitFor()
    expect(await page.getByTestId('privacy-request').first().getAttribute('data-kind')).toBe('export')

    // Erase: the confirm says what happens (a cancel changes nothing), then the request and its status.
    await page.getByTestId('privacy-erase').click()
    const confirm = page.getByTestId('privacy-erase-confirm')
    const said = (await confirm.textContent()) ?? ''
    for (const words of ['不可恢复', '统计数字、评分与主题计数保持不变', '不再邀请']) expect(said).toContain(words)
    await checkState(page, '13-privacy-erase-confirm-desktop')
    await page.getByTestId('privacy-erase-no').click()
    await confirm.waitFor({ state: 'detached' })
    expect(await page.locator('[data-testid=privacy-request][data-kind=erase]').count()).toBe(0)
    // The suites share one stack: erasures other suites left pending are carried out first, so the run below sees only this one.
    await runPendingErasures()
    await page.getByTestId('privacy-erase').click()
    await page.getByTestId('privacy-erase-yes').click()
    const erasure = page.locator('[data-testid=privacy-request][data-kind=erase]')
    await erasure.or(page.getByTestId('privacy-error')).waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('privacy-error').count() ? await page.getByTestId('privacy-error').textContent() : 'no error').toBe('no error')
    const requestId = (await erasure.getAttribute('data-request')) ?? ''
    expect(requestId).toMatch(/^[0-9A-Z]{26}$/)
    expect(await erasure.getAttribute('data-status')).toBe('pending')
    expect(await erasure.getByTestId('privacy-request-status').textContent()).toBe('排队中')
    await checkState(page, '14-privacy-erase-pending-desktop')
    // The erasure worker (every minute in the deployed stack; by hand in the test stack); the page polls.
    expect(await runPendingErasures()).toEqual({ done: 1, failed: 0 })
    await page.locator(`[data-testid=privacy-request][data-request="${requestId}"][data-status=done]`).waitFor({ timeout: 20_000 })
    expect(await erasure.getByTestId('privacy-request-detail').textContent()).toBe('邀请 1 · 回答 1 · 任务 0 · 会话 0 · 标识 1')
    await checkState(page, '15-privacy-erase-done-desktop')

    // Afterwards: no records (the API's 404), and the person stays opted out.
    await page.getByTestId('privacy-export-go').click()
    await page.locator('[data-testid=privacy-export][data-found=false]').getByTestId('privacy-no-records').waitFor({ timeout: 10_000 })
    await checkState(page, '16-privacy-no-records-desktop')
    const suppressed = await trigger(triggerBody({ customer: { phone: phoneNumber } }), storeKey('sh-001'))
    expect(suppressed.status).toBe(202)
    expect(suppressed.body).toMatchObject({ status: 'suppressed', reason: 'opted_out' })

    // Opt back in, confirmed: the next trigger for the phone is scheduled again.
    await page.getByTestId('privacy-opt-in').click()
    expect(await page.getByTestId('privacy-opt-in-confirm').textContent()).toContain('仅在顾客本人要求时操作')
    await checkState(page, '17-privacy-opt-in-confirm-desktop')
    await page.getByTestId('privacy-opt-in-yes').click()
    expect(await page.getByTestId('privacy-notice').textContent()).toBe('已恢复邀请（1 个标识）。')
    const scheduled = await trigger(triggerBody({ customer: { phone: phoneNumber } }), storeKey('sh-001'))
    expect(scheduled.status).toBe(202)
    expect(scheduled.body.status).toBe('scheduled')
    expect(await page.locator('[data-testid=privacy-request]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-kind')} ${r.getAttribute('data-status')}`))).toEqual([
      'opt-in done', 'export done', 'erase done', 'export done',
    ])
    await checkState(page, '18-privacy-requests-desktop')

    // The audit log names each request (never the person); this session's requests outlive a visit to it.
    await page.getByTestId('admin-nav-audit').click()
    await page.getByTestId('audit-row').first().waitFor({ timeout: 10_000 })
    const audited = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-action')} ${r.textContent}`))
    for (const [action, target] of [['privacy.opt_in', 'privacy:person'], ['privacy.erased', `privacy:${requestId}`], ['privacy.erase', `privacy:${requestId}`], ['privacy.export', 'privacy:person']]) {
      expect(audited.some((a) => a.startsWith(`${action} `) && a.includes(target))).toBe(true)
    }
    expect(audited.join()).not.toContain(phoneNumber)
    await page.getByTestId('admin-nav-privacy').click()
    await page.locator(`[data-testid=privacy-request][data-request="${requestId}"][data-status=done]`).waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('privacy-request').count()).toBe(4)

    // The phone was never in the address or the browser's storage.
    expect(page.url()).not.toContain(phoneNumber)
    expect(JSON.stringify(await desk.storageState())).not.toContain(phoneNumber)
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(phoneNumber)

    // At 375 px (en): the person's export again and the erase confirm. Of the two invitations since the erasure only the
    // scheduled one is theirs: a suppressed invitation keeps no identifier of anyone (never sent, never answered).
    const phone = await phoneView.newPage()
    await openConsole(phone, 'privacy', 'en')
    await phone.getByTestId('privacy-section').waitFor({ timeout: 20_000 })
    expect(await phone.getByRole('heading', { level: 2 }).first().textContent()).toBe('Privacy requests')
    await checkState(phone, '21-privacy-phone-en')
    await phone.getByTestId('privacy-value').fill(phoneNumber)
    await phone.getByTestId('privacy-export-go').click()
    const phoneResult = phone.locator('[data-testid=privacy-export][data-found=true]')
    await phoneResult.waitFor({ timeout: 10_000 })
    expect(await phoneResult.getByTestId('privacy-count-invitations').getAttribute('data-count')).toBe('1')
    expect(await phoneResult.getByTestId('privacy-count-responses').getAttribute('data-count')).toBe('0')
    await phoneResult.getByTestId('privacy-records-toggle').click()
    const lines = await phoneResult.getByTestId('privacy-record-invitations').allTextContents()
    // (The scheduled one may have been dispatched by now: its status is the sender's; it is not suppressed.)
    expect(lines).toEqual([expect.stringMatching(/ · survey · (scheduled|sending|sent|failed) · 139\*{4}\d{4}$/)])
    expect(lines.join()).not.toContain(comment)
    await checkState(phone, '22-privacy-export-phone-en')
    await phone.getByTestId('privacy-erase').click()
    expect(await phone.getByTestId('privacy-erase-confirm').textContent()).toContain('This cannot be undone')
    await checkState(phone, '23-privacy-erase-confirm-phone-en')
    await phone.getByTestId('privacy-erase-no').click()
    await phone.close()
    await page.close()
  }, 180_000)
})
