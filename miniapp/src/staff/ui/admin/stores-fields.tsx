import { Text, View } from '@tarojs/components'
import { TextEntry } from '../../../common/controls'
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
