import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { hidden } from './a11y'
import './controls.css'

/**
 * The few interactive primitives of the survey, one per platform. On h5 they are native HTML
 * controls (radio/checkbox inputs, <button>, <input>/<textarea>): real roles, names, keyboard and focus
 * for screen readers and axe. On weapp they are Taro components carrying WeChat's aria-* attributes
 * (made available by config/a11y-attributes-plugin.ts). TARO_ENV is a build-time constant, so each
 * build keeps one branch, as long as each test spells out `process.env.TARO_ENV === 'h5'`: behind a
 * module constant (`const isH5 = …`) the minifier kept both (≈1 KB of h5 markup in each weapp package).
 *
 * Their styles are controls.css, imported here so they travel with the components into each package
 * that uses them (the independent staff subpackage cannot read the main package's app.wxss). Pages
 * lay controls out; they do not restyle them: a variant is a prop here and a modifier class there.
 */
export interface ChoiceProps {
  type: 'radio' | 'checkbox'
  /** The radio group's name (h5); ignored for checkboxes. */
  name?: string
  checked: boolean
  disabled?: boolean
  /** Accessible name when the visible content is not one (a star). (Not `ariaLabel`: Taro's h5 JSX transform renames that prop to aria-label at every call site.) */
  accessibleName?: string
  className: string
  onSelect: () => void
  testId?: string
  children: ReactNode
}

export function Choice({ type, name, checked, disabled, accessibleName, className, onSelect, testId, children }: ChoiceProps) {
  const cls = `xs-choice ${className}${checked ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}`
  if (process.env.TARO_ENV === 'h5') {
    return (
      <label className={cls} data-testid={testId}>
        {/* aria-disabled, not disabled: a frozen form (a submit under way) stays reachable by Tab and
            readable, and the page's scroll container keeps focusable content (axe). */}
        <input
          className='xs-choice-input'
          type={type}
          name={type === 'radio' ? name : undefined}
          checked={checked}
          aria-disabled={disabled || undefined}
          aria-label={accessibleName}
          onChange={disabled ? () => undefined : onSelect}
        />
        {children}
      </label>
    )
  }
  return (
    <View
      className={cls}
      data-testid={testId}
      {...({ ariaRole: type, ariaChecked: checked, ariaLabel: accessibleName, ariaDisabled: disabled } as object)}
      onClick={disabled ? undefined : onSelect}
    >
      {children}
    </View>
  )
}

export interface ChoiceGroupProps {
  role: 'radiogroup' | 'group'
  labelledBy: string
  className: string
  testId?: string
  children: ReactNode
}

export function ChoiceGroup({ role, labelledBy, className, testId, children }: ChoiceGroupProps) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <div role={role} aria-labelledby={labelledBy} className={className} data-testid={testId}>
        {children}
      </div>
    )
  }
  return (
    <View className={className} data-testid={testId} {...({ ariaRole: role } as object)}>
      {children}
    </View>
  )
}

export interface RadioGroupProps<T extends string | number> {
  /** The radios' group name (h5). */
  name: string
  /** The id of the visible text that names the group. */
  labelledBy: string
  /** The options, in order; each radio is named by its option (`String(option)`). */
  options: readonly T[]
  value: T | undefined
  disabled?: boolean
  onSelect: (option: T) => void
  /** The group's class (its layout). */
  className: string
  /** Each cell's class (`xs-choice` and `is-checked` are added). */
  optionClassName: (option: T) => string
  testId: string
  /** Each cell's test id is `<testPrefix>-<option>`. */
  testPrefix: string
  /** What a cell draws: hide it from screen readers (a11y `hidden()`), the radio already names it. */
  renderOption: (option: T) => ReactNode
}

/** One of a few options named by themselves (a score, a number of stars), as a radiogroup of cells. */
export function RadioGroup<T extends string | number>({ name, labelledBy, options, value, disabled, onSelect, className, optionClassName, testId, testPrefix, renderOption }: RadioGroupProps<T>) {
  return (
    <ChoiceGroup role='radiogroup' labelledBy={labelledBy} className={className} testId={testId}>
      {options.map((option) => (
        <Choice
          key={option}
          type='radio'
          name={name}
          checked={value === option}
          disabled={disabled}
          accessibleName={String(option)}
          className={optionClassName(option)}
          onSelect={() => onSelect(option)}
          testId={`${testPrefix}-${option}`}
        >
          {renderOption(option)}
        </Choice>
      ))}
    </ChoiceGroup>
  )
}

export interface ChipOption<T extends string> {
  value: T
  label: string
  checked: boolean
}

export interface ChipsProps<T extends string> {
  /** radio: one of the options; checkbox: any of them. */
  type: 'radio' | 'checkbox'
  /** The radios' group name (h5). */
  name?: string
  /** The id of the visible text that names the group. */
  labelledBy: string
  options: readonly ChipOption<T>[]
  disabled?: boolean
  onSelect: (value: T) => void
  /** Layout classes for the row (spacing around it), added to `xs-chips`. */
  className?: string
  testId: string
  /** Each chip's test id is `<testPrefix>-<value>`. */
  testPrefix: string
}

/**
 * Options as chips: a radiogroup or a group of checkboxes, named by a visible title. Each chip is
 * named by its radio/checkbox (the text is not read a second time).
 */
