import { Text, View } from '@tarojs/components'
import type { Locale, SurveyDefinition } from '@xinsheng/shared'
import { useState } from 'react'
import { landmark } from '../../../common/a11y'
import { Chips } from '../../../common/controls'
import { usePreviewSurvey } from '../../model/admin-surveys-preview'
import type { SurveyEditorTexts } from '../../model/admin-surveys'
import { SurveyForm } from '../../../survey/ui/survey-form'
import { GroupTitle } from './surveys-fields'

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * The draft as a consumer would see it: the survey's own form (survey/ui/survey-form.tsx) on a model
 * made from the draft (model/admin-surveys-preview.ts). It answers like the survey but sends nothing;
 * it follows every keystroke of the editor, in either language.
 */
export function SurveyPreview({ definition, locale, texts }: { definition: SurveyDefinition; locale: Locale; texts: SurveyEditorTexts }) {
  const [lang, setLang] = useState<Locale>(locale)
  const { model, wouldSend } = usePreviewSurvey(definition, lang, texts.previewStore)
  return (
    <View className='ad-preview' data-testid='survey-preview' {...(isH5 ? { role: 'region', 'aria-labelledby': 'preview-title' } : {})}>
      <GroupTitle id='preview-title'>{texts.preview}</GroupTitle>
      <Text className='sb-muted sb-small'>{texts.previewNote}</Text>
      <Chips
        type='radio'
        name='preview-lang'
        labelledBy='preview-title'
        options={(['zh-CN', 'en'] as const).map((value) => ({ value, label: texts.langs[value], checked: lang === value }))}
        onSelect={setLang}
        testId='preview-lang'
        testPrefix='preview-lang'
      />
      <View className='ad-preview-frame' data-testid='preview-frame' data-lang={lang}>
        <SurveyForm model={model} />
      </View>
      {wouldSend && (
        <Text className='sb-muted sb-small' data-testid='preview-would-send' {...landmark('status')}>
          {texts.previewWouldSend}
        </Text>
      )}
    </View>
  )
}
