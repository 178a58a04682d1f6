/**
 * "不再邀请我" end to end (issue 10 §3), in a real browser against the local stack: a consumer answers,
 * opts out from the thank-you (after a confirm), and from then on the store's signed triggers for
 * them answer `suppressed`, `opted_out`, whichever identifier the store sends; an expired invitation
 * offers the same, and a failed request can be retried. axe must report nothing on any state; the
 * screenshots (375 px) go to test-results/e2e-opt-out/.
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { receiptInvitation, trigger, triggerBody, unique } from '../../test/helpers'
import { randomInt } from 'node:crypto'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Page } from 'playwright-core'
import { devOpenId } from '../../functions/local/wechat-stand-in'
import { keys } from '../../functions/src/data/keys'
import { invitationToken } from '../../functions/src/lib/crypto'
import { db, dynamoClient, TABLES } from '../../functions/src/lib/dynamo'
import { openBrowserHarness, type BrowserHarness } from './harness'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await openBrowserHarness('e2e-opt-out')
}, 240_000)

afterAll(async () => {
  await harness?.close()
  dynamoClient.destroy()
})

/**
 * A phone-sized page of a new browser signed in as a known consumer: the local h5 build logs in with
 * `dev-h5-<browser id>~<nonce>` (survey/model/session.ts), which the WeChat stand-in turns into the
 * openid devOpenId(`h5-<browser id>`), so a store can trigger invitations for this very browser.
 */
async function consumerPhone(locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<{ page: Page; openid: string }> {
  const browserId = unique('optout').replace(/-/g, '')
  const context = await harness.browser.newContext({ viewport: { width: 375, height: 780 }, deviceScaleFactor: 2, locale })
  const page = await context.newPage()
  await page.addInitScript((id) => localStorage.setItem('xinsheng:dev-consumer-id', JSON.stringify({ data: id })), browserId)
  return { page, openid: devOpenId(`h5-${browserId}`) }
}

const surveyUrl = (invitationId: string, query = '') =>
  `${harness.baseUrl}/#/pages/survey/index?inv=${encodeURIComponent(invitationToken(invitationId))}${query}`

async function settled(page: Page, phase: string) {
  await page.locator(`[data-testid=survey-page][data-phase="${phase}"]`).waitFor({ timeout: 20_000 })
}

const optOutStatus = (page: Page) => page.getByTestId('opt-out').getAttribute('data-status')
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')
const newPhoneNumber = () => `139${String(randomInt(10_000_000, 99_999_999))}`

async function storeTrigger(customer: Record<string, string>, extra: Record<string, unknown> = {}) {
  const res = await trigger(triggerBody({ customer, ...extra }))
  expect([200, 202]).toContain(res.status)
  return res.body as { invitationId: string; status: string; reason?: string }
}

/** Holds POST /v1/opt-out until released, so the busy state can be looked at. */
async function holdOptOut(page: Page): Promise<() => void> {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/v1/opt-out', async (route) => {
    await held
    await route.continue()
  })
  return release
}

