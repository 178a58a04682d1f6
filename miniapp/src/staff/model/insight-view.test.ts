import { staffTextsFor } from './i18n'
import { MINUS } from './insight-format'
import { NOTHING_SENT, kpiCards, leagueRows, responseRateCard, loopItems, orderValueBandLabel, outcomesView, reasonBands, roxView, themeRows, trendScale, trendView } from './insight-view'
import { csatMetric, invitationsMetric, loopMetric, npsOf, npsMetric, outcomesMetric, reasonsMetric, themesMetric } from './testing/insight-fixtures'

const zh = staffTextsFor('zh-CN').dashboard
const en = staffTextsFor('en').dashboard

describe('KPI cards', () => {
  it('shows NPS ± margin with ▲ only when the change is significant, and says so in words', () => {
    // 30 promoters, 5 passives, 5 detractors: NPS 62.5; Var = .875 − .625² = .484375; 1.96 × √(.484375/40) × 100 = 21.57.
    const up = npsMetric(npsOf({ promoters: 30, passives: 5, detractors: 5 }, { change: { previousScore: 40.1, delta: 22.4, significant: true } }))
    const [nps] = kpiCards({ nps: up }, zh)
    expect(nps).toMatchObject({ id: 'nps', value: '62.5', margin: '± 21.6', detail: 'n = 40', smallBase: false })
    expect(nps.significance).toEqual({ direction: 'up', glyph: '▲', label: '比上一期显著上升 +22.4 分' })
    expect(nps.accessibleName).toBe('NPS 净推荐值 62.5 ± 21.6，n = 40，比上一期显著上升 +22.4 分')

    const down = kpiCards({ nps: npsMetric(npsOf({ promoters: 10, passives: 10, detractors: 20 }, { change: { previousScore: 20, delta: -45, significant: true } })) }, en)[0]
    expect(down.value).toBe(`${MINUS}25.0`)
    expect(down.significance).toEqual({ direction: 'down', glyph: '▼', label: `significantly down ${MINUS}45.0 points on the previous period` })
  })

  it('draws no arrow for a change that is not significant, however large, nor for a small base', () => {
    const big = kpiCards({ nps: npsMetric(npsOf({ promoters: 30, passives: 5, detractors: 5 }, { change: { previousScore: 10, delta: 52.5, significant: false } })) }, zh)[0]
    expect(big.significance).toEqual({ direction: 'none', label: '与上一期相比无显著变化' })
    const small = kpiCards({ nps: npsMetric(npsOf({ promoters: 5, passives: 2, detractors: 3 })) }, zh)[0]
    expect(small).toMatchObject({ value: '20.0', smallBase: true, detail: 'n = 10 · 样本少' })
    expect(small.significance).toEqual({ direction: 'none', label: '上一期无数据，无法比较' })
  })

  it('shows CSAT, open callbacks (created − resolved of the period) and the SLA hit rate; no figure when there is none', () => {
    const cards = kpiCards({ nps: npsMetric(npsOf({ promoters: 0, passives: 0, detractors: 0 })), csat: csatMetric(), loop: loopMetric() }, zh)
    expect(cards.map((c) => [c.id, c.value, c.margin, c.detail])).toEqual([
      ['nps', '暂无数据', undefined, undefined],
      ['csat', '4.30', '± 0.21', '满意（4–5 分）82.5% · n = 40'],
      ['response-rate', '19.7%', undefined, '本期发出 600 份邀请，回复 118 份'],
      ['open-tasks', '5', undefined, '本期共 20 个回访任务'],
      ['sla', '85.0%', undefined, '在时限内首次联系客户'],
    ])
    expect(kpiCards({}, en).map((c) => c.value)).toEqual(['No data', 'No data', 'No data', 'No data', 'No data'])
  })
})

