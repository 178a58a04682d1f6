import { Text, View } from '@tarojs/components'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { countsLine, type PrivacyTexts } from '../../model/admin-privacy'
import type { SessionRequest } from '../../model/admin-privacy-requests'

const isH5 = process.env.TARO_ENV === 'h5'

export interface PrivacyRequestsProps {
  items: readonly SessionRequest[]
  onRefresh: (entry: SessionRequest) => void
  texts: PrivacyTexts
  time: (iso: string) => string
}

/** What this result says beyond its status: an erasure's counts or id, an export's records, an opt-in's identifiers. */
function detail(r: SessionRequest, t: PrivacyTexts): string {
  if (r.kind === 'export') return r.records ? t.found(r.records) : t.noRecords
  if (r.kind === 'opt-in') return t.optedIn(r.identifiers ?? 0)
  if (r.counts) return countsLine(r.counts, t)
  return r.status === 'failed' ? t.failedRetry : ''
}

/** The privacy requests of this browser session, newest first; an erasure's status updates as it is polled (a live region). */
export function PrivacyRequests({ items, onRefresh, texts: t, time }: PrivacyRequestsProps) {
  return (
    <View className='sb-card ad-card' data-testid='privacy-requests' {...(isH5 ? { role: 'region', 'aria-labelledby': 'privacy-requests-title' } : {})}>
      <Text id='privacy-requests-title' className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
        {t.requests}
      </Text>
      {items.length === 0 && <Text className='sb-muted sb-empty'>{t.noRequests}</Text>}
      <View className='ad-rows' {...(isH5 ? { role: 'list', 'aria-labelledby': 'privacy-requests-title', 'aria-live': 'polite' } : {})}>
        {items.map((r) => (
          <View key={r.key} className={`ad-row ad-privacy-request is-${r.status}`} data-testid='privacy-request' data-kind={r.kind} data-status={r.status} data-request={r.requestId} {...(isH5 ? { role: 'listitem' } : {})}>
            <View className='ad-row-line'>
              <Text className='ad-strong ad-grow'>
                {t.requestKinds[r.kind]} · {t.kinds[r.identifierKind]} {r.who}
              </Text>
              <Text className={`sb-badge ad-privacy-status is-${r.status}`} data-testid='privacy-request-status'>
                {t.statuses[r.status]}
              </Text>
            </View>
            <Text className='sb-muted sb-small'>
              {time(r.at)}
              {r.requestId ? ` · ${r.requestId}` : ''}
            </Text>
            {detail(r, t) && (
              <Text className='sb-small' data-testid='privacy-request-detail'>
                {detail(r, t)}
              </Text>
            )}
            {r.error && (
              <Text className='sb-error sb-small' {...landmark('alert')}>
                {r.error}
              </Text>
            )}
            {r.kind === 'erase' && r.status === 'failed' && (
              <View className='ad-actions'>
                <ActionButton kind='link' onTap={() => onRefresh(r)} testId='privacy-request-refresh'>
                  {t.refresh}
                </ActionButton>
              </View>
            )}
          </View>
        ))}
      </View>
    </View>
  )
}
