import { Text, View } from '@tarojs/components'
import type { BrandSettings, SurveySummary } from '@xinsheng/shared'
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { landmark } from '../../../common/a11y'
import { localized } from '../../../common/locale'
import { ActionButton, Chips } from '../../../common/controls'
import { SignedOutError } from '../../model/auth'
import {
  EMPTY_ROUTING_ROW,
  addTouchpoint,
  brandTexts,
  editTouchpoint,
  formsFromBrand,
  readBrand,
  removeAt,
  saveBrand,
  sectionForm,
  validateSection,
  type BrandForms,
  type BrandSection,
  type RoutingRow,
} from '../../model/admin-brand'
import { listSurveys } from '../../model/admin-surveys'
import { apiFieldErrors, errorsUnder, type FieldErrors } from '../../model/admin-surveys-fields'
import { FieldError, NoteField } from '../fields'
import type { AdminSectionProps } from './section-props'
import { GroupTitle, LocalizedFields, PathField, Switches } from './surveys-fields'

const isH5 = process.env.TARO_ENV === 'h5'
const SECTIONS: readonly BrandSection[] = ['general', 'touchpoints', 'contactPolicy', 'followUp']

type Notice = { kind: 'ok' | 'error'; text: string }

/**
 * The brand's settings (GET|PUT /v1/admin/brand): name and default survey, touchpoints, contact policy,
 * follow-up policy — each a form of its own, checked with the server's schema before it is sent and
 * saved alone (the server replaces that section whole); errors beside the fields they name.
 */
