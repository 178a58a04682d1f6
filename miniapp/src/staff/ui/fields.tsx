import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { landmark } from '../../common/a11y'
import { Chips, TextEntry } from '../../common/controls'

/**
 * The workbench's labelled fields over the shared controls (common/controls.tsx): a <label for> names
 * the field on h5, the field's aria-label on weapp. TARO_ENV is a build-time constant, so each build
 * keeps one branch.
 */
const isH5 = process.env.TARO_ENV === 'h5'

/** A real <label for> in h5 (clicking it focuses the field); text in weapp, whose inputs carry aria-label. */
function FieldLabel({ id, label }: { id: string; label: string }) {
  return isH5 ? (
    <label className='sb-label' htmlFor={id}>
      {label}
    </label>
  ) : (
    <Text className='sb-label'>{label}</Text>
  )
}

export interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  password?: boolean
  autoComplete?: string
  disabled?: boolean
  error?: string
  onConfirm?: () => void
  testId?: string
}

/** A labelled one-line field (a user name, a password): typed as is, its error under it. */
export function TextField({ id, label, value, onChange, password, autoComplete, disabled, error, onConfirm, testId }: TextFieldProps) {
  const errorId = `${id}-error`
  return (
    <View className='sb-field'>
      <FieldLabel id={id} label={label} />
      <TextEntry
        id={id}
        label={label}
        value={value}
        onChange={onChange}
        password={password}
        autoComplete={autoComplete}
        verbatim
        disabled={disabled}
        invalid={Boolean(error)}
        describedBy={error ? errorId : undefined}
        onConfirm={onConfirm}
        testId={testId}
      />
      {error && <FieldError id={errorId} text={error} />}
    </View>
  )
}

export interface NoteFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  maxLength?: number
  disabled?: boolean
  testId?: string
}

/** A labelled note: two lines that grow with the text. */
export function NoteField({ id, label, value, onChange, maxLength = 1000, disabled, testId }: NoteFieldProps) {
  return (
    <View className='sb-field'>
      <FieldLabel id={id} label={label} />
      <TextEntry id={id} label={label} value={value} onChange={onChange} multiline rows={2} autoHeight maxLength={maxLength} disabled={disabled} testId={testId} />
    </View>
  )
}

export function FieldError({ id, text, testId }: { id?: string; text: string; testId?: string }) {
  return (
    <Text id={id} className='sb-error' data-testid={testId} {...landmark('alert')}>
      {text}
    </Text>
  )
}

/** A section of the task pane with its heading (h3 on h5). */
export function Section({ title, id, children, testId }: { title: string; id: string; children: ReactNode; testId?: string }) {
  return (
    <View className='sb-card' data-testid={testId} {...(isH5 ? { role: 'region', 'aria-labelledby': id } : {})}>
      <Text id={id} className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
        {title}
      </Text>
      {children}
    </View>
  )
}

export interface RadioChipsProps<T extends string> {
  /** The radios' group name; also the prefix of each chip's test id (`<testPrefix>-<value>`). */
  name: string
  /** The id of the text that names the group. */
  labelledBy: string
  options: readonly { value: T; label: string }[]
  value: T | undefined
  onSelect: (value: T) => void
  error?: string
  testId: string
  testPrefix: string
}

/** One choice among a few, as chips: a radiogroup named by a visible title, and its error under it. */
export function RadioChips<T extends string>({ name, labelledBy, options, value, onSelect, error, testId, testPrefix }: RadioChipsProps<T>) {
  return (
    <>
      <Chips
        type='radio'
        name={name}
        labelledBy={labelledBy}
        options={options.map((option) => ({ ...option, checked: value === option.value }))}
        onSelect={onSelect}
        testId={testId}
        testPrefix={testPrefix}
      />
      {error && <FieldError text={error} />}
    </>
  )
}
