/**
 * The staff workbench end to end in a real browser (Debian's chromium driven by playwright-core)
 * against the local stack the root jest config starts: a consumer answers 2 in the h5 survey with a
 * comment holding markup → the east region's agent logs in on the h5 workbench at 1280 px, sees the
 * task (the stream poller has ≤ 5 s), claims it, reveals the phone, logs an attempt and resolves it.
 * The comment stays text and no dialog ever opens; axe reports nothing on login, queue and task;
 * then a phone-width (375 px) pass. Screenshots go to test-results/e2e-workbench/ (git-ignored).
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { receiptInvitation } from '../../test/helpers'
import { answerAsCustomer, eventually, http, stack } from '../../test/followup-helpers'
import type { BrowserContext, Page, Route } from 'playwright-core'
import { getResponseForInvitation } from '../../functions/src/data/responses-repo'
import { openBrowserHarness, type BrowserHarness } from './harness'
import { dynamoClient } from '../../functions/src/lib/dynamo'

const MARKUP_COMMENT = '<img src=x onerror=alert(1)>'

let harness: BrowserHarness

beforeAll(async () => {
  harness = await openBrowserHarness('e2e-workbench')
}, 240_000)

afterAll(async () => {
  await harness?.close()
  dynamoClient.destroy()
})

const demo = (username: string) => {
  const account = stack.staff.find((s) => s.username === username)
  if (!account) throw new Error(`no demo account ${username}`)
  return account
}

/** A browser context whose every dialog (alert/confirm/prompt) is recorded and dismissed. */
async function newContext(viewport: { width: number; height: number }, dialogs: string[], storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const context = await harness.browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', ...(storageState ? { storageState } : {}) })
  context.on('page', (page) => page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`)
    void dialog.dismiss()
  }))
  return context
}

const checkState = (page: Page, name: string) => harness.checkState(page, name)

async function logIn(page: Page, username: string) {
  await page.getByTestId('login-page').waitFor({ timeout: 20_000 })
  await page.getByLabel('账号').fill(username)
  await page.getByLabel('密码').fill(demo(username).password)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('workbench').waitFor({ timeout: 20_000 })
}

/**
 * The queue row of a task, refreshing the list (as an agent would) until the stream has delivered
 * it. A new task is due last, so when other suites have filled the first page it is further down:
 * "load more" as an agent would.
 */
async function waitForRow(page: Page, taskId: string, withinMs: number) {
  const row = page.locator(`[data-testid=queue-row][data-task-id="${taskId}"]`)
  const more = page.getByTestId('load-more')
  const started = Date.now()
  while (!(await row.count())) {
    if (await more.count()) {
      await more.click()
      await page.waitForFunction(() => !document.querySelector('[data-testid=load-more][aria-busy]'))
      continue
    }
    if (Date.now() - started > withinMs) throw new Error(`task ${taskId} not in the queue after ${withinMs} ms`)
    await page.waitForTimeout(250)
    await page.getByTestId('refresh-button').click()
    await page.locator('[data-testid=queue-list][data-phase=ready]').waitFor()
  }
  return row
}

const taskPane = (page: Page) => page.getByTestId('task-pane')
/** Waits until the element shows exactly this text (after a step, the pane re-renders with the server's answer). */
const showsText = (locator: ReturnType<Page['getByTestId']>, text: string) => locator.filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 10_000 })
/** A phone number of its own for each customer (contact fatigue would suppress a second invitation to the same one). */
const freshPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
const timelineTypes = (page: Page) => taskPane(page).getByTestId('timeline-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))

describe('the workbench in a browser', () => {
  it('a detractor’s answer is worked to a close by the region’s agent on a desktop; markup in the comment stays text', async () => {
    const dialogs: string[] = []
    const PHONE = freshPhone()
    const masked = `${PHONE.slice(0, 3)}****${PHONE.slice(-4)}`

    // The consumer answers 2 in the h5 survey, with markup for a comment.
    const invitation = await receiptInvitation({ customer: { phone: PHONE } })
    const consumer = await newContext({ width: 360, height: 780 }, dialogs)
    const survey = await consumer.newPage()
    await survey.goto(String(invitation.body.surveyUrl))
    await survey.locator('[data-testid=survey-page][data-phase=answering]').waitFor({ timeout: 20_000 })
    await survey.getByTestId('nps-scale').getByRole('radio', { name: '2', exact: true }).click()
    await survey.getByRole('checkbox', { name: '服务态度差' }).click()
    await survey.getByRole('textbox').fill(MARKUP_COMMENT)
    await survey.getByRole('button', { name: '提交' }).click()
    await survey.locator('[data-testid=survey-page][data-phase=thank-you]').waitFor({ timeout: 20_000 })
    const submittedAt = Date.now()
    const response = await getResponseForInvitation(invitation.invitationId)
    expect(response).toMatchObject({ band: 'detractor', answers: { nps: 2, comment: MARKUP_COMMENT } })
    const taskId = String(response!.responseId)
    await consumer.close()

    // The agent opens the workbench: no session yet, so the login page first.
    const desk = await newContext({ width: 1280, height: 800 }, dialogs)
    const page = await desk.newPage()
    await page.goto(`${harness.baseUrl}/#/staff/pages/queue/index`)
    await page.getByTestId('login-page').waitFor({ timeout: 20_000 })
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('登录回访工作台')
    await checkState(page, '01-login')
    await page.getByRole('button', { name: '登录' }).click()
    expect(await page.getByTestId('login-error').textContent()).toBe('请输入账号和密码')
    await page.getByLabel('账号').fill('agent.east')
    await page.getByLabel('密码').fill('wrong-password')
    await page.getByRole('button', { name: '登录' }).click()
    await showsText(page.getByTestId('login-error'), '账号或密码错误')
    await logIn(page, 'agent.east')
    expect(await page.getByTestId('workbench').getAttribute('data-layout')).toBe('wide')
    expect(await page.getByTestId('signed-in-as').textContent()).toBe('华东回访专员（回访专员）')

    // The task reaches the open queue through the stream within 5 s of the answer.
    expect(await page.getByRole('tab', { name: '待领取' }).getAttribute('aria-selected')).toBe('true')
    const row = await waitForRow(page, taskId, Math.max(1000, 5000 - (Date.now() - submittedAt)))
    expect(await row.getByTestId('row-comment').textContent()).toBe(MARKUP_COMMENT)
    expect(await row.getByTestId('priority-badge').textContent()).toBe('紧急')
    expect(await row.getByTestId('score-chip').textContent()).toBe('2 分')
    expect(await row.getByTestId('sla-clock').textContent()).toMatch(/^剩余 (\d+天(\d+小时)?|\d+小时\d{2}分|\d{2}:\d{2})$/)
    expect(await row.textContent()).toContain('上海南京西路店')
    // The countdown is live: it ticks without a reload (under an hour it shows seconds; above, the minute changes within 60 s, too slow to wait for).
    await checkState(page, '02-queue-desktop')

    // The task on the right, the queue still on the left.
    await row.click()
    await page.locator('[data-testid=task-pane][data-phase=ready]').waitFor()
    await showsText(taskPane(page).getByTestId('task-title'), '上海南京西路店')
    expect(await page.getByTestId('queue-pane').isVisible()).toBe(true)
    expect(await row.getAttribute('aria-current')).toBe('true')
    expect(await taskPane(page).getByTestId('task-comment').textContent()).toBe(MARKUP_COMMENT)
    expect(await page.locator('img').count()).toBe(0)
    expect(await taskPane(page).getByTestId('phone-masked').textContent()).toBe(masked)
    expect(await taskPane(page).textContent()).not.toContain(PHONE)
    expect(await taskPane(page).getByTestId('reasons').textContent()).toContain('服务态度差')
    await checkState(page, '03-task-open')

    // claim → reveal/call → log attempt → resolve, in that order on the screen.
    await page.getByRole('button', { name: '领取任务' }).click()
    await showsText(taskPane(page).getByTestId('task-status'), '处理中')
    // The claimed task left the open list; the queue follows it to "mine", where it stays selected.
    await page.locator('[data-testid=queue-list][data-tab=mine][data-phase=ready]').waitFor()
    expect(await page.getByRole('tab', { name: '我的' }).getAttribute('aria-selected')).toBe('true')
    expect(await page.locator(`[data-testid=queue-row][data-task-id="${taskId}"]`).getAttribute('aria-current')).toBe('true')
    const steps = await taskPane(page).getByTestId('actions').locator('[data-testid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    const order = ['reveal-button', 'attempt-form', 'resolve-form'].map((id) => steps.indexOf(id))
    expect(order.every((i) => i >= 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    await checkState(page, '04-task-claimed')

    await page.getByRole('button', { name: '查看号码并拨打' }).click()
    await showsText(taskPane(page).getByTestId('phone-revealed'), PHONE)
    expect(await taskPane(page).getByTestId('phone-revealed').getAttribute('href')).toBe(`tel:${PHONE}`)
    await taskPane(page).locator('[data-testid=timeline-entry][data-type=phone_revealed]').waitFor()

    await page.getByRole('button', { name: '记录联系' }).click()
    expect(await taskPane(page).getByRole('alert').first().textContent()).toBe('请选择联系结果')
    await taskPane(page).getByRole('radio', { name: '无人接听' }).check()
    await page.getByLabel('备注').first().fill('第一次无人接听')
    await page.getByRole('button', { name: '记录联系' }).click()
    await taskPane(page).locator('[data-testid=timeline-entry][data-type=attempt]').waitFor()
    expect(await taskPane(page).getByTestId('timeline').textContent()).toContain('第一次无人接听')

    await taskPane(page).getByRole('radio', { name: '已解决' }).check()
    await taskPane(page).getByRole('radio', { name: '服务态度' }).check()
    await taskPane(page).getByTestId('resolve-form').getByLabel('备注').fill('<b>已致歉</b>，赠送优惠券')
    await checkState(page, '05-task-resolving')
    await page.getByRole('button', { name: '结案' }).click()
    await showsText(taskPane(page).getByTestId('task-status'), '已结案')
    expect(await timelineTypes(page)).toEqual(expect.arrayContaining(['created', 'claimed', 'phone_revealed', 'attempt', 'resolved']))
    expect(await taskPane(page).getByTestId('timeline').textContent()).toContain('<b>已致歉</b>，赠送优惠券')
    expect(await page.getByRole('button', { name: '领取任务' }).count()).toBe(0)
    await checkState(page, '06-task-resolved')

    // What the server holds: the same story, told by the agent.
    const token = await page.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('xinsheng:staff-session') ?? '{}').data).token)
    const stored = await http('GET', `/v1/tasks/${taskId}`, token)
    expect(stored.body).toMatchObject({ status: 'resolved', outcome: 'resolved', rootCause: 'staff_attitude', answers: { nps: 2, comment: MARKUP_COMMENT } })
    const worked = (stored.body.timeline as { type: string; by?: { staffId: string } }[]).filter((e) => e.by)
    expect(worked.map((e) => e.type)).toEqual(['claimed', 'phone_revealed', 'attempt', 'resolved'])
    expect(new Set(worked.map((e) => e.by!.staffId))).toEqual(new Set(['agent.east']))

    // A resolved task leaves the agent's list.
    await page.getByTestId('refresh-button').click()
    await page.locator('[data-testid=queue-list][data-phase=ready]').waitFor()
    await page.locator(`[data-testid=queue-row][data-task-id="${taskId}"]`).waitFor({ state: 'detached' })
    expect(dialogs).toEqual([])
    await desk.close()
  })

  it('on a phone: the queue alone, a tap opens the task, and the token is kept across pages', async () => {
    const dialogs: string[] = []
    const answered = await answerAsCustomer({ nps: 5, comment: '第一行\n第二行' }, { storeId: 'hz-001', phone: freshPhone() })
    const phone = await newContext({ width: 375, height: 812 }, dialogs)
    const page = await phone.newPage()
    await page.goto(`${harness.baseUrl}/#/staff/pages/queue/index`)
    await logIn(page, 'agent.east')
    expect(await page.getByTestId('workbench').getAttribute('data-layout')).toBe('narrow')
    expect(await page.getByTestId('task-pane').count()).toBe(0)
    const row = await waitForRow(page, answered.responseId, 5000)
    expect(await row.getByTestId('row-comment').textContent()).toBe('第一行')
    expect(await row.getByTestId('priority-badge').textContent()).toBe('普通')
    await checkState(page, '07-queue-phone')

    await row.click()
    await page.waitForURL(/staff\/pages\/task\/index\?id=/)
    await showsText(page.getByTestId('task-title'), '杭州西湖店')
    // (h5 keeps the queue page under the task page, hidden, as a navigation stack does.)
    expect(await page.getByTestId('queue-pane').isVisible()).toBe(false)
    expect(await page.getByTestId('task-comment').textContent()).toBe('第一行\n第二行')
    await checkState(page, '08-task-phone')
    await page.getByRole('button', { name: '领取任务' }).click()
    await showsText(page.getByTestId('task-status'), '处理中')
    await page.getByRole('button', { name: /返回列表/ }).click()
    await page.getByTestId('queue-pane').waitFor({ state: 'visible' })
    // Back on the list, it is read again at once: the claimed task is no longer open.
    await page.locator(`[data-testid=queue-row][data-task-id="${answered.responseId}"]`).waitFor({ state: 'detached', timeout: 5000 })
    expect(await page.getByTestId('task-pane').count()).toBe(0)
    expect(dialogs).toEqual([])
    await phone.close()
  })

  it('on a desktop the open task and the tab are in the address: a reload shows them again; a task not theirs is just not opened', async () => {
    const dialogs: string[] = []
    const answered = await answerAsCustomer({ nps: 3, comment: '等了很久' }, { storeId: 'hz-001', phone: freshPhone() })
    const context = await newContext({ width: 1280, height: 800 }, dialogs)
    const page = await context.newPage()
    await page.goto(`${harness.baseUrl}/#/staff/pages/queue/index`)
    await logIn(page, 'agent.east')
    const row = await waitForRow(page, answered.responseId, 5000)
    const entries = await page.evaluate(() => history.length)
    const workbench = await page.getByTestId('workbench').elementHandle()
    await row.click()
    await page.locator(`[data-testid=task-pane][data-phase=ready] [data-task-id="${answered.responseId}"]`).waitFor()
    // Claimed, the task moves to "mine" and the queue follows it: the address says both, in place (no new history entry).
    await page.getByRole('button', { name: '领取任务' }).click()
    await page.locator('[data-testid=queue-list][data-tab=mine][data-phase=ready]').waitFor()
    const here = `#/staff/pages/queue/index?id=${answered.responseId}&tab=mine`
    await page.waitForURL((url) => url.hash === here)
    expect(await page.evaluate(() => history.length)).toBe(entries)
    // …and the page was not loaded anew for it.
    expect(await workbench!.evaluate((el) => el.isConnected)).toBe(true)

    await page.reload()
    await page.locator(`[data-testid=task-pane][data-phase=ready] [data-task-id="${answered.responseId}"]`).waitFor({ timeout: 20_000 })
    await showsText(taskPane(page).getByTestId('task-status'), '处理中')
    expect(await page.getByTestId('workbench').getAttribute('data-layout')).toBe('wide')
    expect(await page.getByRole('tab', { name: '我的' }).getAttribute('aria-selected')).toBe('true')
    await page.locator('[data-testid=queue-list][data-tab=mine][data-phase=ready]').waitFor()
    expect(await page.locator(`[data-testid=queue-row][data-task-id="${answered.responseId}"]`).getAttribute('aria-current')).toBe('true')
    expect(new URL(page.url()).hash).toBe(here)
    await checkState(page, '12-task-after-reload')

    // An id this agent may not see (another region's, or none at all): the queue, nothing chosen, no error.
    const link = await context.newPage()
    await link.goto(`${harness.baseUrl}/#/staff/pages/queue/index?id=01NOSUCHTASK0000000000000&tab=mine`)
    await link.locator('[data-testid=queue-list][data-tab=mine][data-phase=ready]').waitFor({ timeout: 20_000 })
    await link.waitForURL((url) => url.hash === '#/staff/pages/queue/index?tab=mine')
    await link.getByTestId('task-placeholder').waitFor()
    expect(await link.getByTestId('task-error').count()).toBe(0)
    expect(await link.getByRole('alert').count()).toBe(0)
    expect(await link.getByRole('tab', { name: '我的' }).getAttribute('aria-selected')).toBe('true')
    expect(dialogs).toEqual([])
    await context.close()
  })

  it('the SLA countdown ticks on its own and turns red once the due time passes', async () => {
    const dialogs: string[] = []
    const answered = await answerAsCustomer({ nps: 6, comment: '一般般' }, { storeId: 'hz-001', phone: freshPhone() })
    const context = await newContext({ width: 1280, height: 800 }, dialogs)
    const page = await context.newPage()
    // The page's clock is Playwright's, so the test can move it; it runs at real speed until then.
    await page.clock.install()
    await page.goto(`${harness.baseUrl}/#/staff/pages/queue/index`)
    await logIn(page, 'agent.east')
    const row = await waitForRow(page, answered.responseId, 5000)
    const clock = row.getByTestId('sla-clock')
    expect(await clock.getAttribute('data-sla')).toBe('due')
    const dueAt = await http('GET', `/v1/tasks/${answered.responseId}`, await page.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('xinsheng:staff-session') ?? '{}').data).token))
    const due = Date.parse(dueAt.body.dueAt)

    // Ten minutes before the due time: minutes and seconds, ticking every second without a reload.
    await page.clock.setSystemTime(due - 10 * 60_000)
    await page.clock.runFor(1000)
    const before = await clock.textContent()
    expect(before).toMatch(/^剩余 (09:5\d|10:00)$/)
    await page.clock.runFor(2000)
    expect(await clock.textContent()).not.toBe(before)

    // A minute past it: overdue, in red.
    await page.clock.setSystemTime(due + 61_000)
    await page.clock.runFor(1000)
    await showsText(clock, '已超时 01:0\\d')
    expect(await clock.getAttribute('data-sla')).toBe('breached')
    expect(await clock.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(198, 40, 40)')
    await checkState(page, '11-queue-breached')
    expect(dialogs).toEqual([])
    await context.close()
  })

  it('a refused token goes back to the login page, which returns to the task; a supervisor reassigns it (in English)', async () => {
    const dialogs: string[] = []
    const answered = await answerAsCustomer({ nps: 1, comment: '退款一直没到账' }, { storeId: 'sh-001', phone: freshPhone() })
    // The link of a staff notice: the task exists once the stream has delivered the answer.
    const supervisor = await http('POST', '/v1/staff/login', undefined, { username: 'supervisor.east', password: demo('supervisor.east').password })
    const { value: exists } = await eventually(async () => ((await http('GET', `/v1/tasks/${answered.responseId}`, supervisor.body.token)).status === 200 ? true : undefined))
    expect(exists).toBe(true)
    const context = await newContext({ width: 1280, height: 800 }, dialogs)
    const page = await context.newPage()
    await page.addInitScript(() => {
      if (sessionStorage.getItem('seeded')) return
      sessionStorage.setItem('seeded', '1')
      const staff = { staffId: 'agent.east', brandId: 'demo-brand', name: '华东回访专员', role: 'agent', scope: { allRegions: false, regions: ['east'], stores: [] } }
      localStorage.setItem('xinsheng:staff-session', JSON.stringify({ data: JSON.stringify({ token: 'revoked-token', expiresAt: '2099-01-01T00:00:00.000Z', staff }) }))
    })
    // On a desktop the queue and the task pane ask at once and are both refused. Hold the two
    // answers and let the second arrive once the first has taken the page to the login screen:
    // the page must not relaunch the login page a second time.
    const routes: Route[] = []
    let bothRefused!: () => void
    const refusedTogether = new Promise<void>((resolve) => (bothRefused = resolve))
    await page.route('**/v1/tasks**', async (route) => {
      routes.push(route)
      if (routes.length !== 2) return
      await routes[0].continue()
      await page.getByTestId('login-page').waitFor({ timeout: 20_000 })
      await routes[1].fulfill({ response: await routes[1].fetch() })
      bothRefused()
    })
    await page.goto(`${harness.baseUrl}/#/staff/pages/task/index?id=${answered.responseId}&lang=en`)
    await refusedTogether
    await page.unroute('**/v1/tasks**')
    await page.waitForTimeout(500) // time enough for the page to act on the second 401
    expect(await page.getByTestId('login-page').count()).toBe(1)
    expect(await page.evaluate(() => localStorage.getItem('xinsheng:staff-session'))).toBeNull()
    expect(await page.getByTestId('session-ended').textContent()).toBe('Your session has ended; please sign in again')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to the callback workbench')
    await checkState(page, '09-login-session-ended-en')
    await page.getByLabel('Username').fill('supervisor.east')
    await page.getByLabel('Password').fill(demo('supervisor.east').password)
    await page.getByRole('button', { name: 'Sign in' }).click()

    // Back on the task it was sent from, with the queue beside it.
    await page.locator('[data-testid=task-pane][data-phase=ready]').waitFor({ timeout: 20_000 })
    expect(page.url()).toContain(`/staff/pages/task/index?id=${answered.responseId}`)
    expect(await page.getByTestId('workbench').getAttribute('data-layout')).toBe('wide')
    expect(await page.getByTestId('task-comment').textContent()).toBe('退款一直没到账')
    // The supervisor starts on the escalations and has the resolved tab, for reopening.
    expect(await page.getByRole('tab', { name: 'Escalated' }).getAttribute('aria-selected')).toBe('true')
    expect(await page.getByRole('tab', { name: 'Resolved' }).count()).toBe(1)
    await checkState(page, '10-supervisor-task-en')

    // The reassign choices are the people in the task's scope who work tasks: not the other
    // region's agent, not the manager.
    const choices = page.getByTestId('assignees').locator('label')
    await choices.first().waitFor()
    const names = await choices.allTextContents()
    expect(names).toContain('华东回访专员 · Agent')
    expect(names.some((n) => n.includes('华南') || n.includes('Manager'))).toBe(false)
    await page.getByRole('button', { name: 'Reassign', exact: true }).click()
    await page.getByTestId('assign-form').getByText('Choose who takes it over').waitFor()
    await checkState(page, '10-supervisor-reassign-en')
    await page.getByRole('radio', { name: '华东回访专员 · Agent' }).click()
    await page.getByRole('button', { name: 'Reassign', exact: true }).click()
    await showsText(page.getByTestId('task-status'), 'In progress')
    await page.locator('[data-testid=timeline-entry][data-type=assigned]').waitFor()
    expect(await page.getByTestId('timeline').textContent()).toContain('Assigned to agent.east')
    // The supervisor may work it too, and the other tabs list the region's tasks.
    await page.getByRole('tab', { name: 'Open' }).click()
    await page.locator('[data-testid=queue-list][data-tab=open][data-phase=ready]').waitFor()
    expect(dialogs).toEqual([])
    await context.close()
  })
})
