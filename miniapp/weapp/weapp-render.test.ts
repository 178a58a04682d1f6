/**
 * The built weapp survey page, run and rendered as WeChat would: its JS (Taro's runtime + React)
 * runs in a node:vm sandbox with a stubbed `wx`, whose `request` is real HTTP to the test stack;
 * what the page `setData`s goes through the template wcc compiled from the build. A consumer opens a
 * real invitation (sent to their openid), sees the 0–10 scale and the submit button, taps a score
 * through the page's `eh` handler as the template binds it, and sees the reasons for that score.
 * (The test helpers are imported first: they point this process at the test stack.)
 */
import { stack, trigger, triggerBody, unique } from '../../test/helpers'
import { devOpenId } from '../../functions/local/wechat-stand-in'
import { invitationToken } from '../../functions/src/lib/crypto'
import { npsBand, type InvitationView } from '@xinsheng/shared'
import { MiniSandbox, type PageInstance } from './mini-sandbox'
import { compileWxml, miniPackages, templateRenderer, type RenderTemplate, type WxNode } from './wechat-compilers'
import { builtApiBase, weappBuildOnce } from './weapp-build'
import { attr, findNodes, hasClass, textOf } from './wx-tree'
import { createWxStub, type WxRequestRecord } from './wx-stub'

const ROUTE = 'pages/survey/index'

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

interface OpenedSurvey {
  page: PageInstance
  requests: WxRequestRecord[]
  renderPage: () => WxNode
  /** The first rendering with the 0–10 scale (after wx.login → POST /v1/session → GET the invitation). */
  form: WxNode
}

const scoreCells = (tree: WxNode) => findNodes(tree, (n) => n.tag === 'wx-view' && hasClass(n, 'xs-score'))
const reasonChips = (tree: WxNode) => findNodes(tree, (n) => n.tag === 'wx-view' && hasClass(n, 'xs-chip'))
const submitButtons = (tree: WxNode) => findNodes(tree, (n) => n.tag === 'wx-button' && hasClass(n, 'xs-btn-primary'))