describe('the response-rate card', () => {
  const card = (loop: Parameters<typeof responseRateCard>[0], t = zh) => responseRateCard(loop, t)

  it('shows answered / sent of the period, with the rate of each channel that sent anything listed under it', () => {
    // 118 / 600 = 19.67 %; subscribe messages 100 / 400 = 25 %, SMS 18 / 200 = 9 %; no receipts, so no receipt line.
    const zhCard = card(loopMetric())
    expect(zhCard).toMatchObject({ id: 'response-rate', title: '回复率', value: '19.7%', smallBase: false })
    expect(zhCard.items).toEqual([
      { id: 'subscribe_message', label: '服务通知', value: '25.0%', detail: '100/400' },
      { id: 'sms', label: '短信', value: '9.0%', detail: '18/200' },
    ])
    expect(zhCard.note).toBeUndefined()
    expect(zhCard.accessibleName).toBe('回复率 19.7%，本期发出 600 份邀请，回复 118 份，服务通知 25.0%（回复/发出 100/400），短信 9.0%（回复/发出 18/200）')
    const enCard = card(loopMetric(), en)
    expect(enCard.items?.map((i) => i.label)).toEqual(['Subscribe message', 'SMS'])
    expect(enCard.accessibleName).toBe('Response rate 19.7%, 118 answered of 600 invitations sent, Subscribe message 25.0% (100/400 answered/sent), SMS 9.0% (18/200 answered/sent)')
  })

  it('says how a receipt counts as sent when receipts are listed', () => {
    const invitations = invitationsMetric({
      byChannel: [
        { channel: 'subscribe_message', sent: 0, opened: 0, answered: 0, responseRate: null, openRate: null },
        { channel: 'sms', sent: 0, opened: 0, answered: 0, responseRate: null, openRate: null },
        { channel: 'receipt', sent: 1200, opened: 1200, answered: 300, responseRate: 0.25, openRate: 1 },
      ],
      total: { sent: 1200, opened: 1200, answered: 300, responseRate: 0.25 },
    })
    const receipts = card(loopMetric({ invitations }), en)
    expect(receipts).toMatchObject({ value: '25.0%', detail: '300 answered of 1,200 invitations sent', note: 'A receipt counts as sent when its code is first scanned' })
    expect(receipts.items).toEqual([{ id: 'receipt', label: 'Receipt', value: '25.0%', detail: '300/1,200' }])
    expect(receipts.accessibleName.endsWith(', A receipt counts as sent when its code is first scanned')).toBe(true)
  })

  it('nothing sent in the period: "—" and a sentence saying why, not a 0 % nor "no data"', () => {
    const none = invitationsMetric({
      byChannel: ['subscribe_message', 'sms', 'receipt'].map((channel) => ({ channel, sent: 0, opened: 0, answered: 0, responseRate: null, openRate: null })),
      // Answers to invitations sent before the period may still be counted in it.
      total: { sent: 0, opened: 0, answered: 4, responseRate: null },
    })
    const zhCard = card(loopMetric({ invitations: none }))
    expect(zhCard).toMatchObject({ value: NOTHING_SENT, detail: '本期没有记录到发出的调研邀请，无法计算回复率', accessibleName: '回复率，本期没有记录到发出的调研邀请，无法计算回复率' })
    expect(zhCard.items).toBeUndefined()
    expect(card(loopMetric({ invitations: none }), en).detail).toBe('No survey invitations were recorded as sent in this period, so there is no response rate')
  })

  it('no loop figures (not read yet, or a staff member: they are kept per store): no data', () => {
    expect(card(undefined, en)).toEqual({ id: 'response-rate', title: 'Response rate', value: 'No data', smallBase: false, accessibleName: 'Response rate No data' })
  })
})

