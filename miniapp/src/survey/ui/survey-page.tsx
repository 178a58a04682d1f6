import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useRef } from 'react'
import { createApiClient } from '../model/api-client'
import { createDraftStore } from '../model/draft-store'
import { pickLocale } from '../../common/locale'
import { createSessionManager } from '../model/session'
import { useSurvey, type SurveyDeps, type SurveyModel } from '../model/use-survey'
import { useOptOut, type OptOutModel } from '../model/use-opt-out'
import { landmark } from '../../common/a11y'
import { ActionButton } from '../../common/controls'
import { SurveyForm } from './survey-form'
import { StatusCard } from './status-card'
import { OptOut } from './opt-out'
import { callbackSubscriptionAvailable, getLoginCode, onNetworkBack, requestCallbackSubscription, systemLanguage, taroStorage, transport } from '../platform'
import './survey.css'
import { decodedQueryParam } from '../../common/query-param'

function createDeps(): SurveyDeps {
  const api = createApiClient({ baseUrl: process.env.TARO_APP_API_BASE, transport })
  return {
    api,
    session: createSessionManager({ api, storage: taroStorage, getLoginCode }),
    drafts: createDraftStore(taroStorage),
    // No subscribe messages here (h5, or no callback template in the build): no "notify me" button.
    ...(callbackSubscriptionAvailable() ? { requestSubscribe: requestCallbackSubscription } : {}),
  }
}

export default function SurveyPage() {
  const { params } = useRouter()
  // A token that does not decode is kept as it came: the survey then says the link is broken.
  const token = decodedQueryParam(params.inv) ?? params.inv
  const locale = useMemo(() => pickLocale(params.lang, systemLanguage()), [params.lang])
  const deps = useMemo(createDeps, [])
  // `from=notice`: opened from the callback notice (functions/src/followup/callback-notice.ts).
  const model = useSurvey(token, locale, deps, { fromNotice: params.from === 'notice' })
  const optOut = useOptOut(token ?? '', deps)

  // Taro keeps the first callback it is given; go through a ref to reach the current model.
  const latest = useRef(model)
  latest.current = model
  useDidShow(() => latest.current.onShow())
  useDidHide(() => latest.current.onHide())
  // Back online: a submit waiting for its next back-off step goes now.
  useEffect(() => onNetworkBack(() => latest.current.onShow()), [])

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: model.texts.title }).catch(() => undefined)
    if (process.env.TARO_ENV === 'h5') document.documentElement.lang = locale
  }, [locale, model.texts.title])

  return (
    <View className='xs-page' data-testid='survey-page' data-phase={model.state.phase.name} {...landmark('main')}>
      <PhaseView model={model} optOut={optOut} />
    </View>
  )
}

function PhaseView({ model, optOut }: { model: SurveyModel; optOut: OptOutModel }) {
  const { state, texts } = model
  const { phase } = state
  // Wherever the survey is over for this invitation (thank-you, answered before, expired): "不再邀请我".
  const offerOptOut = <OptOut model={optOut} texts={texts.optOut} retryLabel={texts.retry} />
  switch (phase.name) {
    case 'loading':
      return (
        <View className='xs-card xs-loading' data-testid='loading' {...landmark('status')}>
          <View className='xs-spinner' />
          <Text className='xs-muted'>{texts.loading}</Text>
        </View>
      )
    case 'invalid-link':
      return <StatusCard icon='info' testId='state-invalid-link' title={texts.states.invalidLink.title}><Body text={texts.states.invalidLink.body} /></StatusCard>
    case 'expired':
      return (
        <>
          <StatusCard icon='info' testId='state-expired' title={texts.states.expired.title}><Body text={texts.states.expired.body} /></StatusCard>
          {offerOptOut}
        </>
      )
    case 'not-yours':
      return <StatusCard icon='warn' testId='state-not-yours' title={texts.states.notYours.title}><Body text={texts.states.notYours.body} /></StatusCard>
    case 'unsupported':
      return <StatusCard icon='info' testId='state-unsupported' title={texts.states.unsupported.title}><Body text={texts.states.unsupported.body} /></StatusCard>
    case 'load-failed': {
      const t = phase.reason === 'network' ? texts.states.network : texts.states.server
      return (
        <StatusCard icon='warn' testId='state-load-failed' kind={phase.reason} title={t.title}>
          <Body text={t.body} />
          <View className='xs-status-action'>
            <ActionButton kind='primary' block onTap={model.retry} testId='retry-button'>{texts.retry}</ActionButton>
          </View>
        </StatusCard>
      )
    }
    case 'thank-you':
      return (
        <>
          <ThankYou model={model} />
          {offerOptOut}
        </>
      )
    default:
      return <SurveyForm model={model} />
  }
}

function Body({ text }: { text: string }) {
  return <Text className='xs-status-body'>{text}</Text>
}

function ThankYou({ model }: { model: SurveyModel }) {
  const { texts, state, subscribeStatus, fromNotice } = model
  if (state.phase.name !== 'thank-you') return null
  const { band, followUp, alreadyAnswered } = state.phase
  // The model decided (the server's followUp, or shared needsCallback): the page only shows it.
  // Opened from the callback notice, the call has happened: nothing more is promised.
  const callsBack = followUp.callback && !fromNotice
  return (
    <StatusCard icon='success' testId='thank-you' kind={band} title={texts.thankYou[band]}>
      {fromNotice && <Body text={texts.followedUp} />}
      {alreadyAnswered && !fromNotice && <Body text={texts.alreadyAnswered} />}
      {callsBack && <Body text={texts.callback(followUp.slaHours)} />}
      {callsBack && model.canNotify && (
        <View className='xs-status-action'>
          {subscribeStatus === 'idle' || subscribeStatus === 'asking' ? (
            <ActionButton kind='secondary' block busy={subscribeStatus === 'asking'} disabled={subscribeStatus === 'asking'} onTap={model.requestNotify} testId='notify-button'>
              {texts.notify.ask}
            </ActionButton>
          ) : (
            <Text className='xs-status-body' data-testid='notify-result' {...landmark('status')}>
              {texts.notify[subscribeStatus]}
            </Text>
          )}
        </View>
      )}
    </StatusCard>
  )
}
