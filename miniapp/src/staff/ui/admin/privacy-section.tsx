import { Text, View } from '@tarojs/components'
import type { PersonLookup } from '@xinsheng/shared'
import { useCallback, useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton, Chips } from '../../../common/controls'
import { auditTime } from '../../model/admin-audit'
import {
  IDENTIFIER_KINDS, erasePerson, exportPerson, identifierKind, maskIdentifier, optInPerson, personLookup, privacyTexts, readPrivacyRequest,
  type ExportOutcome, type IdentifierKind,
} from '../../model/admin-privacy'
import { sessionRequestLog, useRequestLog } from '../../model/admin-privacy-requests'
import { PrivacyExport } from './privacy-export'
import { PrivacyRequests } from './privacy-requests'
import type { AdminSectionProps } from './section-props'
import { AdminField } from './stores-fields'

const isH5 = process.env.TARO_ENV === 'h5'

type Confirming = { action: 'erase' | 'opt-in'; lookup: PersonLookup }

/**
 * Brand admin → a person's data on request: one identifier (phone, openid or unionid, kept in this
 * form's state only), then export (a summary, the records, the JSON file), erase (after a confirm
 * that says what happens; its request polled until done) or opt back in (confirmed). This session's
 * requests are listed below with their status.
 */
export function PrivacySection({ locale, caller, withToken, describeError }: AdminSectionProps) {
  const t = privacyTexts(locale)
  const time = useCallback((iso: string) => auditTime(iso, locale), [locale])
  const [kind, setKind] = useState<IdentifierKind>('phone')
  const [value, setValue] = useState('')
  const [fieldError, setFieldError] = useState<string>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState<Confirming>()
  const [outcome, setOutcome] = useState<{ who: string; result: ExportOutcome }>()
  const [notice, setNotice] = useState<string>()
  const read = useCallback((requestId: string) => withToken((token) => readPrivacyRequest(caller, token, requestId)), [caller, withToken])
  const log = useRequestLog(sessionRequestLog, read, describeError)

  /** The typed identifier as a lookup, or its error beside the field. */
  const lookup = () => {
    const found = personLookup(kind, value)
    setFieldError(found ? undefined : t.invalid[kind])
    return found
  }
  const edit = (change: () => void) => {
    change()
    setFieldError(undefined)
    setConfirming(undefined)
  }
  const run = <T,>(call: (token: string) => Promise<T>, then: (result: T) => void) => {
    if (busy) return
    setBusy(true)
    setError(undefined)
    setNotice(undefined)
    withToken(call).then(
      (result) => {
        setBusy(false)
        then(result)
      },
      (e: unknown) => {
        setBusy(false)
        setError(describeError(e))
      },
    )
  }
  const entry = (who: PersonLookup) => ({ identifierKind: identifierKind(who), who: maskIdentifier(who), at: new Date().toISOString() })

  const doExport = () => {
    const who = lookup()
    if (!who) return
    setConfirming(undefined)
    run(
      (token) => exportPerson(caller, token, who),
      (result) => {
        setOutcome({ who: maskIdentifier(who), result })
        const records = result.found ? result.data.invitations.length + result.data.responses.length + result.data.tasks.length : 0
        sessionRequestLog.add({ ...entry(who), kind: 'export', status: 'done', records })
      },
    )
  }
  const ask = (action: Confirming['action']) => {
    const who = lookup()
    if (who) setConfirming({ action, lookup: who })
  }
  const confirm = () => {
    if (!confirming) return
    const { action, lookup: who } = confirming
    if (action === 'erase') {
      run(
        (token) => erasePerson(caller, token, who),
        (accepted) => {
          setConfirming(undefined)
          setOutcome(undefined)
          sessionRequestLog.add({ ...entry(who), key: accepted.requestId, kind: 'erase', requestId: accepted.requestId, status: accepted.status })
        },
      )
    } else {
      run(
        (token) => optInPerson(caller, token, who),
        (result) => {
          setConfirming(undefined)
          setNotice(t.optedIn(result.identifiers))
          sessionRequestLog.add({ ...entry(who), kind: 'opt-in', status: 'done', identifiers: result.identifiers })
        },
      )
    }
  }

  return (
    <View className='ad-section' data-testid='privacy-section'>
      <View className='sb-card ad-card' {...(isH5 ? { role: 'region', 'aria-labelledby': 'privacy-title' } : {})}>
        <Text id='privacy-title' className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
          {t.title}
        </Text>
        <Text className='sb-muted sb-small'>{t.intro}</Text>
        <View className='sb-field ad-field'>
          <Text id='privacy-kind-label' className='sb-label'>
            {t.kind}
          </Text>
          <Chips<IdentifierKind>
            type='radio'
            name='privacy-kind'
            labelledBy='privacy-kind-label'
            options={IDENTIFIER_KINDS.map((k) => ({ value: k, label: t.kinds[k], checked: kind === k }))}
            onSelect={(k) => edit(() => setKind(k))}
            testId='privacy-kind'
            testPrefix='privacy-kind'
          />
        </View>
        <AdminField
          id='privacy-value'
          label={t.kinds[kind]}
          hint={t.hints[kind]}
          value={value}
          onChange={(v) => edit(() => setValue(v))}
          maxLength={64}
          error={fieldError}
          onConfirm={doExport}
          testId='privacy-value'
        />
        <View className='ad-actions'>
          <ActionButton kind='primary' onTap={doExport} busy={busy && !confirming} testId='privacy-export-go'>
            {t.export}
          </ActionButton>
          <ActionButton kind='secondary' onTap={() => ask('erase')} testId='privacy-erase'>
            {t.erase}
          </ActionButton>
          <ActionButton kind='secondary' onTap={() => ask('opt-in')} testId='privacy-opt-in'>
            {t.optIn}
          </ActionButton>
        </View>
        {confirming && (
          <View className='ad-confirm' data-testid={`privacy-${confirming.action}-confirm`} {...(isH5 ? { role: 'group', 'aria-labelledby': 'privacy-confirm-title' } : {})}>
            <Text id='privacy-confirm-title' className='ad-strong' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
              {confirming.action === 'erase' ? t.eraseConfirmTitle : t.optInConfirmTitle} · {t.kinds[identifierKind(confirming.lookup)]} {maskIdentifier(confirming.lookup)}
            </Text>
            {(confirming.action === 'erase' ? t.eraseConfirm : [t.optInConfirm]).map((line) => (
              <Text key={line} className='sb-small ad-confirm-line'>
                {line}
              </Text>
            ))}
            <View className='ad-actions'>
              <ActionButton kind='primary' onTap={confirm} busy={busy} testId={`privacy-${confirming.action}-yes`}>
                {confirming.action === 'erase' ? t.eraseYes : t.optInYes}
              </ActionButton>
              <ActionButton kind='secondary' onTap={() => setConfirming(undefined)} testId={`privacy-${confirming.action}-no`}>
                {t.cancel}
              </ActionButton>
            </View>
          </View>
        )}
        {error && (
          <Text className='sb-error' data-testid='privacy-error' {...landmark('alert')}>
            {error}
          </Text>
        )}
        <View {...landmark('status')}>
          {notice && (
            <Text className='sb-done' data-testid='privacy-notice'>
              {notice}
            </Text>
          )}
        </View>
      </View>

      {outcome && <PrivacyExport who={outcome.who} result={outcome.result} texts={t} time={time} />}

      <PrivacyRequests items={log.items} onRefresh={log.refresh} texts={t} time={time} />
    </View>
  )
}
