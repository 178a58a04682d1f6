import { Text, View } from '@tarojs/components'
import type { Locale, StoreKeyIssued, StoreKeyView } from '@xinsheng/shared'
import { useCallback, useEffect, useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { SignedOutError } from '../../model/auth'
import { canIssue, isLive, issueKey, keysTexts, keyTime, readKeys, revokeKey, sortKeys } from '../../model/admin-keys'
import { FieldError } from '../fields'
import { OneTimeSecret } from './keys-secret'
import type { AdminSectionProps } from './section-props'

const isH5 = process.env.TARO_ENV === 'h5'

export interface KeysPanelProps extends Pick<AdminSectionProps, 'caller' | 'withToken' | 'describeError'> {
  locale: Locale
  storeId: string
  onClose: () => void
}

/**
 * A store's API keys: the list (created / last used / revoked), issuing one (its secret shown once,
 * with a copy button and a warning), revoking one after a confirm step. A second live key may be
 * issued beside the first (rotation); the issue button says why when two are live already.
 */
export function KeysPanel({ caller, withToken, describeError, locale, storeId, onClose }: KeysPanelProps) {
  const t = keysTexts(locale)
  const [keys, setKeys] = useState<StoreKeyView[]>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<StoreKeyIssued>()
  const [confirming, setConfirming] = useState<string>()
  const [done, setDone] = useState<string>()
  const titleId = 'keys-title'

  const fail = useCallback(
    (failure: unknown) => {
      setBusy(false)
      if (!(failure instanceof SignedOutError)) setError(describeError(failure))
    },
    [describeError],
  )
  const reload = useCallback(
    () =>
      withToken((token) => readKeys(caller, token, storeId)).then((items) => {
        setKeys(sortKeys(items))
        setBusy(false)
      }, fail),
    [caller, withToken, storeId, fail],
  )
  useEffect(() => void reload(), [reload])

  const issue = () => {
    setBusy(true)
    setError(undefined)
    setDone(undefined)
    withToken((token) => issueKey(caller, token, storeId)).then((key) => {
      setIssued(key)
      return reload()
    }, fail)
  }
  const revoke = (keyId: string) => {
    setBusy(true)
    setError(undefined)
    withToken((token) => revokeKey(caller, token, keyId)).then(() => {
      setConfirming(undefined)
      setDone(t.revokedDone(keyId))
      return reload()
    }, fail)
  }

  const live = keys?.filter(isLive).length ?? 0
  return (
    <View className='sb-card ad-card' data-testid='keys-panel' data-store={storeId} {...(isH5 ? { role: 'region', 'aria-labelledby': titleId } : {})}>
      <View className='ad-row-line'>
        <Text id={titleId} className='sb-card-title ad-grow' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
          {t.title(storeId)}
        </Text>
        <ActionButton kind='link' onTap={onClose} testId='keys-close'>
          {t.close}
        </ActionButton>
      </View>
      <Text className='sb-muted sb-small'>{t.hint}</Text>
      {issued && (
        <OneTimeSecret
          title={t.secret.title(issued.keyId)}
          label={t.secret.secret}
          value={issued.secret}
          facts={[{ label: t.secret.keyId, value: issued.keyId, testId: 'key-secret-id' }]}
          texts={t.secret}
          onDone={() => setIssued(undefined)}
          testId='key-secret'
        />
      )}
      {error && <FieldError text={error} testId='keys-error' />}
      <View {...landmark('status')}>{done && <Text className='sb-done'>{done}</Text>}</View>
      {keys && keys.length === 0 && <Text className='sb-muted'>{t.empty}</Text>}
      <View className='ad-rows' data-testid='keys-list' {...(isH5 ? { role: 'list', 'aria-labelledby': titleId } : {})}>
        {(keys ?? []).map((key) => (
          <View key={key.keyId} className='ad-row' data-testid='key-row' data-key={key.keyId} data-live={isLive(key)} {...(isH5 ? { role: 'listitem' } : {})}>
            <View className='ad-row-line'>
              <Text className='ad-code ad-grow'>{key.keyId}</Text>
              <Text className={`sb-badge ${isLive(key) ? 'ad-badge-live' : 'ad-badge-revoked'}`} data-testid='key-state'>
                {isLive(key) ? t.live : t.revoked}
              </Text>
            </View>
            <Text className='sb-muted sb-small'>
              {t.created} {keyTime(key.createdAt, t.never)} · {t.lastUsed} {keyTime(key.lastUsedAt, t.never)}
              {key.revokedAt ? ` · ${t.revokedAt} ${keyTime(key.revokedAt, t.never)}` : ''}
            </Text>
            {isLive(key) && confirming !== key.keyId && (
              <View className='ad-actions'>
                <ActionButton kind='secondary' onTap={() => setConfirming(key.keyId)} testId='key-revoke'>
                  {t.revoke}
                </ActionButton>
              </View>
            )}
            {confirming === key.keyId && (
              <View className='ad-confirm' data-testid='key-revoke-confirm'>
                <Text className='sb-small'>{t.confirmRevoke(key.keyId)}</Text>
                <View className='ad-actions'>
                  <ActionButton kind='primary' onTap={() => revoke(key.keyId)} busy={busy} testId='key-revoke-yes'>
                    {t.confirm}
                  </ActionButton>
                  <ActionButton kind='secondary' onTap={() => setConfirming(undefined)} testId='key-revoke-no'>
                    {t.cancel}
                  </ActionButton>
                </View>
              </View>
            )}
          </View>
        ))}
      </View>
      {keys && (
        <View className='ad-actions'>
          {canIssue(keys) ? (
            <ActionButton kind='primary' onTap={issue} busy={busy} testId='key-issue'>
              {live ? t.issueRotate : t.issue}
            </ActionButton>
          ) : (
            <Text className='sb-muted sb-small' data-testid='keys-at-limit'>
              {t.atLimit}
            </Text>
          )}
        </View>
      )}
    </View>
  )
}
