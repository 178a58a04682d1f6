import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { copyText } from '../../platform'

const isH5 = process.env.TARO_ENV === 'h5'

export interface OneTimeSecretProps {
  title: string
  /** What the value is (a key's secret, a one-time password). */
  label: string
  value: string
  /** Lines shown above the value (a key id). */
  facts?: { label: string; value: string; testId?: string }[]
  texts: { warning: string; copy: string; copied: string; copyFailed: string; done: string }
  onDone: () => void
  testId: string
}

/**
 * A secret the server returns once (a store key's secret, a one-time password): shown with a warning
 * that it will not be shown again, selectable, with a copy button (platform.ts copyText), until the
 * admin closes it. Nothing keeps it: closing the panel forgets it.
 */
export function OneTimeSecret({ title, label, value, facts = [], texts, onDone, testId }: OneTimeSecretProps) {
  const [copied, setCopied] = useState<boolean>()
  const titleId = `${testId}-title`
  return (
    <View className='ad-secret-box' data-testid={testId} {...(isH5 ? { role: 'region', 'aria-labelledby': titleId } : {})}>
      <Text id={titleId} className='ad-strong' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
        {title}
      </Text>
      <Text className='sb-notice' data-testid={`${testId}-warning`}>
        {texts.warning}
      </Text>
      {facts.map((fact) => (
        <View key={fact.label} className='ad-fact'>
          <Text className='sb-muted sb-small'>{fact.label}</Text>
          <Text className='ad-code' selectable data-testid={fact.testId}>
            {fact.value}
          </Text>
        </View>
      ))}
      <View className='ad-fact'>
        <Text className='sb-muted sb-small'>{label}</Text>
        <Text className='ad-code ad-secret' selectable data-testid={`${testId}-value`}>
          {value}
        </Text>
      </View>
      <View className='ad-actions'>
        <ActionButton kind='primary' onTap={() => void copyText(value).then(setCopied)} testId={`${testId}-copy`}>
          {texts.copy}
        </ActionButton>
        <ActionButton kind='secondary' onTap={onDone} testId={`${testId}-done`}>
          {texts.done}
        </ActionButton>
      </View>
      <View {...landmark('status')}>
        {copied !== undefined && (
          <Text className={copied ? 'sb-done' : 'sb-error'} data-testid={`${testId}-copied`}>
            {copied ? texts.copied : texts.copyFailed}
          </Text>
        )}
      </View>
    </View>
  )
}
