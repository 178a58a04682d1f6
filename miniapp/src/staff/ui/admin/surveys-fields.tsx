import { Text, View } from '@tarojs/components'
import type { LocalizedText } from '@xinsheng/shared'
import type { ReactNode } from 'react'
import { Chips } from '../../../common/controls'
import type { FieldErrors } from '../../model/admin-surveys-fields'
import { FieldError, TextField } from '../fields'

/**
 * The admin forms' fields (survey draft, brand settings): each input with the error the shared schema
 * or the server's 400 names for its path beside it.
 */
const isH5 = process.env.TARO_ENV === 'h5'

export interface PathFieldProps {
  /** The field's path as the schema names it (`comment.maxLength`): its id, test id and error key. */
  path: string
  label: string
  value: string
  onChange: (value: string) => void
  errors: FieldErrors
  /** The test id (default: the path with dots as dashes). */
  testId?: string
}

export const domId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`

/** One input whose error is the one at its path. */
export function PathField({ path, label, value, onChange, errors, testId }: PathFieldProps) {
  return <TextField id={domId(path)} label={label} value={value} onChange={onChange} error={errors[path]} testId={testId ?? domId(path)} />
}

export interface LocalizedFieldsProps {
  path: string
  label: string
  value: LocalizedText
  onChange: (lang: keyof LocalizedText, value: string) => void
  errors: FieldErrors
  langs: Record<keyof LocalizedText, string>
}

/** A text in zh-CN and en, side by side on a desktop; an error on the whole text shows under both. */
export function LocalizedFields({ path, label, value, onChange, errors, langs }: LocalizedFieldsProps) {
  return (
    <View className='ad-pair'>
      {(['zh-CN', 'en'] as const).map((lang) => (
        <View key={lang} className='ad-pair-item'>
          <PathField path={`${path}.${lang}`} label={`${label} · ${langs[lang]}`} value={value[lang]} onChange={(v) => onChange(lang, v)} errors={errors} />
        </View>
      ))}
      {errors[path] && <FieldError text={errors[path]} />}
    </View>
  )
}

/** A group heading (h3 on h5) with the id that names its controls. */
export function GroupTitle({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Text id={id} className='ad-group-title' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
      {children}
    </Text>
  )
}

export interface SwitchesProps<T extends string> {
  labelledBy: string
  options: readonly { value: T; label: string; checked: boolean }[]
  onToggle: (value: T) => void
  testPrefix: string
}

/** On/off settings as checkbox chips named by a visible title. */
export function Switches<T extends string>({ labelledBy, options, onToggle, testPrefix }: SwitchesProps<T>) {
  return <Chips type='checkbox' labelledBy={labelledBy} options={options} onSelect={onToggle} testId={`${testPrefix}-switches`} testPrefix={testPrefix} />
}

/** Errors the form has that no input shows (a form-level one, a list's own): said once, at the action. */
export function OtherErrors({ errors, shown, testId }: { errors: FieldErrors; shown: (key: string) => boolean; testId: string }) {
  const rest = Object.entries(errors).filter(([key]) => !shown(key))
  if (!rest.length) return null
  return (
    <View data-testid={testId}>
      {rest.map(([key, message]) => (
        <FieldError key={key} text={key ? `${key}: ${message}` : message} />
      ))}
    </View>
  )
}
