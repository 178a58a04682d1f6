import { Text, View } from '@tarojs/components'
import type { SurveyDetail, SurveySummary } from '@xinsheng/shared'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { landmark } from '../../../common/a11y'
import { localized } from '../../../common/locale'
import { ActionButton } from '../../../common/controls'
import { auditTime } from '../../model/admin-audit'
import { SignedOutError } from '../../model/auth'
import { apiFieldErrors, type FieldErrors } from '../../model/admin-surveys-fields'
import {
  BANDS,
  addReason,
  editReason,
  formFromDefinition,
  listSurveys,
  previewDefinition,
  publishDraft,
  readSurvey,
  removeReason,
  setCommentLimit,
  setQuestion,
  setText,
  surveyFieldShown,
  surveyTexts,
  validateDraft,
  versionLine,
  type DraftForm,
} from '../../model/admin-surveys'
import { FieldError } from '../fields'
import type { AdminSectionProps } from './section-props'
import { SurveyPreview } from './survey-preview'
import { GroupTitle, LocalizedFields, OtherErrors, PathField, Switches } from './surveys-fields'

const isH5 = process.env.TARO_ENV === 'h5'

/** The brand's surveys: the list, then one survey's versions, its draft editor and the draft's live preview. */
export function SurveysSection({ locale, caller, withToken, describeError }: AdminSectionProps) {
  const t = surveyTexts(locale)
  const [surveys, setSurveys] = useState<SurveySummary[]>()
  const [detail, setDetail] = useState<SurveyDetail>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  /** What the last publish said (the editor starts again from the version it made). */
  const [published, setPublished] = useState<string>()

  const fail = useCallback((e: unknown) => {
    if (!(e instanceof SignedOutError)) setError(describeError(e))
  }, [describeError])

  const loadList = useCallback(() => {
    setError(undefined)
    withToken((token) => listSurveys(caller, token)).then(setSurveys, fail)
  }, [caller, withToken, fail])
  useEffect(loadList, [loadList])

  const open = (surveyId: string) => {
    setBusy(true)
    setError(undefined)
    withToken((token) => readSurvey(caller, token, surveyId))
      .then((d) => {
        setPublished(undefined)
        setDetail(d)
      }, fail)
      .finally(() => setBusy(false))
  }

  return (
    <View className='sb-card ad-card' data-testid='surveys-section'>
      <Text id='surveys-title' className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
        {detail ? `${t.title} · ${localized(detail.latest.title, locale)}` : t.title}
      </Text>
      {error && (
        <Text className='sb-error' data-testid='surveys-error' {...landmark('alert')}>
          {error}
        </Text>
      )}
      {detail ? (
        <SurveyEditor
          key={`${detail.surveyId}:${detail.latest.version}`}
          detail={detail}
          props={{ locale, caller, withToken, describeError }}
          published={published}
          onPublished={(next, note) => {
            setPublished(note)
            setDetail(next)
            loadList()
          }}
          onBack={() => setDetail(undefined)}
        />
      ) : (
        <>
          {surveys?.length === 0 && <Text className='sb-muted sb-empty'>{t.empty}</Text>}
          <View className='ad-rows' data-testid='survey-list' {...(isH5 ? { role: 'list', 'aria-labelledby': 'surveys-title' } : {})}>
            {surveys?.map((s) => (
              <View key={s.surveyId} className='ad-row ad-row-split' data-testid='survey-row' data-survey={s.surveyId} {...(isH5 ? { role: 'listitem' } : {})}>
                <View className='ad-row-main'>
                  <Text className='ad-strong'>{localized(s.title, locale)}</Text>
                  <Text className='sb-muted sb-small'>
                    {s.surveyId} · {t.latest(s.latestVersion)}
                  </Text>
                </View>
                <ActionButton kind='secondary' busy={busy} onTap={() => open(s.surveyId)} testId={`open-survey-${s.surveyId}`}>
                  {`${t.open} ${localized(s.title, locale)}`}
                </ActionButton>
              </View>
            ))}
          </View>
        </>
      )}
    </View>
  )
}

interface EditorProps {
  detail: SurveyDetail
  props: Pick<AdminSectionProps, 'locale' | 'caller' | 'withToken' | 'describeError'>
  /** The last publish's note, shown by the editor of the version it made. */
  published?: string
  onPublished: (detail: SurveyDetail, note: string) => void
  onBack: () => void
}

