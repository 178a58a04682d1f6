import { Text, View } from '@tarojs/components'
import type { StoreView } from '@xinsheng/shared'
import { useCallback, useState } from 'react'
import { landmark } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import { overrideCount, readStoresPage, storesTexts } from '../../model/admin-stores'
import { useAdminList } from '../../model/use-admin-list'
import { KeysPanel } from './keys-panel'
import type { AdminSectionProps } from './section-props'
import { AdminField, ListHead, MoreButton } from './stores-fields'
import { StoreFormView } from './stores-form'
import { StoresImport } from './stores-import'

const isH5 = process.env.TARO_ENV === 'h5'

type Panel = { kind: 'create' } | { kind: 'edit'; store: StoreView } | { kind: 'keys'; storeId: string }

/**
 * Stores and their keys: the brand's stores a page at a time, searched on the server (id, name or
 * region: GET /v1/admin/stores?q=), a form to create or edit one, its keys, and the CSV import. The
 * list sits on the left at ≥ 1024 px with the open panel beside it; on a phone the panel comes first.
 */
export function StoresSection({ locale, caller, withToken, describeError }: AdminSectionProps) {
  const t = storesTexts(locale)
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [panel, setPanel] = useState<Panel>()
  const [notice, setNotice] = useState<string>()
  const load = useCallback((cursor?: string) => withToken((token) => readStoresPage(caller, token, { q, cursor })), [caller, withToken, q])
  const list = useAdminList(load, describeError)
  const titleId = 'stores-title'
  const search = () => setQ(typed.trim())
  const open = (next: Panel | undefined) => {
    setNotice(undefined)
    setPanel(next)
  }
  const common = { caller, withToken, describeError }

  return (
    <View className='ad-stores' data-testid='stores-section'>
      <View className='ad-split'>
        <View className='sb-card ad-card ad-split-main'>
          <ListHead titleId={titleId} title={t.title} action={t.newStore} onAction={() => open({ kind: 'create' })} actionTestId='store-new' />
          <View className='ad-search' {...landmark('region', t.searchLabel)}>
            <AdminField id='stores-search' label={t.searchLabel} hint={t.searchHint} value={typed} onChange={setTyped} maxLength={64} onConfirm={search} testId='stores-search' />
            <View className='ad-actions'>
              <ActionButton kind='secondary' onTap={search} testId='stores-search-go'>
                {t.search}
              </ActionButton>
              {q && (
                <ActionButton
                  kind='link'
                  onTap={() => {
                    setTyped('')
                    setQ('')
                  }}
                  testId='stores-search-clear'
                >
                  {t.clearSearch}
                </ActionButton>
              )}
            </View>
          </View>
          <View {...landmark('status')}>
            {q && (
              <Text className='sb-muted sb-small' data-testid='stores-searching'>
                {t.searching(q)}
              </Text>
            )}
            {notice && (
              <Text className='sb-done' data-testid='stores-notice'>
                {notice}
              </Text>
            )}
          </View>
          {list.error && (
            <Text className='sb-error' data-testid='stores-error' {...landmark('alert')}>
              {list.error}
            </Text>
          )}
          {!list.loading && !list.error && list.items.length === 0 && !list.hasMore && <Text className='sb-muted sb-empty'>{q ? t.noMatch(q) : t.empty}</Text>}
          <View className='ad-rows' data-testid='stores-list' data-busy={list.loading} {...(isH5 ? { role: 'list', 'aria-labelledby': titleId } : {})}>
            {list.items.map((store) => (
              <View key={store.storeId} className={`ad-row${panel && panel.kind !== 'create' && (panel.kind === 'edit' ? panel.store.storeId : panel.storeId) === store.storeId ? ' is-selected' : ''}`} data-testid='store-row' data-store={store.storeId} {...(isH5 ? { role: 'listitem' } : {})}>
                <View className='ad-row-line'>
                  <Text className='ad-strong'>{store.name}</Text>
                  <Text className='ad-code sb-small'>{store.storeId}</Text>
                </View>
                <Text className='sb-muted sb-small'>
                  {store.region} · {store.timeZone} · {t.staffCount(store.staffIds.length)} · {t.overrides(overrideCount(store))}
                </Text>
                <View className='ad-actions'>
                  <ActionButton kind='secondary' onTap={() => open({ kind: 'edit', store })} testId='store-edit'>
                    {t.edit}
                  </ActionButton>
                  <ActionButton kind='secondary' onTap={() => open({ kind: 'keys', storeId: store.storeId })} testId='store-keys'>
                    {t.keys}
                  </ActionButton>
                </View>
              </View>
            ))}
          </View>
          {q && list.hasMore && !list.loading && <Text className='sb-muted sb-small'>{t.moreMayMatch}</Text>}
          <MoreButton list={list} label={t.loadMore} testId='stores-more' />
        </View>
        {panel && (
          <View className='ad-split-side'>
            {panel.kind === 'keys' ? (
              <KeysPanel key={panel.storeId} {...common} locale={locale} storeId={panel.storeId} onClose={() => open(undefined)} />
            ) : (
              <StoreFormView
                key={panel.kind === 'edit' ? panel.store.storeId : 'new'}
                {...common}
                texts={t}
                store={panel.kind === 'edit' ? panel.store : undefined}
                onCancel={() => open(undefined)}
                onSaved={(store, created) => {
                  list.reload()
                  // A new store's next step is its key.
                  setPanel(created ? { kind: 'keys', storeId: store.storeId } : undefined)
                  setNotice(created ? t.form.created(store.storeId) : t.form.saved(store.storeId))
                }}
              />
            )}
          </View>
        )}
      </View>
      <StoresImport {...common} texts={t} onImported={list.reload} />
    </View>
  )
}
