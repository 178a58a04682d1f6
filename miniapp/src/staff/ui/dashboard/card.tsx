import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { hidden, landmark } from '../../../common/a11y'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import type { Significance } from '../../model/insight-view'
import type { Section } from '../../model/use-dashboard'

const isH5 = process.env.TARO_ENV === 'h5'

/** A white card with its title (h2 on h5, under the page's h1), a region named by it. */
export function Card({ id, title, children, testId, wide, busy }: { id: string; title: string; children: ReactNode; testId: string; wide?: boolean; busy?: boolean }) {
  return (
    <View className={`sb-card db-card${wide ? ' db-card-wide' : ''}`} data-testid={testId} data-busy={busy ? 'true' : 'false'} {...(isH5 ? { role: 'region', 'aria-labelledby': id, 'aria-busy': busy || undefined } : {})}>
      <Text id={id} className='sb-card-title db-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
        {title}
      </Text>
      {children}
    </View>
  )
}

/**
 * What a card shows: its content once there is data (kept while the next answer loads), else
 * "loading…" or what went wrong. An error with stale data shows both.
 */
export function SectionBody<T>({ section, texts, children }: { section: Section<T>; texts: DashboardTexts; children: (value: T) => ReactNode }) {
  return (
    <>
      {section.error && (
        <Text className='sb-error' data-testid='section-error'>
          {section.error}
        </Text>
      )}
      {section.note && (
        <Text className='sb-muted' data-testid='section-note'>
          {section.note}
        </Text>
      )}
      {section.value !== undefined ? children(section.value) : section.loading ? <Text className='sb-muted db-loading' {...landmark('status')}>{texts.loading}</Text> : null}
    </>
  )
}

/**
 * ▲ / ▼ for a significant difference, named by its label (an image with a text alternative); nothing
 * at all when not significant (the caller writes the neutral text where it has room for it).
 */
export function Arrow({ significance, testId }: { significance: Significance; testId: string }) {
  if (significance.direction === 'none' || !significance.glyph) return null
  const a11y = isH5 ? { role: 'img', 'aria-label': significance.label } : ({ ariaRole: 'img', ariaLabel: significance.label } as object)
  return (
    <Text className={`db-arrow db-arrow-${significance.direction}`} data-testid={testId} data-direction={significance.direction} {...a11y}>
      {significance.glyph}
    </Text>
  )
}

/** Text a screen reader reads and the eye does not see (a chart's figures). */
export function ScreenReaderText({ children }: { children: ReactNode }) {
  return <Text className='db-sr'>{children}</Text>
}

/** Drawn only: hidden from screen readers, which read the text beside it. */
export function Drawing({ className, children, style }: { className: string; children?: ReactNode; style?: Record<string, string> }) {
  return (
    <View className={className} style={style} {...hidden()}>
      {children}
    </View>
  )
}
