import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { pickLocale } from '../../../common/locale'
import { staffTextsFor } from '../../model/i18n'
import { useLogin } from '../../model/use-login'
import { FieldError, TextField } from '../../ui/fields'
import { afterLogin, loginPageClosed, setTitle, staffDeps } from '../../platform'
import '../../ui/workbench.css'
import './index.css'

const isH5 = process.env.TARO_ENV === 'h5'

/** Staff sign-in: username + password; afterwards the page the agent was sent here from (or the queue). */
export default function LoginPage() {
  const { params } = useRouter()
  const locale = useMemo(() => pickLocale(params.lang, undefined), [params.lang])
  const texts = staffTextsFor(locale)
  const { api, sessions } = staffDeps()
  const model = useLogin({ api, sessions, texts, onSignedIn: (session) => afterLogin(params.lang, params.next, session.staff.role) })
  useEffect(() => setTitle(texts.title, locale), [texts.title, locale])
  useEffect(() => loginPageClosed, [])

  const form = (
    <>
      <TextField id='username' label={texts.login.username} value={model.username} onChange={model.setUsername} autoComplete='username' disabled={model.busy} testId='username' />
      <TextField id='password' label={texts.login.password} value={model.password} onChange={model.setPassword} password autoComplete='current-password' disabled={model.busy} onConfirm={model.submit} testId='password' />
      {model.error && <FieldError text={model.error} testId='login-error' />}
      <ActionButton kind='primary' onTap={model.submit} busy={model.busy} disabled={model.busy} testId='login-button'>
        {model.busy ? texts.login.submitting : texts.login.submit}
      </ActionButton>
    </>
  )

  return (
    <View className='sb-page sb-login-page' data-testid='login-page' {...landmark('main')}>
      <View className='sb-card sb-login'>
        <Text className='sb-title' {...(isH5 ? { role: 'heading', 'aria-level': 1 } : {})}>
          {texts.login.title}
        </Text>
        <Text className='sb-muted'>{texts.login.intro}</Text>
        {params.reason === 'expired' && !model.error && (
          <Text className='sb-notice' data-testid='session-ended' {...landmark('status')}>
            {texts.login.sessionEnded}
          </Text>
        )}
        {isH5 ? (
          // A form, so the browser's password manager knows the fields (Enter in a field submits through onConfirm).
          <form
            className='sb-form'
            noValidate
            onSubmit={(e) => {
              e.preventDefault()
              model.submit()
            }}
          >
            {form}
          </form>
        ) : (
          <View className='sb-form'>{form}</View>
        )}
      </View>
    </View>
  )
}