export function BrandSection({ locale, caller, withToken, describeError }: AdminSectionProps) {
  const t = brandTexts(locale)
  const [forms, setFormsState] = useState<BrandForms>()
  // What the admin typed last, kept outside the render: a tap on save right after typing (before React
  // has rendered the new value) must save that value, not the one the last render closed over.
  const latest = useRef<BrandForms>()
  const setForms = useCallback((next: (f: BrandForms | undefined) => BrandForms | undefined) => {
    latest.current = next(latest.current)
    setFormsState(latest.current)
  }, [])
  const [surveys, setSurveys] = useState<SurveySummary[]>([])
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notices, setNotices] = useState<Partial<Record<BrandSection, Notice>>>({})
  const [saving, setSaving] = useState<BrandSection>()
  const [loadError, setLoadError] = useState<string>()

  useEffect(() => {
    withToken(async (token) => ({ brand: await readBrand(caller, token), list: await listSurveys(caller, token) })).then(
      ({ brand, list }) => {
        setForms(() => formsFromBrand(brand))
        setSurveys(list)
      },
      (e: unknown) => {
        if (!(e instanceof SignedOutError)) setLoadError(describeError(e))
      },
    )
  }, [caller, withToken, describeError, setForms])

  const update = useCallback(<S extends BrandSection>(section: S, value: BrandForms[S]) => {
    setForms((f) => f && { ...f, [section]: value })
    setNotices((n) => ({ ...n, [section]: undefined }))
  }, [setForms])

  const save = (section: BrandSection) => {
    const forms = latest.current
    if (!forms) return
    const key = section === 'general' ? ['name', 'defaultSurveyId'] : [section]
    const without = Object.fromEntries(Object.entries(errors).filter(([k]) => !key.some((p) => k === p || k.startsWith(`${p}.`))))
    const { body, errors: found } = validateSection(forms, section)
    setErrors({ ...without, ...found })
    if (!body) {
      setNotices((n) => ({ ...n, [section]: { kind: 'error', text: t.invalid } }))
      return
    }
    setSaving(section)
    withToken((token) => saveBrand(caller, token, body))
      .then((brand: BrandSettings) => {
        setForms((f) => f && { ...f, [section]: sectionForm(brand, section) })
        setNotices((n) => ({ ...n, [section]: { kind: 'ok', text: `${t.saved} ${t.inEffect}` } }))
      })
      .catch((e: unknown) => {
        if (e instanceof SignedOutError) return
        const fields = apiFieldErrors(e)
        if (fields) setErrors({ ...without, ...fields })
        setNotices((n) => ({ ...n, [section]: { kind: 'error', text: describeError(e) } }))
      })
      .finally(() => setSaving(undefined))
  }

  const card = (section: BrandSection, title: string, children: ReactNode) => {
    const notice = notices[section]
    return (
      <View key={section} className='sb-card ad-card' data-testid={`brand-${section}`} {...(isH5 ? { role: 'region', 'aria-labelledby': `brand-${section}-title` } : {})}>
        <Text id={`brand-${section}-title`} className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
          {title}
        </Text>
        {children}
        {notice && (
          <Text className={notice.kind === 'ok' ? 'ad-ok' : 'sb-error'} data-testid={`brand-${section}-${notice.kind}`} {...landmark(notice.kind === 'ok' ? 'status' : 'alert')}>
            {notice.text}
          </Text>
        )}
        <View className='ad-actions'>
          <ActionButton kind='primary' busy={saving === section} disabled={saving !== undefined} onTap={() => save(section)} testId={`save-${section}`}>
            {`${t.save} · ${title}`}
          </ActionButton>
        </View>
      </View>
    )
  }

  if (!forms) {
    return (
      <View className='sb-card ad-card' data-testid='brand-section' data-ready='false'>
        <Text className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
          {t.title}
        </Text>
        {loadError && (
          <Text className='sb-error' data-testid='brand-error' {...landmark('alert')}>
            {loadError}
          </Text>
        )}
      </View>
    )
  }

  const { general, touchpoints, contactPolicy: contact, followUp } = forms
  const surveyOptions = (value: string, extra: { value: string; label: string }[] = []) =>
    [...surveys.map((s) => ({ value: s.surveyId, label: `${localized(s.title, locale)} (${s.surveyId})` })), ...extra].map((o) => ({ ...o, checked: o.value === value }))
  const routing = (i: number, change: Partial<RoutingRow>) => update('followUp', { ...followUp, routing: followUp.routing.map((r, j) => (j === i ? { ...r, ...change } : r)) })

  return (
    <View className='ad-section' data-testid='brand-section' data-ready='true'>
      <Text className='sb-muted sb-small'>{t.inEffect}</Text>
      {SECTIONS.map((section) => {
        switch (section) {
          case 'general':
            return card(section, t.general.title, (
              <>
                <PathField path='name' label={t.general.name} value={general.name} errors={errors} onChange={(name) => update('general', { ...general, name })} />
                <GroupTitle id='default-survey-title'>{t.general.defaultSurvey}</GroupTitle>
                <Chips type='radio' name='default-survey' labelledBy='default-survey-title' options={surveyOptions(general.defaultSurveyId)} onSelect={(defaultSurveyId) => update('general', { ...general, defaultSurveyId })} testId='default-survey' testPrefix='default-survey' />
                {errors.defaultSurveyId && <FieldError text={errors.defaultSurveyId} />}
              </>
            ))
          case 'touchpoints':
            return card(section, t.touchpoints.title, (
              <>
                <Text className='sb-muted sb-small'>{t.touchpoints.hint}</Text>
                {touchpoints.map((tp, i) => (
                  <View key={i} className='ad-reason' data-testid='touchpoint-row' data-index={i}>
                    <PathField path={`touchpoints.${i}.id`} label={t.touchpoints.id} value={tp.id} errors={errors} onChange={(id) => update('touchpoints', editTouchpoint(touchpoints, i, { id }))} />
                    <LocalizedFields path={`touchpoints.${i}.label`} label={t.touchpoints.label} value={tp.label} errors={errors} langs={{ 'zh-CN': '中文', en: 'English' }} onChange={(lang, label) => update('touchpoints', editTouchpoint(touchpoints, i, { lang, label }))} />
                    <ActionButton kind='link' onTap={() => update('touchpoints', removeAt(touchpoints, i))} testId={`remove-touchpoint-${i}`}>
                      {t.touchpoints.remove(tp.id)}
                    </ActionButton>
                  </View>
                ))}
                {errors.touchpoints && <FieldError text={errors.touchpoints} />}
                <View>
                  <ActionButton kind='secondary' onTap={() => update('touchpoints', addTouchpoint(touchpoints))} testId='add-touchpoint'>
                    {t.touchpoints.add}
                  </ActionButton>
                </View>
              </>
            ))
          case 'contactPolicy':
            return card(section, t.contact.title, (
              <>
                <View className='ad-pair'>
                  <PathField path='contactPolicy.sendDelayMinutes' label={t.contact.delay} value={contact.sendDelayMinutes} errors={errors} onChange={(v) => update('contactPolicy', { ...contact, sendDelayMinutes: v })} />
                  <PathField path='contactPolicy.fatigueDays' label={t.contact.fatigue} value={contact.fatigueDays} errors={errors} onChange={(v) => update('contactPolicy', { ...contact, fatigueDays: v })} />
                  <PathField path='contactPolicy.invitationTtlDays' label={t.contact.ttl} value={contact.invitationTtlDays} errors={errors} onChange={(v) => update('contactPolicy', { ...contact, invitationTtlDays: v })} />
                </View>
                <GroupTitle id='quiet-title'>{t.contact.quiet}</GroupTitle>
                <Switches labelledBy='quiet-title' options={[{ value: 'on', label: t.contact.quiet, checked: contact.quiet }]} onToggle={() => update('contactPolicy', { ...contact, quiet: !contact.quiet })} testPrefix='quiet' />
                {contact.quiet && (
                  <View className='ad-pair'>
                    <PathField path='contactPolicy.quietHours.start' label={t.contact.quietStart} value={contact.quietStart} errors={errors} onChange={(v) => update('contactPolicy', { ...contact, quietStart: v })} />
                    <PathField path='contactPolicy.quietHours.end' label={t.contact.quietEnd} value={contact.quietEnd} errors={errors} onChange={(v) => update('contactPolicy', { ...contact, quietEnd: v })} />
                  </View>
                )}
                {errorsUnder(errors, 'contactPolicy.quietHours').length > 0 && !errors['contactPolicy.quietHours.start'] && !errors['contactPolicy.quietHours.end'] && <FieldError text={errorsUnder(errors, 'contactPolicy.quietHours')[0]} />}
              </>
            ))
          case 'followUp':
            return card(section, t.followUp.title, (
              <>
                <View className='ad-pair'>
                  <PathField path='followUp.slaHours.urgent' label={t.followUp.slaUrgent} value={followUp.slaUrgent} errors={errors} onChange={(v) => update('followUp', { ...followUp, slaUrgent: v })} />
                  <PathField path='followUp.slaHours.normal' label={t.followUp.slaNormal} value={followUp.slaNormal} errors={errors} onChange={(v) => update('followUp', { ...followUp, slaNormal: v })} />
                </View>
                <View className='ad-pair'>
                  <PathField path='followUp.businessHours.start' label={t.followUp.businessStart} value={followUp.businessStart} errors={errors} onChange={(v) => update('followUp', { ...followUp, businessStart: v })} />
                  <PathField path='followUp.businessHours.end' label={t.followUp.businessEnd} value={followUp.businessEnd} errors={errors} onChange={(v) => update('followUp', { ...followUp, businessEnd: v })} />
                </View>
                {errors['followUp.businessHours'] && <FieldError text={errors['followUp.businessHours']} />}
                <GroupTitle id='routing-title'>{t.followUp.routing}</GroupTitle>
                <Text className='sb-muted sb-small'>{t.followUp.routingHint}</Text>
                {followUp.routing.map((rule, i) => (
                  <View key={i} className='ad-reason' data-testid='routing-row' data-index={i} {...(isH5 ? { role: 'group', 'aria-label': t.followUp.rule(i + 1) } : {})}>
                    <View className='ad-pair'>
                      <PathField path={`followUp.routing.${i}.touchpoint`} label={`${t.followUp.rule(i + 1)} · ${t.followUp.touchpoint}`} value={rule.touchpoint} errors={errors} onChange={(v) => routing(i, { touchpoint: v })} />
                      <PathField path={`followUp.routing.${i}.storeId`} label={`${t.followUp.rule(i + 1)} · ${t.followUp.storeId}`} value={rule.storeId} errors={errors} onChange={(v) => routing(i, { storeId: v })} />
                      <PathField path={`followUp.routing.${i}.region`} label={`${t.followUp.rule(i + 1)} · ${t.followUp.region}`} value={rule.region} errors={errors} onChange={(v) => routing(i, { region: v })} />
                      <PathField path={`followUp.routing.${i}.queue`} label={`${t.followUp.rule(i + 1)} · ${t.followUp.queue}`} value={rule.queue} errors={errors} onChange={(v) => routing(i, { queue: v })} />
                    </View>
                    <ActionButton kind='link' onTap={() => update('followUp', { ...followUp, routing: removeAt(followUp.routing, i) })} testId={`remove-rule-${i}`}>
                      {t.followUp.removeRule(i + 1)}
                    </ActionButton>
                  </View>
                ))}
                {errors['followUp.routing'] && <FieldError text={errors['followUp.routing']} />}
                <View>
                  <ActionButton kind='secondary' onTap={() => update('followUp', { ...followUp, routing: [...followUp.routing, EMPTY_ROUTING_ROW] })} testId='add-rule'>
                    {t.followUp.addRule}
                  </ActionButton>
                </View>
                <NoteField id='f-followUp-urgentKeywords' label={t.followUp.keywords} value={followUp.urgentKeywords} onChange={(v) => update('followUp', { ...followUp, urgentKeywords: v })} testId='f-followUp-urgentKeywords' />
                <Text className='sb-muted sb-small'>{t.followUp.keywordsHint}</Text>
                {errorsUnder(errors, 'followUp.urgentKeywords').map((m) => (
                  <FieldError key={m} text={m} />
                ))}
                <GroupTitle id='recovery-title'>{t.followUp.recoverySurvey}</GroupTitle>
                <Chips type='radio' name='recovery-survey' labelledBy='recovery-title' options={surveyOptions(followUp.recoverySurveyId, [{ value: '', label: t.followUp.noRecovery }])} onSelect={(v) => update('followUp', { ...followUp, recoverySurveyId: v })} testId='recovery-survey' testPrefix='recovery-survey' />
                {errors['followUp.recoverySurveyId'] && <FieldError text={errors['followUp.recoverySurveyId']} />}
                <PathField path='followUp.recoveryDelayMinutes' label={t.followUp.recoveryDelay} value={followUp.recoveryDelayMinutes} errors={errors} onChange={(v) => update('followUp', { ...followUp, recoveryDelayMinutes: v })} />
              </>
            ))
        }
      })}
    </View>
  )
}
