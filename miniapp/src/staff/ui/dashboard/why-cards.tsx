import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import type { ReasonBandView, ThemeView } from '../../model/insight-view'
import { Drawing } from './card'

const isH5 = process.env.TARO_ENV === 'h5'

function List({ className, testId, children }: { className: string; testId?: string; children: ReactNode }) {
  return isH5 ? (
    <ul className={className} data-testid={testId}>
      {children}
    </ul>
  ) : (
    <View className={className} data-testid={testId}>
      {children}
    </View>
  )
}

function Item({ className, testId, children }: { className: string; testId?: string; children: ReactNode }) {
  return isH5 ? (
    <li className={className} data-testid={testId}>
      {children}
    </li>
  ) : (
    <View className={className} data-testid={testId}>
      {children}
    </View>
  )
}

/** Reasons chosen, per band: a share bar (drawn) and its figures (text). */
export function ReasonsBody({ texts, bands }: { texts: DashboardTexts; bands: ReasonBandView[] }) {
  if (bands.every((b) => b.items.length === 0)) return <Text className='sb-muted'>{texts.reasons.empty}</Text>
  return (
    <View className='db-bands'>
      {bands
        .filter((band) => band.items.length > 0)
        .map((band) => (
          <View key={band.band} className='db-band' data-testid={`reasons-${band.band}`}>
            <Text className={`db-band-title db-band-${band.band}`} {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
              {band.title}
            </Text>
            <List className='db-reasons'>
              {band.items.map((item) => (
                <Item key={item.reasonId} className='db-reason' testId='reason'>
                  <View className='db-reason-line'>
                    <Text className='db-reason-label'>{item.label}</Text>
                    <Text className='db-reason-figure'>{item.text}</Text>
                  </View>
                  <Drawing className='db-share'>
                    <View className={`db-share-fill db-band-bg-${band.band}`} style={{ width: `${item.sharePct}%` }} />
                  </Drawing>
                </Item>
              ))}
            </List>
          </View>
        ))}
    </View>
  )
}

/** Comment themes: figures on one line, then a few example comments (as text: they are the customers' words). */
export function ThemesBody({ texts, rows }: { texts: DashboardTexts; rows: ThemeView[] }) {
  if (rows.length === 0) return <Text className='sb-muted'>{texts.themes.empty}</Text>
  return (
    <>
      <List className='db-themes' testId='themes'>
        {rows.map((row) => (
          <Item key={row.theme} className='db-theme' testId='theme'>
            <Text className='db-theme-name' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
              {row.label}
            </Text>
            <Text className='db-theme-figures'>
              {`${texts.themes.count} ${row.countText} · ${texts.themes.share} ${row.shareText} · ${texts.themes.nps} ${row.npsText} · ${texts.themes.impact} ${row.impactText}`}
            </Text>
            {row.examples.length > 0 && (
              <View className='db-examples'>
                <Text className='db-examples-title sb-muted'>{texts.themes.examples}</Text>
                {row.examples.map((example) => (
                  <Text key={example.responseId} className='db-example' data-testid='theme-example'>
                    {`“${example.comment}”`}
                  </Text>
                ))}
              </View>
            )}
          </Item>
        ))}
      </List>
      <Text className='sb-muted sb-small'>{texts.themes.impactNote}</Text>
    </>
  )
}