export function Chips<T extends string>({ type, name, labelledBy, options, disabled, onSelect, className, testId, testPrefix }: ChipsProps<T>) {
  return (
    <ChoiceGroup role={type === 'radio' ? 'radiogroup' : 'group'} labelledBy={labelledBy} className={className ? `xs-chips ${className}` : 'xs-chips'} testId={testId}>
      {options.map((option) => (
        <Choice
          key={option.value}
          type={type}
          name={name}
          checked={option.checked}
          disabled={disabled}
          accessibleName={option.label}
          className='xs-chip'
          onSelect={() => onSelect(option.value)}
          testId={`${testPrefix}-${option.value}`}
        >
          <Text className='xs-chip-text' {...hidden()}>
            {option.label}
          </Text>
        </Choice>
      ))}
    </ChoiceGroup>
  )
}

export interface ActionButtonProps {
  kind: 'primary' | 'secondary' | 'link'
  /** A screen's main action: full width (up to 343 px), 48 px tall. Otherwise as wide as its text. */
  block?: boolean
  disabled?: boolean
  busy?: boolean
  onTap: () => void
  /** h5 only: a link that looks like this button (`tel:` …); onTap is not called. Ignored on weapp. */
  href?: string
  testId?: string
  children: ReactNode
}

export function ActionButton({ kind, block, disabled, busy, onTap, href, testId, children }: ActionButtonProps) {
  const cls = `xs-btn xs-btn-${kind}${block ? ' xs-btn-block' : ''}${disabled ? ' is-disabled' : ''}`
  if (process.env.TARO_ENV === 'h5') {
    if (href) {
      return (
        <a className={cls} href={href} data-testid={testId}>
          {children}
        </a>
      )
    }
    return (
      <button type='button' className={cls} disabled={disabled} aria-busy={busy || undefined} onClick={onTap} data-testid={testId}>
        {children}
      </button>
    )
  }
  return (
    <Button className={cls} disabled={disabled} loading={busy} onClick={onTap} data-testid={testId}>
      {children}
    </Button>
  )
}

export interface TextEntryProps {
  id: string
  value: string
  onChange: (value: string) => void
  /** A textarea; otherwise a one-line input. */
  multiline?: boolean
  /** One-line input: hide what is typed. */
  password?: boolean
  /** Textarea on h5: its height in lines before CSS (the `rows` attribute). */
  rows?: number
  /**
   * Textarea: grows with its text (weapp `autoHeight`; on h5 it can be dragged taller). Otherwise a
   * fixed 96 px box.
   */
  autoHeight?: boolean
  maxLength?: number
  placeholder?: string
  /** Read-only and announced as disabled on h5 (still reachable by Tab); disabled on weapp. */
  disabled?: boolean
  /** The light border of the survey's comment box (as its chips'); otherwise the fields' darker one. */
  quiet?: boolean
  /**
   * The text of the field's visible label. On h5 the field is named by that label itself (a
   * `<label for={id}>`) or by `labelledBy`; weapp has neither, so the field carries it as aria-label.
   */
  label?: string
  /** h5: the id of the visible text that names the field. */
  labelledBy?: string
  /** h5: the ids of the texts that describe the field (a counter, an error). */
  describedBy?: string
  /** h5: aria-invalid. */
  invalid?: boolean
  /** h5: the autocomplete token (`username`, `current-password`). */
  autoComplete?: string
  /** h5: text typed exactly as is (a user name, a password): no auto-capital, no spell-check. */
  verbatim?: boolean
  /** Enter on a one-line input (h5), the keyboard's done key (weapp). */
  onConfirm?: () => void
  /** weapp: the gap kept between the caret and the keyboard, for what sits fixed above it. */
  cursorSpacing?: number
  testId?: string
}

/**
 * A one-line input or a textarea: native <input>/<textarea> on h5, Taro Input/Textarea on weapp.
 * Its look is `.xs-entry` in controls.css (`-multiline`, `-fixed`, `-quiet`).
 */
export function TextEntry(props: TextEntryProps) {
  const { id, value, onChange, multiline, password, rows, autoHeight, maxLength, placeholder, disabled, quiet, label, testId } = props
  const cls = `xs-entry${multiline ? ' xs-entry-multiline' : ''}${multiline && !autoHeight ? ' xs-entry-fixed' : ''}${quiet ? ' xs-entry-quiet' : ''}`
  if (process.env.TARO_ENV === 'h5') {
    const { labelledBy, describedBy, invalid, autoComplete, verbatim, onConfirm } = props
    const common = {
      id,
      className: cls,
      value,
      maxLength,
      placeholder,
      // readOnly, not disabled: a frozen field stays reachable by Tab and readable.
      readOnly: disabled,
      'aria-disabled': disabled || undefined,
      'aria-labelledby': labelledBy,
      'aria-describedby': describedBy,
      'aria-invalid': invalid || undefined,
      autoComplete,
      autoCapitalize: verbatim ? 'none' : undefined,
      spellCheck: verbatim ? false : undefined,
      'data-testid': testId,
    }
    if (multiline) return <textarea {...common} rows={rows} onChange={(e) => onChange(e.currentTarget.value)} />
    return (
      <input
        {...common}
        type={password ? 'password' : 'text'}
        onChange={(e) => onChange(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && onConfirm) onConfirm()
        }}
      />
    )
  }
  // Taro's Input and Textarea take the same props but for the few after `weapp` below. WeChat's Input
  // knows aria-label only (config/a11y-attributes.ts): the h5-only aria props have no twin here.
  const weapp = {
    id,
    className: cls,
    value,
    maxlength: maxLength,
    placeholder,
    disabled,
    cursorSpacing: props.cursorSpacing,
    onInput: (e: { detail: { value: string } }) => onChange(e.detail.value),
    onConfirm: props.onConfirm,
    'data-testid': testId,
    ...(label === undefined ? {} : ({ ariaLabel: label } as object)),
  }
  return multiline ? <Textarea {...weapp} autoHeight={autoHeight} adjustPosition /> : <Input {...weapp} password={password} />
}
