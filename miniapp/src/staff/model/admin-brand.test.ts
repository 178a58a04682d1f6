import { ZBrandSettings, type BrandSettings } from '@xinsheng/shared'
import { createJsonCaller } from '../../common/http-json'
import { fakeApi, json } from '../../common/testing/fixtures'
import { addTouchpoint, brandTexts, editTouchpoint, formsFromBrand, removeAt, saveBrand, sectionBody, sectionForm, validateSection, type BrandForms } from './admin-brand'

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en })
const brand: BrandSettings = ZBrandSettings.parse({
  brandId: 'demo-brand',
  name: '心声零售',
  defaultSurveyId: 'retail-nps',
  contactPolicy: { sendDelayMinutes: 30, quietHours: { start: '21:00', end: '09:00' }, fatigueDays: 7, invitationTtlDays: 7 },
  followUp: { routing: [{ touchpoint: 'delivery', queue: 'delivery-team' }], slaHours: { urgent: 4, normal: 24 }, businessHours: { start: '09:00', end: '21:00' }, recoverySurveyId: 'recovery-check', recoveryDelayMinutes: 60 },
  touchpoints: [{ id: 'purchase', label: t('购买', 'Purchase') }, { id: 'delivery', label: t('配送', 'Delivery') }],
})

const edit = <S extends keyof BrandForms>(section: S, change: Partial<BrandForms[S]>): BrandForms => {
  const forms = formsFromBrand(brand)
  return { ...forms, [section]: { ...forms[section], ...change } }
}

describe('the brand settings forms', () => {
  it('give back what was read, one section at a time, and each passes the shared update schema', () => {
    const forms = formsFromBrand(brand)
    expect(sectionBody(forms, 'general')).toEqual({ name: brand.name, defaultSurveyId: brand.defaultSurveyId })
    expect(sectionBody(forms, 'touchpoints')).toEqual({ touchpoints: brand.touchpoints })
    expect(sectionBody(forms, 'contactPolicy')).toEqual({ contactPolicy: brand.contactPolicy })
    expect(JSON.parse(JSON.stringify(sectionBody(forms, 'followUp')))).toEqual({ followUp: brand.followUp })
    for (const section of ['general', 'touchpoints', 'contactPolicy', 'followUp'] as const) expect(validateSection(forms, section).errors).toEqual({})
  })

  it('turns typed values into the policy: quiet hours off is null, blank routing fields and keywords are left out', () => {
    expect(sectionBody(edit('contactPolicy', { quiet: false, fatigueDays: '14' }), 'contactPolicy')).toEqual({
      contactPolicy: { sendDelayMinutes: 30, quietHours: null, fatigueDays: 14, invitationTtlDays: 7 },
    })
    const body = sectionBody(edit('followUp', { slaUrgent: '1.5', urgentKeywords: '投诉\n 退款 ,曝光', routing: [{ touchpoint: '', storeId: 'sh-001', region: '', queue: 'vip' }], recoverySurveyId: '' }), 'followUp')
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      followUp: { routing: [{ storeId: 'sh-001', queue: 'vip' }], slaHours: { urgent: 1.5, normal: 24 }, businessHours: { start: '09:00', end: '21:00' }, urgentKeywords: ['投诉', '退款', '曝光'], recoveryDelayMinutes: 60 },
    })
  })

  it('names each bad field as the server would', () => {
    expect(Object.keys(validateSection(edit('contactPolicy', { fatigueDays: '400', quietStart: '25:00', invitationTtlDays: 'a week' }), 'contactPolicy').errors).sort()).toEqual(
      ['contactPolicy.fatigueDays', 'contactPolicy.invitationTtlDays', 'contactPolicy.quietHours.start'],
    )
    expect(Object.keys(validateSection(edit('followUp', { slaUrgent: '-1', businessStart: '22:00' }), 'followUp').errors).sort()).toEqual(['followUp.businessHours', 'followUp.slaHours.urgent'])
    expect(Object.keys(validateSection(edit('general', { name: ' ' }), 'general').errors)).toEqual(['name'])
    const forms = formsFromBrand(brand)
    expect(Object.keys(validateSection({ ...forms, touchpoints: editTouchpoint(forms.touchpoints, 1, { id: 'purchase' }) }, 'touchpoints').errors)).toEqual(['touchpoints'])
    expect(Object.keys(validateSection({ ...forms, touchpoints: [] }, 'touchpoints').errors)).toEqual(['touchpoints'])
  })

  it('adds, renames and removes touchpoints', () => {
    let list = addTouchpoint(brand.touchpoints)
    expect(list.map((tp) => tp.id)).toEqual(['purchase', 'delivery', 'touchpoint_3'])
    list = editTouchpoint(list, 2, { id: 'repair' })
    list = editTouchpoint(list, 2, { lang: 'en', label: 'Repair' })
    list = editTouchpoint(list, 0, { lang: 'zh-CN', label: '到店购买' })
    list = removeAt(list, 1)
    expect(list).toEqual([{ id: 'purchase', label: t('到店购买', 'Purchase') }, { id: 'repair', label: t('', 'Repair') }])
    expect(Object.keys(validateSection({ ...formsFromBrand(brand), touchpoints: list }, 'touchpoints').errors)).toEqual(['touchpoints.1.label.zh-CN'])
  })

  it('saves a section with PUT and resets that section from the answer', async () => {
    const saved = { ...brand, contactPolicy: { ...brand.contactPolicy, invitationTtlDays: 3 } }
    const api = fakeApi({ 'PUT /v1/admin/brand': () => json(200, saved) })
    const caller = createJsonCaller({ baseUrl: 'http://api', transport: api.transport, timeoutMs: 1000 })
    const body = validateSection(edit('contactPolicy', { invitationTtlDays: '3' }), 'contactPolicy').body!
    const answer = await saveBrand(caller, 'tok', body)
    expect(api.requests[0]).toMatchObject({ method: 'PUT', body: { contactPolicy: saved.contactPolicy } })
    expect(sectionForm(answer, 'contactPolicy').invitationTtlDays).toBe('3')
  })

  it('has its texts in both languages', () => {
    expect(brandTexts('en').contact.title).toBe('Contact policy')
    expect(brandTexts('zh-CN').contact.title).toBe('联系策略')
  })
})
