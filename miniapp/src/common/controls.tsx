import { Button, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * The few interactive primitives of the survey, one per platform. On h5 they are native HTML
 * controls (radio/checkbox inputs, <button>, <textarea>): real roles, names, keyboard and focus
 * for screen readers and axe. On weapp they are Taro components carrying WeChat's aria-* attributes
 * (made available by config/a11y-attributes-plugin.ts). TARO_ENV is a build-time constant, so each
 * build keeps one branch.
 */
const isH5 = process.env.TARO_ENV === 'h5'

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
  const cls = `${className}${checked ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}`
  if (isH5) {
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
  if (isH5) {
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

export interface ActionButtonProps {
  kind: 'primary' | 'secondary' | 'link'
  disabled?: boolean
  busy?: boolean
  onTap: () => void
  testId?: string
  children: ReactNode
}

export function ActionButton({ kind, disabled, busy, onTap, testId, children }: ActionButtonProps) {
  const cls = `xs-btn xs-btn-${kind}${disabled ? ' is-disabled' : ''}`
  if (isH5) {
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

export interface CommentFieldProps {
  id: string
  labelledBy: string
  describedBy: string
  value: string
  maxLength: number
  placeholder: string
  disabled?: boolean
  onChange: (value: string) => void
  testId?: string
}

export function CommentField({ id, labelledBy, describedBy, value, maxLength, placeholder, disabled, onChange, testId }: CommentFieldProps) {
  if (isH5) {
    return (
      <textarea
        id={id}
        className='xs-textarea'
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        readOnly={disabled}
        aria-disabled={disabled || undefined}
        rows={4}
        onChange={(e) => onChange(e.currentTarget.value)}
        data-testid={testId}
      />
    )
  }
  return (
    <Textarea
      id={id}
      className='xs-textarea'
      value={value}
      maxlength={maxLength}
      placeholder={placeholder}
      disabled={disabled}
      // The fixed submit bar sits under the keyboard; keep the caret clear of it without moving the page.
      cursorSpacing={96}
      adjustPosition
      onInput={(e) => onChange(e.detail.value)}
      data-testid={testId}
    />
  )
}
