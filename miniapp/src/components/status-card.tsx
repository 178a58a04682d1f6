import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { heading, hidden } from './a11y'

export interface StatusCardProps {
  icon: 'success' | 'warn' | 'info'
  title: string
  testId: string
  /** A data-* hint for tests (the band, the state). */
  kind?: string
  children?: ReactNode
}

/** One icon, one sentence, then whatever the state needs (a body text, a retry button). */
export function StatusCard({ icon, title, testId, kind, children }: StatusCardProps) {
  return (
    <View className='xs-card xs-status' data-testid={testId} data-kind={kind}>
      <View className={`xs-icon xs-icon-${icon}`} {...hidden()} />
      <Text className='xs-status-title' {...heading(1)}>
        {title}
      </Text>
      {children}
    </View>
  )
}