describe('the weapp survey page, run in a sandbox and rendered by wcc’s template', () => {
  let dist: string
  let render: RenderTemplate
  const sandboxes: MiniSandbox[] = []

  beforeAll(async () => {
    dist = await weappBuildOnce()
    const main = miniPackages(dist)[0]
    const compiled = compileWxml(dist, main)
    if (compiled.status !== 0) throw new Error(`wcc: ${compiled.stderr}`)
    render = templateRenderer(compiled.output, `${ROUTE}.wxml`)
  }, 300_000)

  afterEach(() => {
    for (const sandbox of sandboxes.splice(0)) sandbox.dispose()
    render.warnings.length = 0
  })

  /** A shopper opens their invitation (sent to their openid) in the built page, signed in through wx.login. */
  async function openSurvey(): Promise<OpenedSurvey> {
    const shopper = unique('weapp')
    const created = await trigger(triggerBody({ customer: { openid: devOpenId(shopper) } }))
    expect(created.status).toBe(202)
    const token = invitationToken(String(created.body.invitationId))

    let logins = 0
    const baked = builtApiBase()
    const stub = createWxStub({
      rewriteUrl: (url) => {
        if (!url.startsWith(`${baked}/`)) throw new Error(`the page asked for ${url}, outside the API base ${baked} it was built with`)
        return stack.apiBaseUrl + url.slice(baked.length)
      },
      // The stand-in gives devOpenId(name) to `dev-<name>~<nonce>`, a fresh code per wx.login.
      loginCode: () => `dev-${shopper}~n${++logins}`,
    })
    const sandbox = new MiniSandbox({ distDir: dist, wx: stub.wx })
    sandboxes.push(sandbox)
    const query = { inv: token }
    sandbox.launch({ path: ROUTE, query })
    const page = sandbox.openPage(ROUTE, query)
    const renderPage = (): WxNode => render(page.data)
    const form = await until('the form (11 score cells)', () => {
      const tree = renderPage()
      return scoreCells(tree).length === 11 ? tree : undefined
    }).catch((error: Error) => {
      const requests = stub.requests.map(({ method, url, status, error: failure }) => `${method} ${url} ${status ?? failure}`)
      throw new Error(`${error.message}; requests: ${requests.join(', ') || 'none'}; errors: ${sandbox.log.errors.join('; ') || 'none'}; page data: ${JSON.stringify(page.data).slice(0, 400)}`)
    })
    expect(sandbox.log.errors).toEqual([])
    return { page, requests: stub.requests, renderPage, form }
  }

  it('opens a real invitation: the 0–10 scale and submit, then the reasons after a tap on a score', async () => {
    const { page, requests, renderPage, form } = await openSurvey()

    // The page really went over HTTP to the stack: a session for this openid, then the invitation.
    const sent = (method: string, pathPrefix: string) => requests.find((r) => r.method === method && r.url.startsWith(`${builtApiBase()}${pathPrefix}`))
    expect(sent('POST', '/v1/session')?.status).toBe(200)
    const invitationRequest = sent('GET', '/v1/invitations/')
    expect(invitationRequest?.status).toBe(200)
    const view = invitationRequest!.body as InvitationView
    expect(view.state).toBe('open')

    const cells = scoreCells(form)
    expect(cells.map((cell) => textOf(cell).trim())).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
    expect(cells.filter((cell) => hasClass(cell, 'is-checked'))).toEqual([])
    expect(textOf(form)).toContain(view.store.name)
    expect(submitButtons(form).map((b) => textOf(b).trim())).toEqual(['提交'])
    expect(findNodes(form, (n) => n.tag === 'wx-textarea')).toEqual([])
    expect(hasClass(submitButtons(form)[0], 'is-disabled')).toBe(true)
    // The reasons come with a score.
    expect(reasonChips(form)).toEqual([])

    // Tap "3" the way WeChat would: the template binds tap to the page's `eh`, with the node's id and data-sid.
    const three = cells[3]
    expect(attr(three, 'bindtap')).toBe('eh')
    const target = { id: String(attr(three, 'id')), dataset: { sid: String(attr(three, 'data-sid')) } }
    const handler = page[String(attr(three, 'bindtap'))] as (event: unknown) => void
    handler.call(page, { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: { x: 10, y: 10 }, touches: [], changedTouches: [] })

    const answered = await until('the reasons after tapping 3', () => {
      const tree = renderPage()
      return reasonChips(tree).length > 0 ? tree : undefined
    })
    const expectedReasons = view.survey.reasons[npsBand(3)].map((r) => r.label['zh-CN'])
    expect(expectedReasons.length).toBeGreaterThan(0)
    expect(reasonChips(answered).map((chip) => textOf(chip).trim())).toEqual(expectedReasons)
    expect(scoreCells(answered).map((cell) => hasClass(cell, 'is-checked'))).toEqual(Array.from({ length: 11 }, (_, i) => i === 3))
    expect(hasClass(submitButtons(answered)[0], 'is-disabled')).toBe(false)
    // The comment field (Taro's Textarea goes through a WXS-chosen focus/blur template).
    expect(findNodes(answered, (n) => n.tag === 'wx-textarea')).toHaveLength(1)
    expect(render.warnings).toEqual([])
  }, 60_000)

  /*
   * Taro's runtime sends each attribute under a short name (p0, p1…) numbered from its component
   * table, and base.wxml reads them by the same numbering from the template's table. The aria-*
   * attributes are in both (config/a11y-attributes.ts, through the template and a runtime file):
   * when only the template had them, the cells' aria-* reached no template, and the Button's
   * `disabled` was sent as the name base.wxml binds to aria-disabled (`loading` to form-type), so
   * the submit button looked disabled but could be tapped.
   */
  it('passes the aria-* attributes and the submit button’s disabled state through to WeChat’s template', async () => {
    const { page, renderPage, form } = await openSurvey()
    const cells = scoreCells(form)
    // wcc's tree names attributes in camelCase (aria-role → ariaRole), as it does hover-class.
    expect(cells.map((cell) => [attr(cell, 'ariaRole'), attr(cell, 'ariaLabel'), attr(cell, 'ariaChecked')])).toEqual(
      Array.from({ length: 11 }, (_, i) => ['radio', String(i), false]),
    )
    const scale = findNodes(form, (n) => n.tag === 'wx-view' && attr(n, 'ariaRole') === 'radiogroup')
    expect(scale).toHaveLength(1)
    expect(scoreCells(scale[0])).toHaveLength(11)

    const submit = submitButtons(form)[0]
    expect(attr(submit, 'disabled')).toBe(true)
    // Nothing the Button was given lands on another attribute.
    expect(attr(submit, 'ariaDisabled')).toBeFalsy()
    expect(attr(submit, 'loading')).toBeFalsy()
    expect(attr(submit, 'formType')).toBeFalsy()

    const three = cells[3]
    const target = { id: String(attr(three, 'id')), dataset: { sid: String(attr(three, 'data-sid')) } }
    const handler = page[String(attr(three, 'bindtap'))] as (event: unknown) => void
    handler.call(page, { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: { x: 10, y: 10 }, touches: [], changedTouches: [] })
    const answered = await until('score 3 checked', () => {
      const tree = renderPage()
      return attr(scoreCells(tree)[3], 'ariaChecked') === true ? tree : undefined
    })
    expect(scoreCells(answered).map((cell) => attr(cell, 'ariaChecked'))).toEqual(Array.from({ length: 11 }, (_, i) => i === 3))
    expect(attr(submitButtons(answered)[0], 'disabled')).toBe(false)
    expect(render.warnings).toEqual([])
  }, 60_000)
})
