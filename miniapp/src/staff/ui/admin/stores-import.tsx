import { Text, View } from '@tarojs/components'
import type { StoreImportResult } from '@xinsheng/shared'
import { useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton, TextEntry } from '../../../common/controls'
import { importStoresCsv, type StoresTexts } from '../../model/admin-stores'
import { csvLineReport, linesWithErrors, type CsvLineReport } from '../../model/admin-stores-csv'
import { SignedOutError } from '../../model/auth'
import { FieldError } from '../fields'
import type { AdminSectionProps } from './section-props'

const isH5 = process.env.TARO_ENV === 'h5'

export interface StoresImportProps extends Pick<AdminSectionProps, 'caller' | 'withToken' | 'describeError'> {
  texts: StoresTexts
  /** After an import that wrote something (the list reloads). */
  onImported: () => void
}

/**
 * The CSV import (`storeId,name,region,timeZone[,staffIds]`): pasted, or on h5 read from a picked
 * file; the server's answer says how many stores were created and updated, and each line it refused
 * is shown as sent with its field and message beside it.
 */
export function StoresImport({ caller, withToken, describeError, texts, onImported }: StoresImportProps) {
  const t = texts.csv
  const [csv, setCsv] = useState('')
  const [picked, setPicked] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const [result, setResult] = useState<{ answer: StoreImportResult; lines: CsvLineReport[] }>()
  const titleId = 'stores-import-title'

  const send = () => {
    if (busy) return
    if (!csv.trim()) return setError(t.empty)
    const sent = csv
    setBusy(true)
    setError(undefined)
    withToken((token) => importStoresCsv(caller, token, sent)).then(
      (answer) => {
        setBusy(false)
        setResult({ answer, lines: linesWithErrors(csvLineReport(sent, answer.errors)) })
        if (answer.created + answer.updated > 0) onImported()
      },
      (failure: unknown) => {
        setBusy(false)
        if (!(failure instanceof SignedOutError)) setError(describeError(failure))
      },
    )
  }

  return (
    <View className='sb-card ad-card' data-testid='stores-import' {...(isH5 ? { role: 'region', 'aria-labelledby': titleId } : {})}>
      <Text id={titleId} className='sb-card-title' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
        {t.title}
      </Text>
      <Text id='stores-csv-hint' className='sb-muted sb-small'>
        {t.hint}
      </Text>
      {isH5 ? (
        <label className='sb-label' htmlFor='stores-csv'>
          {t.label}
        </label>
      ) : (
        <Text className='sb-label'>{t.label}</Text>
      )}
      <TextEntry id='stores-csv' label={t.label} value={csv} onChange={setCsv} multiline rows={6} maxLength={isH5 ? undefined : -1} describedBy='stores-csv-hint' testId='stores-csv' />
      {isH5 && (
        <View className='ad-file'>
          <label className='sb-label' htmlFor='stores-csv-file'>
            {t.pick}
          </label>
          <input
            id='stores-csv-file'
            type='file'
            accept='.csv,text/csv'
            data-testid='stores-csv-file'
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              if (!file) return
              void file.text().then((text) => {
                setCsv(text)
                setPicked(file.name)
              })
            }}
          />
          {picked && <Text className='sb-muted sb-small'>{t.picked(picked)}</Text>}
        </View>
      )}
      <View className='ad-actions'>
        <ActionButton kind='primary' onTap={send} busy={busy} testId='stores-csv-send'>
          {t.send}
        </ActionButton>
      </View>
      {error && <FieldError text={error} testId='stores-import-error' />}
      <View {...landmark('status')}>
        {result && (
          <Text className='ad-strong' data-testid='stores-import-result' data-created={result.answer.created} data-updated={result.answer.updated} data-errors={result.answer.errors.length}>
            {t.result(result.answer.created, result.answer.updated, result.answer.errors.length)}
          </Text>
        )}
      </View>
      {result && result.lines.length > 0 && (
        <View className='ad-csv-lines' data-testid='stores-import-lines' {...(isH5 ? { role: 'list', 'aria-label': t.linesTitle } : {})}>
          {result.lines.map((line) => (
            <View key={line.line} className='ad-csv-line' data-testid='csv-line' data-line={line.line} {...(isH5 ? { role: 'listitem' } : {})}>
              <Text className='ad-csv-no'>{t.lineLabel(line.line)}</Text>
              <Text className='ad-code ad-csv-text' data-testid='csv-line-text'>
                {line.text}
              </Text>
              <View className='ad-csv-errors'>
                {line.errors.map((e) => (
                  <Text key={`${e.field}:${e.message}`} className='sb-error ad-csv-error' data-testid='csv-line-error' data-field={e.field}>
                    {e.field}: {e.message}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
