import { Text, View } from '@tarojs/components'
import type { StoreView } from '@xinsheng/shared'
import { useState } from 'react'
import { createStore, updateStore, type StoresTexts } from '../../model/admin-stores'
import { apiFieldErrors, emptyStoreForm, storeCreateBody, storeToForm, storeUpdateBody, STORE_FORM_FIELDS, type FieldErrors, type QuietMode, type StoreForm, type StoreFormField } from '../../model/admin-stores-form'
import { FieldError, RadioChips } from '../fields'
import type { AdminSectionProps } from './section-props'
import { AdminField, FormFoot } from './stores-fields'

const isH5 = process.env.TARO_ENV === 'h5'

export interface StoreFormViewProps extends Pick<AdminSectionProps, 'caller' | 'withToken' | 'describeError'> {
  texts: StoresTexts
  /** The store to edit; none: a new store. */
  store?: StoreView
  onSaved: (store: StoreView, created: boolean) => void
  onCancel: () => void
}

const NO_ERRORS: FieldErrors<StoreFormField> = { fields: {}, other: [] }

/**
 * Create or edit a store: name, region, time zone, staff ids and the contact-policy overrides. The
 * form is checked with the shared schema before it is sent; the server's 400 lands beside the same
 * fields, anything else (a 409: the id is taken) above the buttons.
 */
export function StoreFormView({ caller, withToken, describeError, texts, store, onSaved, onCancel }: StoreFormViewProps) {
  const t = texts.form
  const [form, setForm] = useState<StoreForm>(() => (store ? storeToForm(store) : emptyStoreForm()))
  const [errors, setErrors] = useState(NO_ERRORS)
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<StoreForm>) => setForm((f) => ({ ...f, ...patch }))
  const titleId = 'store-form-title'
  const quietId = 'store-form-quiet'

  const submit = () => {
    if (busy) return
    setFailure(undefined)
    let send: (token: string) => Promise<StoreView>
    if (store) {
      const checked = storeUpdateBody(form, t.notANumber)
      if (!checked.ok) return setErrors(checked.errors)
      send = (token) => updateStore(caller, token, store.storeId, checked.body)
    } else {
      const checked = storeCreateBody(form, t.notANumber)
      if (!checked.ok) return setErrors(checked.errors)
      send = (token) => createStore(caller, token, checked.body)
    }
    setErrors(NO_ERRORS)
    setBusy(true)
    withToken(send).then(
      (saved) => {
        setBusy(false)
        onSaved(saved, !store)
      },
      (error: unknown) => {
        setBusy(false)
        const laidOut = apiFieldErrors(error, STORE_FORM_FIELDS)
        if (laidOut) setErrors(laidOut)
        else setFailure(describeError(error))
      },
    )
  }

  const field = (name: StoreFormField, key: keyof StoreForm & string, label: string, hint?: string) => (
    <AdminField
      id={`store-${key}`}
      label={label}
      hint={hint}
      value={String(form[key])}
      onChange={(value) => set({ [key]: value })}
      error={errors.fields[name]}
      onConfirm={submit}
      testId={`store-${key}`}
    />
  )

  return (
    <View className='sb-card ad-card' data-testid='store-form' data-mode={store ? 'edit' : 'create'} {...(isH5 ? { role: 'region', 'aria-labelledby': titleId } : {})}>
      <Text id={titleId} className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
        {store ? t.editTitle(store.storeId) : t.createTitle}
      </Text>
      <View className='ad-form-grid'>
        {store ? null : field('storeId', 'storeId', t.storeId)}
        {field('name', 'name', t.name)}
        {field('region', 'region', t.region)}
        {field('timeZone', 'timeZone', t.timeZone, t.timeZoneHint)}
        {field('staffIds', 'staffIds', t.staffIds, t.staffIdsHint)}
      </View>
      <Text className='ad-strong'>{t.policyTitle}</Text>
      <Text className='sb-muted sb-small'>{t.policyHint}</Text>
      <View className='ad-form-grid'>
        {field('policy.sendDelayMinutes', 'sendDelayMinutes', t.sendDelayMinutes)}
        {field('policy.fatigueDays', 'fatigueDays', t.fatigueDays)}
        {field('policy.invitationTtlDays', 'invitationTtlDays', t.invitationTtlDays)}
      </View>
      <View className='sb-field ad-field' data-testid='store-quiet-field'>
        <Text id={quietId} className='sb-label'>
          {t.quietHours}
        </Text>
        <RadioChips<QuietMode>
          name='store-quiet-mode'
          labelledBy={quietId}
          options={[
            { value: 'inherit', label: t.quietInherit },
            { value: 'none', label: t.quietNone },
            { value: 'set', label: t.quietSet },
          ]}
          value={form.quietMode}
          onSelect={(quietMode) => set({ quietMode })}
          testId='store-quiet-mode'
          testPrefix='store-quiet'
        />
        {form.quietMode === 'set' && (
          <View className='ad-form-grid'>
            <AdminField id='store-quietStart' label={t.quietStart} value={form.quietStart} onChange={(quietStart) => set({ quietStart })} maxLength={5} testId='store-quietStart' />
            <AdminField id='store-quietEnd' label={t.quietEnd} value={form.quietEnd} onChange={(quietEnd) => set({ quietEnd })} maxLength={5} testId='store-quietEnd' />
          </View>
        )}
        {errors.fields['policy.quietHours'] && <FieldError text={errors.fields['policy.quietHours']} testId='store-quietHours-error' />}
      </View>
      <FormFoot problems={[...errors.other, ...(failure ? [failure] : [])]} busy={busy} submit={store ? t.save : t.create} onSubmit={submit} cancel={t.cancel} onCancel={onCancel} prefix='store' />
    </View>
  )
}