describe('the league table', () => {
  const metric = npsMetric(npsOf({ promoters: 60, passives: 30, detractors: 30 }), [
    { key: 'hz-001', label: '杭州西湖店', ...npsOf({ promoters: 10, passives: 15, detractors: 15 }, { vsRest: { delta: -30.5, significant: true } }) },
    { key: 'sh-001', label: '上海南京西路店', ...npsOf({ promoters: 30, passives: 5, detractors: 5 }, { vsRest: { delta: 40.2, significant: true } }) },
    { key: 'gz-001', label: '广州天河店', ...npsOf({ promoters: 9, passives: 1, detractors: 0 }, { vsRest: { delta: 60, significant: false } }) },
    { key: 'sz-001', label: '深圳南山店', ...npsOf({ promoters: 11, passives: 9, detractors: 10 }) },
    { key: 'nb-001', label: '宁波店', ...npsOf({ promoters: 0, passives: 0, detractors: 0 }) },
  ])

  it('ranks by NPS, small bases after the others and greyed, empty groups last', () => {
    // Margins by hand, 1.96 × √((p + d − (p − d)²) / n) × 100: sz 11/9/10 → √(.69889/30) → 29.9; hz 10/15/15 → √(.609375/40) → 24.2.
    const rows = leagueRows(metric, 'region', zh, 'zh-CN')
    expect(rows.map((r) => [r.key, r.scoreText, r.marginText, r.smallBase])).toEqual([
      ['sh-001', '62.5', '± 21.6', false],
      ['sz-001', '3.3', '± 29.9', false],
      ['hz-001', `${MINUS}12.5`, '± 24.2', false],
      ['gz-001', '90.0', '± 18.6', true],
      ['nb-001', '暂无数据', undefined, true],
    ])
    expect(rows.every((r) => r.drillable)).toBe(true)
  })

  it('points the vs-rest arrow only when significant, and names it', () => {
    const rows = leagueRows(metric, 'region', zh, 'zh-CN')
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]))
    expect(byKey['sh-001'].vsRest).toEqual({ direction: 'up', glyph: '▲', label: '显著高于其余 +40.2 分' })
    expect(byKey['hz-001'].vsRest).toEqual({ direction: 'down', glyph: '▼', label: `显著低于其余 ${MINUS}30.5 分` })
    // 60 points ahead, but on 10 answers: no arrow.
    expect(byKey['gz-001'].vsRest).toEqual({ direction: 'none', label: '与其余无显著差异' })
    expect(byKey['sh-001'].accessibleName).toBe('上海南京西路店，n = 40，NPS 62.5 ± 21.6，显著高于其余 +40.2 分')
    expect(byKey['gz-001'].accessibleName).toBe('广州天河店，n = 10，NPS 90.0 ± 18.6，样本少于 30，仅供参考')
  })

  it('names a row by its key when the API has no name for it; rows at the last level do not drill', () => {
    const unnamed = npsMetric(npsOf({ promoters: 1, passives: 0, detractors: 0 }), [{ key: 'sh-001-li', label: '', ...npsOf({ promoters: 1, passives: 0, detractors: 0 }) }])
    expect(leagueRows(unnamed, 'staff', en, 'en')).toEqual([expect.objectContaining({ name: 'sh-001-li', drillable: false })])
  })
})

describe('the trend', () => {
  it('draws bars oldest first around a zero line, scaled to a round top, small bases flagged', () => {
    const metric = npsMetric(npsOf({ promoters: 0, passives: 0, detractors: 0 }), [
      { key: '2026-12-02', label: '2026-12-02', ...npsOf({ promoters: 10, passives: 10, detractors: 20 }) },
      { key: '2026-12-01', label: '2026-12-01', ...npsOf({ promoters: 30, passives: 5, detractors: 5 }) },
      { key: '2026-12-03', label: '2026-12-03', ...npsOf({ promoters: 0, passives: 0, detractors: 0 }) },
    ])
    const view = trendView(metric, zh, 'zh-CN')
    expect(view.scaleMax).toBe(70)
    expect(view.bars.map((b) => [b.axisLabel, b.above, Math.round(b.heightPct * 10) / 10, b.smallBase])).toEqual([
      ['12-01', true, 89.3, false],
      ['12-02', false, 35.7, false],
      ['12-03', true, 0, true],
    ])
    expect(view.bars[1].accessibleText).toBe(`2026-12-02：NPS ${MINUS}25.0 ± 25.7，n = 40`)
    expect(view.bars[2].accessibleText).toBe('2026-12-03：NPS 暂无数据，n = 0，样本少')
    expect(view.scaleText).toBe('纵轴 −70 至 +70')
  })

  it('keeps the scale between 10 and 100 points', () => {
    expect(trendScale([])).toBe(10)
    expect(trendScale([3, null, -4])).toBe(10)
    expect(trendScale([100, -20])).toBe(100)
    expect(trendScale([40])).toBe(40)
  })
})

