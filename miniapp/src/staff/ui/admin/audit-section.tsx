import { Text, View } from '@tarojs/components'
import { useCallback } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { auditChanges, auditTexts, auditTime, readAuditPage } from '../../model/admin-audit'
import { useAdminList } from '../../model/use-admin-list'
import type { AdminSectionProps } from './section-props'

const isH5 = process.env.TARO_ENV === 'h5'

/** The audit log: every admin change and refused attempt, newest first, a page at a time. */
export function AuditSection({ locale, caller, withToken, describeError }: AdminSectionProps) {
  const t = auditTexts(locale)
  const load = useCallback((cursor?: string) => withToken((token) => readAuditPage(caller, token, cursor)), [caller, withToken])
  const list = useAdminList(load, describeError)
  return (
    <View className='sb-card ad-card' data-testid='audit-section'>
      <Text id='audit-title' className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
        {t.title}
      </Text>
      {list.error && (
        <Text className='sb-error' data-testid='audit-error' {...landmark('alert')}>
          {list.error}
        </Text>
      )}
      {!list.loading && list.items.length === 0 && !list.error && <Text className='sb-muted sb-empty'>{t.empty}</Text>}
      <View className='ad-rows' data-testid='audit-list' {...(isH5 ? { role: 'list', 'aria-labelledby': 'audit-title' } : {})}>
        {list.items.map((entry, i) => (
          <View key={`${entry.at}-${i}`} className='ad-row' data-testid='audit-row' data-action={entry.action} {...(isH5 ? { role: 'listitem' } : {})}>
            <View className='ad-row-line'>
              <Text className='ad-strong'>{entry.action === 'admin.denied' ? t.denied : entry.action}</Text>
              <Text className='sb-muted sb-small'>{entry.target}</Text>
            </View>
            <Text className='sb-muted sb-small'>
              {auditTime(entry.at, locale)} · {entry.actor}
            </Text>
            {auditChanges(entry).map((line) => (
              <Text key={line} className='ad-change sb-small'>
                {line}
              </Text>
            ))}
          </View>
        ))}
      </View>
      {list.hasMore && (
        <View className='sb-more'>
          <ActionButton kind='secondary' onTap={list.loadMore} busy={list.loading} testId='audit-more'>
            {t.loadMore}
          </ActionButton>
        </View>
      )}
    </View>
  )
}
