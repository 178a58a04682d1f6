import { Text, View } from '@tarojs/components'
import type { AdminStaffCreated, AdminStaffView, StaffRole } from '@xinsheng/shared'
import { useState } from 'react'
import { createStaff, emptyStaffForm, STAFF_ROLES, staffApiFieldErrors, staffCreateBody, staffToForm, staffUpdateBody, updateStaff, type ScopeKind, type StaffAdminTexts, type StaffForm, type StaffFormField } from '../../model/admin-staff'
import type { FieldErrors } from '../../model/admin-stores-form'
import { FieldError, RadioChips } from '../fields'
import type { AdminSectionProps } from './section-props'
import { AdminField, FormFoot } from './stores-fields'

const isH5 = process.env.TARO_ENV === 'h5'
const NO_ERRORS: FieldErrors<StaffFormField> = { fields: {}, other: [] }

export interface StaffFormViewProps extends Pick<AdminSectionProps, 'caller' | 'withToken' | 'describeError'> {
  texts: StaffAdminTexts
  /** The account to edit; none: a new account. */
  staff?: AdminStaffView
  onCreated: (created: AdminStaffCreated) => void
  onSaved: (staff: AdminStaffView) => void
  onCancel: () => void
}

/**
 * Create an account (username, name, role, scope: all regions, some regions or some stores) or edit
 * one's name, role and scope. Checked with the shared schema first; the server's 400 lands beside the
 * same fields, a 409 (username taken, the last admin) above the buttons in its own words.
 */
export function StaffFormView({ caller, withToken, describeError, texts, staff, onCreated, onSaved, onCancel }: StaffFormViewProps) {
  const t = texts.form
  const [form, setForm] = useState<StaffForm>(() => (staff ? staffToForm(staff) : emptyStaffForm()))
  const [errors, setErrors] = useState(NO_ERRORS)
  const [failure, setFailure] = useState<string>()
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<StaffForm>) => setForm((f) => ({ ...f, ...patch }))
  const titleId = 'staff-form-title'

  const fail = (error: unknown) => {
    setBusy(false)
    const laidOut = staffApiFieldErrors(error)
    if (laidOut) setErrors(laidOut)
    else setFailure(describeError(error))
  }
  const submit = () => {
    if (busy) return
    setFailure(undefined)
    if (staff) {
      const checked = staffUpdateBody(form, t.emptyScope)
      if (!checked.ok) return setErrors(checked.errors)
      setErrors(NO_ERRORS)
      setBusy(true)
      withToken((token) => updateStaff(caller, token, staff.staffId, checked.body)).then((saved) => {
        setBusy(false)
        onSaved(saved)
      }, fail)
    } else {
      const checked = staffCreateBody(form)
      if (!checked.ok) return setErrors(checked.errors)
      setErrors(NO_ERRORS)
      setBusy(true)
      withToken((token) => createStaff(caller, token, checked.body)).then((created) => {
        setBusy(false)
        onCreated(created)
      }, fail)
    }
  }

  return (
    <View className='sb-card ad-card' data-testid='staff-form' data-mode={staff ? 'edit' : 'create'} {...(isH5 ? { role: 'region', 'aria-labelledby': titleId } : {})}>
      <Text id={titleId} className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
        {staff ? t.editTitle(staff.username) : t.createTitle}
      </Text>
      <View className='ad-form-grid'>
        {!staff && <AdminField id='staff-username' label={t.username} hint={t.usernameHint} value={form.username} onChange={(username) => set({ username })} maxLength={64} error={errors.fields.username} testId='staff-username' />}
        <AdminField id='staff-name' label={t.name} value={form.name} onChange={(name) => set({ name })} maxLength={64} error={errors.fields.name} testId='staff-name' />
      </View>
      <View className='sb-field ad-field'>
        <Text id='staff-role-label' className='sb-label'>
          {t.role}
        </Text>
        <RadioChips<StaffRole>
          name='staff-role'
          labelledBy='staff-role-label'
          options={STAFF_ROLES.map((role) => ({ value: role, label: texts.roles[role] }))}
          value={form.role}
          onSelect={(role) => set({ role })}
          error={errors.fields.role}
          testId='staff-role'
          testPrefix='staff-role'
        />
      </View>
      <View className='sb-field ad-field' data-testid='staff-scope-field'>
        <Text id='staff-scope-label' className='sb-label'>
          {t.scope}
        </Text>
        <RadioChips<ScopeKind>
          name='staff-scope'
          labelledBy='staff-scope-label'
          options={(['all', 'regions', 'stores'] as const).map((kind) => ({ value: kind, label: t.scopeKinds[kind] }))}
          value={form.scopeKind}
          onSelect={(scopeKind) => set({ scopeKind })}
          testId='staff-scope'
          testPrefix='staff-scope'
        />
        {form.scopeKind !== 'all' && <AdminField id='staff-scope-ids' label={t.scopeIds[form.scopeKind]} value={form.scopeIds} onChange={(scopeIds) => set({ scopeIds })} testId='staff-scope-ids' />}
        {errors.fields.scope && <FieldError text={errors.fields.scope} testId='staff-scope-error' />}
      </View>
      <FormFoot problems={[...errors.other, ...(failure ? [failure] : [])]} busy={busy} submit={staff ? t.save : t.create} onSubmit={submit} cancel={t.cancel} onCancel={onCancel} prefix='staff' />
    </View>
  )
}
