import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ActionButton, TextEntry } from '../../../common/controls'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import { PERIOD_PRESETS, type Period, type PeriodPreset } from '../../model/insight-period'
import type { CustomPeriodIssue } from '../../model/insight-period'
import { FieldError, RadioChips } from '../fields'

const isH5 = process.env.TARO_ENV === 'h5'

export interface PeriodPickerProps {
  texts: DashboardTexts
  period: Period
  today: string
  issue?: CustomPeriodIssue
  onPreset: (preset: Exclude<PeriodPreset, 'custom'>) => void
  onCustom: (from: string, to: string) => void
}

/** Last 7 / 28 / 90 days, this month, or a custom from–to (two dates and "show"). */
export function PeriodPicker({ texts, period, today, issue, onPreset, onCustom }: PeriodPickerProps) {
  const [customOpen, setCustomOpen] = useState(period.preset === 'custom')
  const [from, setFrom] = useState(period.from)
  const [to, setTo] = useState(period.to)
  useEffect(() => {
    setFrom(period.from)
    setTo(period.to)
  }, [period.from, period.to])
  const chosen = customOpen ? 'custom' : period.preset
  return (
    <View className='db-period' data-testid='period-picker'>
      <Text id='period-label' className='sb-label'>
        {texts.period.label}
      </Text>
      <RadioChips
        name='period'
        labelledBy='period-label'
        options={PERIOD_PRESETS.map((p) => ({ value: p, label: texts.period.presets[p] }))}
        value={chosen}
        onSelect={(preset) => {
          if (preset === 'custom') {
            setCustomOpen(true)
            return
          }
          setCustomOpen(false)
          onPreset(preset)
        }}
        testId='period-presets'
        testPrefix='period'
      />
      {customOpen && (
        <View className='db-custom' data-testid='custom-period'>
          <DateField id='period-from' label={texts.period.from} value={from} max={today} onChange={setFrom} />
          <DateField id='period-to' label={texts.period.to} value={to} max={today} onChange={setTo} />
          <ActionButton kind='primary' onTap={() => onCustom(from, to)} testId='custom-apply'>
            {texts.period.apply}
          </ActionButton>
        </View>
      )}
      {issue && <FieldError text={texts.period.issues[issue]} testId='period-issue' />}
      <Text className='sb-muted sb-small' data-testid='period-range'>
        {texts.period.range(period.from, period.to)}
      </Text>
    </View>
  )
}

/**
 * A labelled date: the browser's date input on h5; on weapp a text field taking YYYY-MM-DD (checked
 * with the period). Not WeChat's <picker>: Taro puts a used component's template in the main
 * package's base.wxml as well, and the survey's package would carry it (+0.6 KB) for nothing.
 */
function DateField({ id, label, value, max, onChange }: { id: string; label: string; value: string; max: string; onChange: (value: string) => void }) {
  if (isH5) {
    return (
      <View className='sb-field db-date'>
        <label className='sb-label' htmlFor={id}>
          {label}
        </label>
        <input id={id} className='xs-entry' type='date' value={value} max={max} onChange={(e) => onChange(e.currentTarget.value)} data-testid={id} />
      </View>
    )
  }
  return (
    <View className='sb-field db-date'>
      <Text className='sb-label'>{label}</Text>
      <TextEntry id={id} label={label} value={value} onChange={onChange} maxLength={10} placeholder='YYYY-MM-DD' testId={id} />
    </View>
  )
}
