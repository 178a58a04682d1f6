/**
 * The survey end to end in a real browser (Debian's chromium driven by playwright-core) against
 * the local stack the root jest config starts: a store trigger → the h5 app at the invitation's
 * link → answers → what DynamoDB holds. axe-core must report nothing on any state; a screenshot
 * of each state goes to test-results/e2e-survey/ (git-ignored).
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { inspect, inspectPost, receiptInvitation, trigger, triggerBody, unique } from '../../test/helpers'
import { UpdateCommand } from '@aws-sdk/lib-dynamodb'
import type { Page, Route } from 'playwright-core'
import { SURVEY_TEMPLATE_ID } from '../../functions/local/stack'
import { devOpenId } from '../../functions/local/wechat-stand-in'
import { keys } from '../../functions/src/data/keys'
import { getResponseForInvitation } from '../../functions/src/data/responses-repo'
import { handler as dispatch } from '../../functions/src/dispatch/send-due-invitations'
import { invitationToken } from '../../functions/src/lib/crypto'
import { openBrowserHarness, type BrowserHarness } from './harness'
import { db, dynamoClient, TABLES } from '../../functions/src/lib/dynamo'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await openBrowserHarness('e2e-survey')
}, 240_000)

afterAll(async () => {
  await harness?.close()
  dynamoClient.destroy()
})

/** A phone-sized page of a new browser: a new consumer (its dev login id is fresh). */
async function newPhone(): Promise<Page> {
  const context = await harness.browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  return context.newPage()
}

async function settled(page: Page, phase?: string) {
  const selector = phase ? `[data-testid=survey-page][data-phase="${phase}"]` : '[data-testid=survey-page]:not([data-phase=loading])'
  await page.locator(selector).waitFor({ timeout: 20_000 })
}

const checkState = (page: Page, name: string) => harness.checkState(page, name)

const scoreCell = (page: Page, score: number) => page.getByTestId('nps-scale').getByRole('radio', { name: String(score), exact: true })
const star = (page: Page, stars: number) => page.getByTestId('csat-stars').getByRole('radio', { name: String(stars), exact: true })