describe('opt-out in a browser', () => {
  it('a consumer answers, opts out from the thank-you, and the store’s triggers for them are suppressed', async () => {
    const { page, openid } = await consumerPhone()
    const phone = newPhoneNumber()
    const first = await storeTrigger({ openid, phone })
    expect(first.status).toBe('scheduled')

    await page.goto(surveyUrl(first.invitationId))
    await settled(page, 'answering')
    // Not offered while the survey is open: only once it is over.
    expect(await page.getByTestId('opt-out').count()).toBe(0)
    await page.getByTestId('nps-scale').getByRole('radio', { name: '8', exact: true }).click()
    await page.getByRole('button', { name: '提交' }).click()
    await settled(page, 'thank-you')

    // A quiet link under the thank-you.
    const link = page.getByRole('button', { name: '不再邀请我' })
    await link.waitFor()
    expect(await optOutStatus(page)).toBe('idle')
    await harness.checkState(page, '01-thank-you-offers-opt-out')

    // The confirm step; cancel goes back (focus too), nothing is sent.
    const sent: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/v1/opt-out')) sent.push(request.method())
    })
    await link.click()
    await page.getByText('以后不再收到该品牌的满意度邀请？').waitFor()
    expect(await focusedId(page)).toBe('opt-out-question')
    expect(await page.getByRole('group', { name: '以后不再收到该品牌的满意度邀请？' }).count()).toBe(1)
    await harness.checkState(page, '02-confirm')
    await page.getByRole('button', { name: '取消' }).click()
    await link.waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('不再邀请我')
    expect(sent).toEqual([])

    // Confirmed: busy while the request is out, then done.
    await link.click()
    const release = await holdOptOut(page)
    await page.getByRole('button', { name: '确定，不再邀请' }).click()
    await page.locator('[data-testid=opt-out-confirm][aria-busy=true]').waitFor()
    expect(await optOutStatus(page)).toBe('busy')
    await harness.checkState(page, '03-busy')
    release()
    await page.locator('[data-testid=opt-out][data-status=done]').waitFor()
    expect(await page.getByRole('status').filter({ hasText: '已为您关闭邀请' }).count()).toBe(1)
    expect(await page.getByRole('button', { name: '不再邀请我' }).count()).toBe(0)
    expect(sent).toEqual(['POST'])
    await harness.checkState(page, '04-done')

    // From now on the brand's triggers for this customer are suppressed, whichever identifier the store sends, on every channel.
    for (const customer of [{ openid }, { phone }, { openid, phone }] as Record<string, string>[]) {
      expect({ customer, ...(await storeTrigger(customer)) }).toMatchObject({ customer, status: 'suppressed', reason: 'opted_out' })
    }
    expect(await storeTrigger({ phone }, { channel: 'receipt' })).toMatchObject({ status: 'suppressed', reason: 'opted_out' })

    // Opened again: the answered state offers it as well (the server takes a repeat: 200).
    await page.unroute('**/v1/opt-out')
    await page.reload()
    await settled(page, 'thank-you')
    expect(await page.getByTestId('thank-you').textContent()).toContain('您已经提交过这份问卷')
    await page.getByRole('button', { name: '不再邀请我' }).click()
    await page.getByRole('button', { name: '确定，不再邀请' }).click()
    await page.locator('[data-testid=opt-out][data-status=done]').waitFor()
    await harness.checkState(page, '05-answered-done')
    await page.context().close()
  })

  it('an expired invitation offers it too (English); a failed request says so and the retry works', async () => {
    const { page, openid } = await consumerPhone('en')
    const invitation = await receiptInvitation()
    await db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.invitation(invitation.invitationId),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    )
    await page.goto(surveyUrl(invitation.invitationId, '&lang=en'))
    await settled(page, 'expired')
    await page.getByRole('button', { name: "Don't invite me again" }).waitFor()
    await harness.checkState(page, '06-expired-offers-opt-out-en')

    // The first try never reaches the server.
    await page.route('**/v1/opt-out', (route) => route.abort('internetdisconnected'), { times: 1 })
    await page.getByRole('button', { name: "Don't invite me again" }).click()
    await page.getByRole('button', { name: 'Yes, stop inviting me' }).click()
    await page.locator('[data-testid=opt-out][data-status=failed]').waitFor()
    expect(await page.getByTestId('opt-out-result').textContent()).toContain('could not be turned off')
    await harness.checkState(page, '07-failed-en')

    await page.getByRole('button', { name: 'Try again' }).click()
    await page.locator('[data-testid=opt-out][data-status=done]').waitFor()
    expect(await page.getByTestId('opt-out-result').textContent()).toContain('you will not be invited')
    await harness.checkState(page, '08-done-en')

    // A receipt invitation names nobody: the signed-in consumer is the one opted out.
    expect(await storeTrigger({ openid })).toMatchObject({ status: 'suppressed', reason: 'opted_out' })
    await page.context().close()
  })
})
