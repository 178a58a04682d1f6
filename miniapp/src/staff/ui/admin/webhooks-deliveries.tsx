import { Text, View } from '@tarojs/components'
import { useCallback } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { attemptLine, deliverySummary, readDeliveryPage, type WebhookTexts } from '../../model/admin-webhooks'
import { useAdminList } from '../../model/use-admin-list'
import type { AdminSectionProps } from './section-props'

/** One endpoint's delivery log: newest first, each delivery's state and every attempt (status, latency, error). */
export function WebhookDeliveries({ caller, withToken, describeError, webhookId, texts: t, time }: AdminSectionProps & { webhookId: string; texts: WebhookTexts; time: (iso: string) => string }) {
  const load = useCallback((cursor?: string) => withToken((token) => readDeliveryPage(caller, token, webhookId, cursor)), [caller, withToken, webhookId])
  const list = useAdminList(load, describeError)
  return (
    <View className='ad-deliveries' data-testid='webhook-delivery-log'>
      {list.error && (
        <Text className='sb-error' {...landmark('alert')}>
          {list.error}
        </Text>
      )}
      {!list.loading && list.items.length === 0 && !list.error && <Text className='sb-muted sb-small'>{t.noDeliveries}</Text>}
      {list.items.map((d) => (
        <View key={d.deliveryId} className={`ad-delivery is-${d.state}`} data-testid='webhook-delivery' data-state={d.state}>
          <Text className='ad-strong sb-small'>{deliverySummary(d, t, time)}</Text>
          <Text className='sb-muted sb-small ad-code'>{d.deliveryId}</Text>
          {d.attempts.map((a, i) => (
            <Text key={`${a.at}-${i}`} className='ad-change sb-small'>
              {attemptLine(a, time)}
            </Text>
          ))}
        </View>
      ))}
      {list.hasMore && (
        <ActionButton kind='secondary' onTap={list.loadMore} busy={list.loading} testId='webhook-deliveries-more'>
          {t.loadMore}
        </ActionButton>
      )}
    </View>
  )
}
