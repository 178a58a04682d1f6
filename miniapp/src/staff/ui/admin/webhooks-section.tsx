import { Text, View } from '@tarojs/components'
import type { WebhookEvent, WebhookView } from '@xinsheng/shared'
import { useCallback, useEffect, useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton, Chips } from '../../../common/controls'
import { auditTime } from '../../model/admin-audit'
import {
  ALL_WEBHOOK_EVENTS, deleteWebhook, listWebhooks, registerWebhook, registrationProblem, rotateWebhook, toggleEvent, webhookTexts,
} from '../../model/admin-webhooks'
import { OneTimeSecret } from './keys-secret'
import type { AdminSectionProps } from './section-props'
import { AdminField } from './stores-fields'
import { WebhookDeliveries } from './webhooks-deliveries'

const isH5 = process.env.TARO_ENV === 'h5'

/** Brand admin → webhooks: register an endpoint (secret shown once), list, rotate, delete (confirmed), each endpoint's delivery log. */
export function WebhooksSection(props: AdminSectionProps) {
  const { locale, caller, withToken, describeError } = props
  const t = webhookTexts(locale)
  const time = useCallback((iso: string) => auditTime(iso, locale), [locale])
  const [items, setItems] = useState<WebhookView[]>([])
  const [error, setError] = useState<string>()
  const [url, setUrl] = useState('')
  const [events, setEvents] = useState<WebhookEvent[]>([...ALL_WEBHOOK_EVENTS])
  const [formError, setFormError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [secret, setSecret] = useState<{ webhookId: string; value: string; note: string }>()
  const [confirming, setConfirming] = useState<string>()
  const [open, setOpen] = useState<string>()

  const reload = useCallback(() => {
    withToken((token) => listWebhooks(caller, token)).then(
      (list) => {
        setItems(list)
        setError(undefined)
      },
      (e: unknown) => setError(describeError(e)),
    )
  }, [caller, withToken, describeError])
  useEffect(reload, [reload])

  const act = (run: (token: string) => Promise<unknown>) => {
    setBusy(true)
    withToken(run).then(
      () => {
        setBusy(false)
        reload()
      },
      (e: unknown) => {
        setBusy(false)
        setError(describeError(e))
      },
    )
  }
  const submit = () => {
    const problem = registrationProblem(url, events, t)
    setFormError(problem)
    if (problem || busy) return
    act(async (token) => {
      try {
        const created = await registerWebhook(caller, token, url, events)
        setSecret({ webhookId: created.webhookId, value: created.secret, note: t.secretOnce })
        setUrl('')
      } catch (e) {
        setFormError(describeError(e))
      }
    })
  }

  return (
    <View className='ad-section' data-testid='webhooks-section'>
      <View className='sb-card ad-card' {...(isH5 ? { role: 'region', 'aria-labelledby': 'webhooks-title' } : {})}>
        <Text id='webhooks-title' className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
          {t.title}
        </Text>
        <Text className='sb-muted sb-small'>{t.intro}</Text>
        <AdminField id='webhook-url' label={t.url} hint={t.urlPlaceholder} value={url} onChange={setUrl} maxLength={2048} error={formError} onConfirm={submit} testId='webhook-url' />
        <View className='sb-field ad-field'>
          <Text id='webhook-events-label' className='sb-label'>
            {t.events}
          </Text>
          <Chips<WebhookEvent>
            type='checkbox'
            labelledBy='webhook-events-label'
            options={ALL_WEBHOOK_EVENTS.map((e) => ({ value: e, label: t.eventNames[e], checked: events.includes(e) }))}
            onSelect={(e) => setEvents((chosen) => toggleEvent(chosen, e))}
            testId='webhook-events'
            testPrefix='webhook-event'
          />
        </View>
        <View className='ad-actions'>
          <ActionButton kind='primary' onTap={submit} busy={busy} testId='webhook-register'>
            {t.register}
          </ActionButton>
        </View>
      </View>

      {secret && (
        <OneTimeSecret
          title={t.secretTitle}
          label={t.secretLabel}
          value={secret.value}
          facts={[{ label: 'webhookId', value: secret.webhookId, testId: 'webhook-secret-id' }]}
          texts={{ warning: secret.note, copy: t.copy, copied: t.copied, copyFailed: t.copyFailed, done: t.dismiss }}
          onDone={() => setSecret(undefined)}
          testId='webhook-secret'
        />
      )}

      <View className='sb-card ad-card'>
        {error && (
          <Text className='sb-error' data-testid='webhooks-error' {...landmark('alert')}>
            {error}
          </Text>
        )}
        {items.length === 0 && !error && <Text className='sb-muted sb-empty'>{t.empty}</Text>}
        <View className='ad-rows' data-testid='webhooks-list' {...(isH5 ? { role: 'list', 'aria-labelledby': 'webhooks-title' } : {})}>
          {items.map((hook) => (
            <View key={hook.webhookId} className='ad-row ad-hook' data-testid='webhook-row' data-id={hook.webhookId} {...(isH5 ? { role: 'listitem' } : {})}>
              <Text className='ad-strong ad-hook-url'>{hook.url}</Text>
              <Text className='sb-muted sb-small'>
                {hook.events.map((e) => t.eventNames[e]).join(' · ')} · {time(hook.createdAt)}
              </Text>
              <View className='ad-actions'>
                <ActionButton
                  kind='secondary'
                  busy={busy}
                  testId='webhook-rotate'
                  onTap={() =>
                    act(async (token) => {
                      const rotated = await rotateWebhook(caller, token, hook.webhookId)
                      setSecret({ webhookId: rotated.webhookId, value: rotated.secret, note: t.rotatedOnce(time(rotated.previousSecretValidUntil)) })
                    })
                  }
                >
                  {t.rotate}
                </ActionButton>
                {confirming === hook.webhookId ? (
                  <>
                    <ActionButton kind='primary' busy={busy} testId='webhook-delete-confirm' onTap={() => act((token) => deleteWebhook(caller, token, hook.webhookId).then(() => setConfirming(undefined)))}>
                      {t.confirmRemove}
                    </ActionButton>
                    <ActionButton kind='link' testId='webhook-delete-cancel' onTap={() => setConfirming(undefined)}>
                      {t.cancel}
                    </ActionButton>
                  </>
                ) : (
                  <ActionButton kind='link' testId='webhook-delete' onTap={() => setConfirming(hook.webhookId)}>
                    {t.remove}
                  </ActionButton>
                )}
                <ActionButton kind='link' testId='webhook-deliveries' onTap={() => setOpen(open === hook.webhookId ? undefined : hook.webhookId)}>
                  {open === hook.webhookId ? t.hideDeliveries : t.deliveries}
                </ActionButton>
              </View>
              {open === hook.webhookId && <WebhookDeliveries {...props} webhookId={hook.webhookId} texts={t} time={time} />}
            </View>
          ))}
        </View>
      </View>
    </View>
  )
}