describe('why: reasons and themes', () => {
  it('lists reasons per band, detractors first, most chosen first', () => {
    const bands = reasonBands(reasonsMetric(), zh, 'zh-CN')
    expect(bands.map((b) => b.band)).toEqual(['detractor', 'passive', 'promoter'])
    expect(bands[0].items.map((i) => [i.label, i.text, i.sharePct])).toEqual([
      ['排队时间长', '7 次 · 70.0%', 70],
      ['服务态度差', '3 次 · 30.0%', 30],
    ])
    expect(bands[1].items).toEqual([])
    expect(reasonBands(reasonsMetric(), en, 'en')[2].items[0].label).toBe('Friendly staff')
  })

  it('lists themes by impact with their count, share, NPS and a few example comments', () => {
    const rows = themeRows(themesMetric(), zh, 'zh-CN')
    expect(rows.map((r) => [r.label, r.countText, r.shareText, r.npsText, r.impactText, r.examples.length])).toEqual([
      ['排队', '12', '20.0%', `${MINUS}41.7`, '+6.3', 2],
      ['店员态度好', '9', '15.0%', '77.8', `${MINUS}2.1`, 1],
    ])
  })
})

describe('the loop and the money', () => {
  it('shows how fast and how well the loop closes', () => {
    expect(loopItems(loopMetric(), zh).map((i) => [i.id, i.value, i.detail])).toEqual([
      ['detractors', '20', undefined],
      ['contacted', '18', '占 20 个任务的 90.0%'],
      ['first-contact-p50', '42分钟', undefined],
      ['first-contact-p90', '2小时5分钟', undefined],
      ['sla', '85.0%', undefined],
      ['resolved', '15', '占 20 个任务的 75.0%'],
      ['recovered', '12 / 复访 15', '评分 3.2 → 8.1'],
    ])
    expect(loopItems(loopMetric({ tasksCreated: 0, contacted: 0, firstContactMinutes: { p50: null, p90: null }, slaMetRate: null }), en).map((i) => i.value)).toContain('No data')
  })

  it('shows NPS by order value in band order and repeat purchase by NPS group', () => {
    expect(orderValueBandLabel('lt50', zh)).toBe('¥50 以下')
    expect(orderValueBandLabel('50to100', zh)).toBe('¥50–100')
    expect(orderValueBandLabel('ge500', en)).toBe('¥500 and over')
    expect(orderValueBandLabel('mystery', en)).toBe('mystery')
    const view = outcomesView(outcomesMetric(), zh)
    expect(view.byOrderValue.map((r) => [r.label, r.nText, r.scoreText, r.smallBase])).toEqual([
      ['¥50 以下', '80', '10.5', false],
      ['¥100–200', '60', '35.0', false],
      ['¥500 及以上', '12', '50.0', true],
    ])
    // A band with no answers has no figure, and is not called a small base.
    expect(outcomesView(outcomesMetric({ byOrderValue: [{ band: '50to100', n: 0, score: null }] }), zh).byOrderValue).toEqual([
      { band: '50to100', label: '¥50–100', nText: '0', scoreText: '暂无数据', smallBase: false },
    ])
    expect(view.repeat.map((r) => [r.label, r.customersText, r.within30, r.within90])).toEqual([
      ['贬损者', '40', '10.0%', '35.0%'],
      ['中立者', '50', '20.0%', '50.0%'],
      ['推荐者', '100', '30.0%', '62.0%'],
    ])
  })

  it('writes the money with its arithmetic and its assumptions', () => {
    const view = roxView(outcomesMetric(), loopMetric(), zh)
    expect(view).toEqual({
      kind: 'figures',
      atRisk: '¥34.56',
      atRiskFormula: '= 复购率差 27.0% × 平均客单价 ¥128.00',
      wonBack: '¥414.72',
      wonBackFormula: '= 挽回 12 人 × ¥34.56',
      assumptions: [
        '复购按 90 天计：推荐者 62.0%（100 人），贬损者 35.0%（40 人）。',
        '客单价取本期带金额订单的平均值 ¥128.00，每次复购按一单计。',
        '被挽回的贬损者（复访 9–10 分，本期 12 人）按推荐者的复购率计。',
        '这是相关关系的估算，不是因果证明。',
      ],
      smallBase: false,
      noGap: false,
    })
    // Without loop figures (a staff member's level) only the value at risk is shown.
    const staffLevel = roxView(outcomesMetric(), undefined, zh)
    expect(staffLevel).toMatchObject({ kind: 'figures', atRisk: '¥34.56' })
    expect(staffLevel).not.toHaveProperty('wonBack')
    expect(roxView(outcomesMetric({ meanOrderValueFen: null }), loopMetric(), en)).toEqual({ kind: 'missing', text: 'The period’s orders carry no amount, so there is nothing to price.' })
  })
})
