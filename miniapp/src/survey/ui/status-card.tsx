import { Text, View } from '@tarojs/components'
import { useEffect, useRef, type ReactNode } from 'react'
import { heading, hidden } from '../../common/a11y'

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
  // h5: the form the focus was in is gone; move it to the new sentence so a screen reader reads it.
  const titleRef = useRef<HTMLElement>(null)
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') titleRef.current?.focus?.({ preventScroll: true })
  }, [testId])
  return (
    <View className='xs-card xs-status' data-testid={testId} data-kind={kind}>
      <View className={`xs-icon xs-icon-${icon}`} {...hidden()} />
      <Text
        className='xs-status-title'
        ref={titleRef as never}
        {...heading(1)}
        {...(process.env.TARO_ENV === 'h5' ? { tabIndex: -1 } : {})}
      >
        {title}
      </Text>
      {children}
    </View>
  )
}
