import { Text, View } from '@tarojs/components'
import type { AdminStaffView } from '@xinsheng/shared'
import { useCallback, useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { readStaffPage, resetPassword, scopeLine, staffAdminTexts, updateStaff } from '../../model/admin-staff'
import { SignedOutError } from '../../model/auth'
import { useAdminList } from '../../model/use-admin-list'
import { FieldError } from '../fields'
import { OneTimeSecret } from './keys-secret'
import { ListHead, MoreButton } from './stores-fields'
import type { AdminSectionProps } from './section-props'
import { StaffFormView } from './staff-form'

const isH5 = process.env.TARO_ENV === 'h5'

type Panel = { kind: 'create' } | { kind: 'edit'; staff: AdminStaffView }
/** A password the server returned once: for a new account or after a reset. */
interface ShownPassword {
  title: string
  username: string
  password: string
}

/**
 * Staff accounts: the brand's accounts a page at a time; create one (its one-time password shown
 * once), edit name / role / scope, disable and enable, reset a password (a new one, shown once, after
 * a confirm step). What the server refuses — the brand's last active admin (409) — is said in its
 * words beside the account.
 */
export function StaffSection({ locale, caller, withToken, describeError }: AdminSectionProps) {
  const t = staffAdminTexts(locale)
  const load = useCallback((cursor?: string) => withToken((token) => readStaffPage(caller, token, cursor)), [caller, withToken])
  const list = useAdminList(load, describeError)
  const [panel, setPanel] = useState<Panel>()
  const [shown, setShown] = useState<ShownPassword>()
  const [notice, setNotice] = useState<string>()
  const [rowError, setRowError] = useState<{ staffId: string; text: string }>()
  const [confirmReset, setConfirmReset] = useState<string>()
  const [busy, setBusy] = useState<string>()
  const titleId = 'staff-title'
  const common = { caller, withToken, describeError }
  const openPanel = (next: Panel) => {
    setNotice(undefined)
    setPanel(next)
  }

  const act = <T,>(staffId: string, call: (token: string) => Promise<T>, after: (value: T) => void) => {
    setBusy(staffId)
    setRowError(undefined)
    setNotice(undefined)
    withToken(call).then(
      (value) => {
        setBusy(undefined)
        after(value)
      },
      (failure: unknown) => {
        setBusy(undefined)
        if (!(failure instanceof SignedOutError)) setRowError({ staffId, text: describeError(failure) })
      },
    )
  }
  const setDisabled = (staff: AdminStaffView, disabled: boolean) =>
    act(staff.staffId, (token) => updateStaff(caller, token, staff.staffId, { disabled }), () => {
      setNotice(disabled ? t.done.disabled(staff.username) : t.done.enabled(staff.username))
      list.reload()
    })
  const reset = (staff: AdminStaffView) =>
    act(staff.staffId, (token) => resetPassword(caller, token, staff.staffId), (password) => {
      setConfirmReset(undefined)
      setShown({ title: t.password.resetTitle(staff.username), username: staff.username, password })
    })

  return (
    <View className='ad-staff' data-testid='staff-section'>
      <View className='ad-split'>
        <View className='sb-card ad-card ad-split-main'>
          <ListHead titleId={titleId} title={t.title} action={t.newStaff} onAction={() => openPanel({ kind: 'create' })} actionTestId='staff-new' />
          <View {...landmark('status')}>
            {notice && (
              <Text className='sb-done' data-testid='staff-notice'>
                {notice}
              </Text>
            )}
          </View>
          {list.error && (
            <Text className='sb-error' data-testid='staff-error' {...landmark('alert')}>
              {list.error}
            </Text>
          )}
          {!list.loading && !list.error && list.items.length === 0 && <Text className='sb-muted sb-empty'>{t.empty}</Text>}
          <View className='ad-rows' data-testid='staff-list' data-busy={list.loading} {...(isH5 ? { role: 'list', 'aria-labelledby': titleId } : {})}>
            {list.items.map((staff) => (
              <View key={staff.staffId} className={`ad-row${staff.disabled ? ' is-disabled' : ''}`} data-testid='staff-row' data-staff={staff.staffId} data-disabled={staff.disabled} {...(isH5 ? { role: 'listitem' } : {})}>
                <View className='ad-row-line'>
                  <Text className='ad-strong'>{staff.name}</Text>
                  <Text className='ad-code sb-small'>{staff.username}</Text>
                  <Text className='sb-badge sb-status'>{t.roles[staff.role]}</Text>
                  {staff.disabled && <Text className='sb-badge ad-badge-revoked'>{t.disabled}</Text>}
                </View>
                <Text className='sb-muted sb-small'>{scopeLine(staff, t)}</Text>
                {confirmReset === staff.staffId ? (
                  <View className='ad-confirm' data-testid='staff-reset-confirm'>
                    <Text className='sb-small'>{t.confirmReset(staff.username)}</Text>
                    <View className='ad-actions'>
                      <ActionButton kind='primary' onTap={() => reset(staff)} busy={busy === staff.staffId} testId='staff-reset-yes'>
                        {t.confirm}
                      </ActionButton>
                      <ActionButton kind='secondary' onTap={() => setConfirmReset(undefined)} testId='staff-reset-no'>
                        {t.cancel}
                      </ActionButton>
                    </View>
                  </View>
                ) : (
                  <View className='ad-actions'>
                    <ActionButton kind='secondary' onTap={() => openPanel({ kind: 'edit', staff })} testId='staff-edit'>
                      {t.edit}
                    </ActionButton>
                    <ActionButton kind='secondary' onTap={() => setDisabled(staff, !staff.disabled)} busy={busy === staff.staffId} testId={staff.disabled ? 'staff-enable' : 'staff-disable'}>
                      {staff.disabled ? t.enable : t.disable}
                    </ActionButton>
                    <ActionButton kind='secondary' onTap={() => setConfirmReset(staff.staffId)} testId='staff-reset'>
                      {t.resetPassword}
                    </ActionButton>
                  </View>
                )}
                {rowError?.staffId === staff.staffId && <FieldError text={rowError.text} testId='staff-row-error' />}
              </View>
            ))}
          </View>
          <MoreButton list={list} label={t.loadMore} testId='staff-more' />
        </View>
        {(panel || shown) && (
          <View className='ad-split-side'>
            {shown && (
              <View className='sb-card ad-card'>
                <OneTimeSecret title={shown.title} label={t.password.label} value={shown.password} texts={t.password} onDone={() => setShown(undefined)} testId='staff-password' />
              </View>
            )}
            {panel && (
              <StaffFormView
                key={panel.kind === 'edit' ? panel.staff.staffId : 'new'}
                {...common}
                texts={t}
                staff={panel.kind === 'edit' ? panel.staff : undefined}
                onCancel={() => setPanel(undefined)}
                onCreated={(created) => {
                  setPanel(undefined)
                  setShown({ title: t.password.createdTitle(created.username), username: created.username, password: created.password })
                  list.reload()
                }}
                onSaved={(saved) => {
                  setPanel(undefined)
                  setNotice(t.form.saved(saved.username))
                  list.reload()
                }}
              />
            )}
          </View>
        )}
      </View>
    </View>
  )
}
