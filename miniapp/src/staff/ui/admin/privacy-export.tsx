import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { EXPORT_KINDS, exportCounts, exportFileName, exportJson, recordLine, type ExportOutcome, type PrivacyTexts } from '../../model/admin-privacy'
import { saveJsonFile } from '../../platform'

const isH5 = process.env.TARO_ENV === 'h5'

export interface PrivacyExportProps {
  /** The masked identifier the export was asked with. */
  who: string
  result: ExportOutcome
  texts: PrivacyTexts
  time: (iso: string) => string
}

/**
 * An export: how many invitations, responses, tasks and notices, whether the person opted out; the
 * records as readable lines and as the JSON itself (each behind a toggle); the JSON as a file (h5) or
 * on the clipboard (weapp: platform.ts saveJsonFile). A 404 is "no records".
 */
export function PrivacyExport({ who, result, texts: t, time }: PrivacyExportProps) {
  const [records, setRecords] = useState(false)
  const [json, setJson] = useState(false)
  const [saved, setSaved] = useState<'downloaded' | 'copied' | 'failed'>()
  return (
    <View className='sb-card ad-card' data-testid='privacy-export' data-found={result.found} {...(isH5 ? { role: 'region', 'aria-labelledby': 'privacy-export-title' } : {})}>
      <Text id='privacy-export-title' className='sb-card-title' data-testid='privacy-export-title' {...(isH5 ? { role: 'heading', 'aria-level': 2 } : {})}>
        {t.export} · {who}
      </Text>
      {!result.found ? (
        <Text className='sb-muted' data-testid='privacy-no-records'>
          {t.noRecords}
        </Text>
      ) : (
        <>
          <Text className='sb-muted sb-small'>
            {t.exported(time(result.data.exportedAt))} · {t.identifiers(result.data.identifiers)} ·{' '}
            <Text data-testid='privacy-opted-out' data-opted-out={result.data.optedOut}>
              {result.data.optedOut ? t.optedOut : t.notOptedOut}
            </Text>
          </Text>
          <View className='ad-privacy-counts' data-testid='privacy-counts'>
            {exportCounts(result.data).map(({ kind, count }) => (
              <View key={kind} className='ad-privacy-count' data-testid={`privacy-count-${kind}`} data-count={count}>
                <Text className='ad-privacy-number'>{count}</Text>
                <Text className='sb-muted sb-small'>{t.counts[kind]}</Text>
              </View>
            ))}
          </View>
          <View className='ad-actions'>
            <ActionButton kind='primary' onTap={() => void saveJsonFile(exportFileName(result.data), exportJson(result.data)).then(setSaved)} testId='privacy-download'>
              {t.download}
            </ActionButton>
            <ActionButton kind='secondary' onTap={() => setRecords(!records)} testId='privacy-records-toggle'>
              {records ? t.hideRecords : t.showRecords}
            </ActionButton>
            <ActionButton kind='link' onTap={() => setJson(!json)} testId='privacy-json-toggle'>
              {json ? t.hideJson : t.showJson}
            </ActionButton>
          </View>
          <View {...landmark('status')}>
            {saved && (
              <Text className={saved === 'failed' ? 'sb-error' : saved === 'downloaded' ? 'sb-done' : 'sb-notice'} data-testid='privacy-saved' data-saved={saved}>
                {saved === 'downloaded' ? t.downloaded : saved === 'copied' ? t.copiedInstead : t.downloadFailed}
              </Text>
            )}
          </View>
          {records && (
            <View className='ad-privacy-records' data-testid='privacy-records'>
              {EXPORT_KINDS.filter((kind) => result.data[kind].length > 0).map((kind) => (
                <View key={kind} className='ad-privacy-group'>
                  <Text id={`privacy-records-${kind}`} className='ad-group-title' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
                    {t.counts[kind]} ({result.data[kind].length})
                  </Text>
                  <View className='ad-privacy-lines' {...(isH5 ? { role: 'list', 'aria-labelledby': `privacy-records-${kind}` } : {})}>
                    {result.data[kind].map((record, i) => (
                      <Text key={i} className='ad-privacy-line sb-small' data-testid={`privacy-record-${kind}`} {...(isH5 ? { role: 'listitem' } : {})}>
                        {recordLine(kind, record, time)}
                      </Text>
                    ))}
                  </View>
                </View>
              ))}
            </View>
          )}
          {json && (
            <Text className='ad-code ad-privacy-json' selectable data-testid='privacy-json'>
              {exportJson(result.data)}
            </Text>
          )}
        </>
      )}
    </View>
  )
}
