import { Text, View } from '@tarojs/components'
import { ActionButton, TextEntry } from '../../../common/controls'
import type { AdminList } from '../../model/use-admin-list'
import { FieldError } from '../fields'

const isH5 = process.env.TARO_ENV === 'h5'

export interface AdminFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  /** A line under the label saying what the field takes. */
  hint?: string
  /** What is wrong with the value, beside the field (the form's check or the server's 400). */
  error?: string
  disabled?: boolean
  maxLength?: number
  onConfirm?: () => void
  testId?: string
}

/**
 * A labelled one-line field of an admin form: a <label for> on h5 (aria-label on weapp), its hint and
 * its error tied to it by aria-describedby, the error right under the field.
 */
export function AdminField({ id, label, value, onChange, hint, error, disabled, maxLength = 200, onConfirm, testId }: AdminFieldProps) {
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
  return (
    <View className={`sb-field ad-field${error ? ' is-invalid' : ''}`} data-testid={testId ? `${testId}-field` : undefined}>
      {isH5 ? (
        <label className='sb-label' htmlFor={id}>
          {label}
        </label>
      ) : (
        <Text className='sb-label'>{label}</Text>
      )}
      {hint && (
        <Text id={hintId} className='sb-muted sb-small'>
          {hint}
        </Text>
      )}
      <TextEntry id={id} label={label} value={value} onChange={onChange} verbatim disabled={disabled} maxLength={maxLength} invalid={Boolean(error)} describedBy={describedBy} onConfirm={onConfirm} testId={testId} />
      {error && <FieldError id={errorId} text={error} testId={testId ? `${testId}-error` : undefined} />}
    </View>
  )
}

/** A list card's head: its title (h2) and its one creating action (new store, new account). */
export function ListHead({ titleId, title, action, onAction, actionTestId }: { titleId: string; title: string; action: string; onAction: () => void; actionTestId: string }) {
  return (
    <View className='ad-row-line'>
      <Text id={titleId} className='sb-card-title ad-grow' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
        {title}
      </Text>
      <ActionButton kind='primary' onTap={onAction} testId={actionTestId}>
        {action}
      </ActionButton>
    </View>
  )
}

/** The next page of a paged list (model/use-admin-list.ts), while there is one. */
export function MoreButton({ list, label, testId }: { list: Pick<AdminList<unknown>, 'hasMore' | 'loading' | 'loadMore'>; label: string; testId: string }) {
  if (!list.hasMore) return null
  return (
    <View className='sb-more'>
      <ActionButton kind='secondary' onTap={list.loadMore} busy={list.loading} testId={testId}>
        {label}
      </ActionButton>
    </View>
  )
}

export interface FormFootProps {
  /** What belongs to no field (the server's 409, an unknown path), above the buttons. */
  problems: string[]
  busy: boolean
  submit: string
  onSubmit: () => void
  cancel: string
  onCancel: () => void
  /** Test ids: `<prefix>-form-error`, `<prefix>-save`, `<prefix>-cancel`. */
  prefix: string
}

/** An admin form's end: what went wrong outside its fields, then save and cancel. */
export function FormFoot({ problems, busy, submit, onSubmit, cancel, onCancel, prefix }: FormFootProps) {
  return (
    <>
      {problems.map((line) => (
        <FieldError key={line} text={line} testId={`${prefix}-form-error`} />
      ))}
      <View className='ad-actions'>
        <ActionButton kind='primary' onTap={onSubmit} busy={busy} testId={`${prefix}-save`}>
          {submit}
        </ActionButton>
        <ActionButton kind='secondary' onTap={onCancel} testId={`${prefix}-cancel`}>
          {cancel}
        </ActionButton>
      </View>
    </>
  )
}