function SurveyEditor({ detail, props: { locale, caller, withToken, describeError }, published, onPublished, onBack }: EditorProps) {
  const t = surveyTexts(locale)
  const [form, setForm] = useState<DraftForm>(() => formFromDefinition(detail.latest))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(published ? { kind: 'ok', text: published } : undefined)
  const [publishing, setPublishing] = useState(false)
  const preview = useMemo(() => previewDefinition(form, detail.latest), [form, detail.latest])
  const time = (at: string) => auditTime(at, locale)

  const edit = (next: DraftForm) => {
    setForm(next)
    setNotice(undefined)
  }

  const publish = () => {
    const found = validateDraft(form, locale)
    setErrors(found)
    if (Object.keys(found).length) {
      setNotice({ kind: 'error', text: t.invalid })
      return
    }
    setPublishing(true)
    withToken(async (token) => {
      const published = await publishDraft(caller, token, detail.surveyId, form)
      return { published, next: await readSurvey(caller, token, detail.surveyId) }
    })
      .then(({ published: made, next }) => onPublished(next, t.published(made.version)))
      .catch((e: unknown) => {
        if (e instanceof SignedOutError) return
        const fields = apiFieldErrors(e)
        if (fields) setErrors(fields)
        setNotice({ kind: 'error', text: fields ? t.invalid : describeError(e) })
      })
      .finally(() => setPublishing(false))
  }

  const L = (path: string, label: string, value: DraftForm['title'], at: string[]) => (
    <LocalizedFields path={path} label={label} value={value} errors={errors} langs={t.langs} onChange={(lang, v) => edit(setText(form, at, lang, v))} />
  )

  return (
    <View className='ad-survey' data-testid='survey-editor' data-survey={detail.surveyId} data-version={detail.latest.version}>
      <View className='ad-toolbar'>
        <ActionButton kind='link' onTap={onBack} testId='surveys-back'>
          {t.back}
        </ActionButton>
      </View>
      {notice && (
        <Text className={notice.kind === 'ok' ? 'ad-ok' : 'sb-error'} data-testid={notice.kind === 'ok' ? 'publish-ok' : 'publish-error'} {...landmark(notice.kind === 'ok' ? 'status' : 'alert')}>
          {notice.text}
        </Text>
      )}
      <GroupTitle id='versions-title'>{t.versions}</GroupTitle>
      <View className='ad-versions' data-testid='survey-versions' {...(isH5 ? { role: 'list', 'aria-labelledby': 'versions-title' } : {})}>
        {[...detail.versions].reverse().map((v) => (
          <Text key={v.version} className='ad-version sb-small' data-testid='survey-version' data-version={v.version} {...(isH5 ? { role: 'listitem' } : {})}>
            {versionLine(v, locale, time)}
          </Text>
        ))}
      </View>

      <View className='ad-survey-body'>
        <View className='ad-editor' data-testid='draft-editor'>
          <GroupTitle id='editor-title'>{t.editor}</GroupTitle>
          {L('title', t.surveyTitle, form.title, ['title'])}
          {L('nps.question', t.nps.question, form.nps.question, ['nps', 'question'])}
          {L('nps.lowLabel', t.nps.low, form.nps.lowLabel, ['nps', 'lowLabel'])}
          {L('nps.highLabel', t.nps.high, form.nps.highLabel, ['nps', 'highLabel'])}

          {(['csat', 'ces'] as const).map((which) => (
            <View key={which} className='ad-group' data-testid={`${which}-group`}>
              <GroupTitle id={`${which}-title`}>{t[which].question}</GroupTitle>
              <Switches
                labelledBy={`${which}-title`}
                options={[
                  { value: 'on', label: t[which].on, checked: form[which].on },
                  { value: 'required', label: t[which].required, checked: form[which].required },
                ]}
                onToggle={(value) => edit(setQuestion(form, which, value === 'on' ? { on: !form[which].on } : { required: !form[which].required }))}
                testPrefix={which}
              />
              {form[which].on && L(`${which}.question`, t[which].question, form[which].question, [which, 'question'])}
            </View>
          ))}

          {BANDS.map((band) => (
            <View key={band} className='ad-group' data-testid={`reasons-${band}`}>
              <GroupTitle id={`band-${band}`}>{t.bands[band]}</GroupTitle>
              {L(`reasons.question.${band}`, t.reasonQuestion, form.reasons.question[band], ['reasons', 'question', band])}
              {form.reasons[band].length === 0 && <Text className='sb-muted sb-small'>{t.noReasons}</Text>}
              {form.reasons[band].map((reason, i) => (
                <View key={i} className='ad-reason' data-testid='reason-row' data-band={band} data-index={i}>
                  <PathField path={`reasons.${band}.${i}.id`} label={t.reasonId} value={reason.id} errors={errors} onChange={(id) => edit(editReason(form, band, i, { id }))} />
                  <LocalizedFields
                    path={`reasons.${band}.${i}.label`}
                    label={t.reasonLabel}
                    value={reason.label}
                    errors={errors}
                    langs={t.langs}
                    onChange={(lang, label) => edit(editReason(form, band, i, { lang, label }))}
                  />
                  <ActionButton kind='link' onTap={() => edit(removeReason(form, band, i))} testId={`remove-reason-${band}-${i}`}>
                    {t.removeReason(reason.id)}
                  </ActionButton>
                </View>
              ))}
              {errors[`reasons.${band}`] && <FieldError text={errors[`reasons.${band}`]} />}
              <View>
                <ActionButton kind='secondary' onTap={() => edit(addReason(form, band))} testId={`add-reason-${band}`}>
                  {`${t.addReason} · ${t.bands[band]}`}
                </ActionButton>
              </View>
            </View>
          ))}

          <View className='ad-group'>
            <PathField path='comment.maxLength' label={t.commentLimit} value={form.comment.maxLength} errors={errors} onChange={(v) => edit(setCommentLimit(form, v))} />
            {L('comment.placeholder', t.commentPlaceholder, form.comment.placeholder, ['comment', 'placeholder'])}
          </View>

          <OtherErrors errors={errors} shown={surveyFieldShown} testId='publish-other-errors' />
          <View className='ad-actions'>
            <ActionButton kind='primary' busy={publishing} disabled={publishing} onTap={publish} testId='publish-button'>
              {t.publish}
            </ActionButton>
          </View>
        </View>
        <SurveyPreview definition={preview} locale={locale} texts={t} />
      </View>
    </View>
  )
}