describe('the survey in a browser', () => {
  it('a detractor answers in a few taps and is promised a callback; the answer is stored as given', async () => {
    const invitation = await receiptInvitation()
    const page = await newPhone()
    await page.goto(String(invitation.body.surveyUrl))
    await settled(page, 'answering')
    await expect(page.getByTestId('store-name').textContent()).resolves.toContain('上海南京西路店')
    expect(await page.getByRole('button', { name: '提交' }).isDisabled()).toBe(true)
    await checkState(page, '01-open')

    await scoreCell(page, 3).click()
    await page.getByRole('checkbox', { name: '排队时间长' }).click()
    await star(page, 2).click()
    await page.getByRole('textbox').fill('排队太久了，收银台只开了一个')
    expect(await page.getByTestId('comment-counter').textContent()).toBe('14/500')
    await checkState(page, '02-detractor-filled')

    await page.getByRole('button', { name: '提交' }).click()
    await settled(page, 'thank-you')
    expect(await page.getByTestId('thank-you').getAttribute('data-kind')).toBe('detractor')
    expect(await page.getByTestId('thank-you').textContent()).toMatch(/\d+ 个营业小时内给您回电/)
    await checkState(page, '03-thank-you-detractor')
    // No "notify me" in a browser: h5 has no WeChat subscribe messages, so the button is not offered.
    expect(await page.getByTestId('notify-button').count()).toBe(0)

    expect(await getResponseForInvitation(invitation.invitationId)).toMatchObject({
      band: 'detractor',
      answers: { nps: 3, csat: 2, reasons: ['long_wait'], comment: '排队太久了，收银台只开了一个' },
    })

    // Opened again: the thank-you, no second answer.
    await page.reload()
    await settled(page)
    expect(await page.getByTestId('survey-page').getAttribute('data-phase')).toBe('thank-you')
    expect(await page.getByTestId('thank-you').textContent()).toContain('您已经提交过这份问卷')
    expect(await page.getByRole('button', { name: '提交' }).count()).toBe(0)
    await checkState(page, '04-answered-again')

    // The link of the callback notice (…&from=notice): the store has followed up; nothing more is promised.
    await page.goto(`${invitation.body.surveyUrl}&from=notice`)
    await page.reload()
    await settled(page, 'thank-you')
    const followedUp = await page.getByTestId('thank-you').textContent()
    expect(followedUp).toContain('门店已跟进您的反馈')
    expect(followedUp).not.toMatch(/个营业小时内给您回电|您已经提交过这份问卷/)
    await checkState(page, '04b-from-notice')
    await page.context().close()
  })

  it('a promoter answers in English (?lang=en)', async () => {
    const invitation = await receiptInvitation()
    const page = await newPhone()
    await page.goto(`${invitation.body.surveyUrl}&lang=en`)
    await settled(page, 'answering')
    await scoreCell(page, 10).click()
    await page.getByRole('checkbox', { name: 'Friendly staff' }).click()
    await star(page, 5).click()
    await checkState(page, '05-promoter-en')
    await page.getByRole('button', { name: 'Submit' }).click()
    await settled(page, 'thank-you')
    expect(await page.getByTestId('thank-you').getAttribute('data-kind')).toBe('promoter')
    expect(await page.getByTestId('notify-button').count()).toBe(0)
    await checkState(page, '06-thank-you-promoter-en')
    expect(await getResponseForInvitation(invitation.invitationId)).toMatchObject({
      band: 'promoter',
      answers: { nps: 10, csat: 5, reasons: ['friendly_staff'] },
      locale: 'en',
    })
    await page.context().close()
  })

  it('a network cut during submit loses nothing and stores exactly one response', async () => {
    const invitation = await receiptInvitation()
    const page = await newPhone()
    await page.goto(String(invitation.body.surveyUrl))
    await settled(page, 'answering')
    await scoreCell(page, 6).click()
    await page.getByRole('checkbox', { name: '服务态度差' }).click()

    // 1st POST reaches the server but its answer is lost; the 2nd never leaves; then the network is back.
    const posted: { clientResponseId: string }[] = []
    const answered: number[] = []
    let attempt = 0
    await page.route('**/v1/responses', async (route: Route) => {
      posted.push(route.request().postDataJSON())
      attempt += 1
      if (attempt === 1) {
        await route.fetch()
        await route.abort('internetdisconnected')
      } else if (attempt === 2) {
        await route.abort('internetdisconnected')
      } else {
        const response = await route.fetch()
        answered.push(response.status())
        await route.fulfill({ response })
      }
    })
    await page.getByRole('button', { name: '提交' }).click()
    await page.getByTestId('pending-banner').waitFor()
    await checkState(page, '07-offline-pending')
    await settled(page, 'thank-you')

    // The same clientResponseId each time, and the last answer is a replay (200): the first, lost,
    // request had stored the response, and the retry did not store a second one.
    expect(posted.length).toBe(3)
    expect(new Set(posted.map((p) => p.clientResponseId)).size).toBe(1)
    expect(answered).toEqual([200])
    expect(await getResponseForInvitation(invitation.invitationId)).toMatchObject({
      clientResponseId: posted[0].clientResponseId,
      answers: { nps: 6, reasons: ['staff_attitude'] },
    })
    await page.context().close()
  })

  it('shows a loading state while the invitation is on its way', async () => {
    const invitation = await receiptInvitation()
    const page = await newPhone()
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/v1/invitations/**', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(String(invitation.body.surveyUrl))
    await page.getByTestId('loading').waitFor()
    await checkState(page, '00-loading')
    release()
    await settled(page, 'answering')
    await page.context().close()
  })

  it('a network error while opening offers a retry, then the survey', async () => {
    const invitation = await receiptInvitation()
    const page = await newPhone()
    await page.route('**/v1/invitations/**', (route) => route.abort('internetdisconnected'))
    await page.goto(String(invitation.body.surveyUrl))
    await settled(page, 'load-failed')
    await checkState(page, '08-load-failed')
    await page.unroute('**/v1/invitations/**')
    await page.getByRole('button', { name: '重试' }).click()
    await settled(page, 'answering')
    await page.context().close()
  })

  it('an expired link says so', async () => {
    const invitation = await receiptInvitation()
    await db.send(
      new UpdateCommand({
        TableName: TABLES.main,
        Key: keys.invitation(invitation.invitationId),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    )
    const page = await newPhone()
    await page.goto(String(invitation.body.surveyUrl))
    await settled(page, 'expired')
    await checkState(page, '09-expired')
    await page.context().close()
  })

  it('a link sent to someone else is not opened for this consumer', async () => {
    const shopper = unique('e2e-shopper')
    const openid = devOpenId(shopper)
    await inspectPost('grant', { openid, template_id: SURVEY_TEMPLATE_ID })
    const created = await trigger(triggerBody({ customer: { openid } }))
    expect(created.status).toBe(202)
    await dispatch({ time: new Date(Date.parse(String(created.body.sendAt)) + 1000).toISOString() })
    const messages = await inspect<{ touser: string; page: string }[]>('messages')
    const message = messages.find((m) => m.touser === openid)
    expect(message).toBeDefined()
    const page = await newPhone()
    await page.goto(`${harness.baseUrl}/#/${message!.page}`)
    await settled(page, 'not-yours')
    await checkState(page, '10-not-yours')
    await page.context().close()
  })

  it('a browser whose session expired signs in again as the same consumer (its invitation still opens)', async () => {
    const browserId = unique('returning').replace(/-/g, '')
    const created = await trigger(triggerBody({ customer: { openid: devOpenId(`h5-${browserId}`) } }))
    const page = await newPhone()
    await page.addInitScript((id) => {
      localStorage.setItem('xinsheng:dev-consumer-id', JSON.stringify({ data: id }))
      // A session the server no longer knows, as after it expired.
      localStorage.setItem('xinsheng:session', JSON.stringify({ data: JSON.stringify({ token: 'expired-session-token', expiresAt: '2099-01-01T00:00:00.000Z' }) }))
    }, browserId)
    await page.goto(`${harness.baseUrl}/#/pages/survey/index?inv=${encodeURIComponent(invitationToken(String(created.body.invitationId)))}`)
    await settled(page, 'answering')
    await page.context().close()
  })

  it('a broken link says so', async () => {
    const page = await newPhone()
    await page.goto(`${harness.baseUrl}/#/pages/survey/index?inv=not-a-token`)
    await settled(page, 'invalid-link')
    await checkState(page, '11-invalid-link')
    await page.context().close()
  })
})
