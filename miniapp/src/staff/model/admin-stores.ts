import { ZStoreImportResult, ZStoreList, ZStoreView, type Locale, type StoreCreateRequest, type StoreImportResult, type StoreList, type StoreUpdateRequest, type StoreView } from '@xinsheng/shared'
import type { JsonCaller } from '../../common/http-json'

/**
 * The stores section's calls (DESIGN.md "Brand admin → API"), each answer parsed with its shared
 * schema, and its texts. No Taro here.
 *
 * The search is the server's: `q` goes to `GET /v1/admin/stores`, which matches part of a store's
 * id or name (any case) or of its region id over all the brand's stores, a page at a time. (The
 * server filters each page of its Query after reading it, so a page may hold fewer matches than
 * its size while more follow: the list says so and offers the next page.)
 */
export const STORE_PAGE_SIZE = 50
/** A search reads larger pages, so that matches spread over many stores come in fewer rounds. */
export const STORE_SEARCH_PAGE_SIZE = 200

export async function readStoresPage(caller: JsonCaller, token: string, query: { q?: string; cursor?: string }): Promise<StoreList> {
  const q = query.q?.trim()
  const params = [`limit=${q ? STORE_SEARCH_PAGE_SIZE : STORE_PAGE_SIZE}`, ...(q ? [`q=${encodeURIComponent(q)}`] : []), ...(query.cursor ? [`cursor=${encodeURIComponent(query.cursor)}`] : [])]
  return caller.parse(ZStoreList, await caller.call('GET', `/v1/admin/stores?${params.join('&')}`, token), 'GET /v1/admin/stores')
}

export async function createStore(caller: JsonCaller, token: string, body: StoreCreateRequest): Promise<StoreView> {
  return caller.parse(ZStoreView, await caller.call('POST', '/v1/admin/stores', token, body), 'POST /v1/admin/stores')
}

export async function updateStore(caller: JsonCaller, token: string, storeId: string, body: StoreUpdateRequest): Promise<StoreView> {
  return caller.parse(ZStoreView, await caller.call('PUT', `/v1/admin/stores/${encodeURIComponent(storeId)}`, token, body), 'PUT /v1/admin/stores/{storeId}')
}

/** `POST /v1/admin/stores/import` with the file as typed or picked (text/csv). */
export async function importStoresCsv(caller: JsonCaller, token: string, csv: string): Promise<StoreImportResult> {
  return caller.parse(ZStoreImportResult, await caller.callText('POST', '/v1/admin/stores/import', token, 'text/csv; charset=utf-8', csv), 'POST /v1/admin/stores/import')
}

export interface StoresTexts {
  title: string
  searchLabel: string
  searchHint: string
  search: string
  clearSearch: string
  /** The search the list shows (server-side, over every store of the brand). */
  searching: (q: string) => string
  empty: string
  noMatch: (q: string) => string
  /** A searched page held no (more) matches but more stores follow. */
  moreMayMatch: string
  loadMore: string
  newStore: string
  edit: string
  keys: string
  staffCount: (n: number) => string
  overrides: (n: number) => string
  form: {
    createTitle: string
    editTitle: (storeId: string) => string
    storeId: string
    name: string
    region: string
    timeZone: string
    timeZoneHint: string
    staffIds: string
    staffIdsHint: string
    policyTitle: string
    policyHint: string
    sendDelayMinutes: string
    fatigueDays: string
    invitationTtlDays: string
    quietHours: string
    quietInherit: string
    quietNone: string
    quietSet: string
    quietStart: string
    quietEnd: string
    notANumber: string
    save: string
    create: string
    cancel: string
    saved: (storeId: string) => string
    created: (storeId: string) => string
  }
  csv: {
    title: string
    hint: string
    label: string
    pick: string
    picked: (name: string) => string
    send: string
    result: (created: number, updated: number, errors: number) => string
    linesTitle: string
    lineLabel: (line: number) => string
    empty: string
  }
}

const zhCN: StoresTexts = {
  title: '门店',
  searchLabel: '搜索门店',
  searchHint: '门店编号、名称或区域，在全部门店中查找',
  search: '搜索',
  clearSearch: '清除搜索',
  searching: (q) => `“${q}”的搜索结果（全部门店）`,
  empty: '还没有门店。',
  noMatch: (q) => `没有找到与“${q}”相符的门店。`,
  moreMayMatch: '已查看的门店中没有更多相符的，后面还有门店。',
  loadMore: '加载更多',
  newStore: '新建门店',
  edit: '编辑',
  keys: '密钥',
  staffCount: (n) => `${n} 名员工`,
  overrides: (n) => (n ? `${n} 项策略覆盖` : '沿用品牌策略'),
  form: {
    createTitle: '新建门店',
    editTitle: (storeId) => `编辑门店 ${storeId}`,
    storeId: '门店编号',
    name: '名称',
    region: '区域编号',
    timeZone: '时区',
    timeZoneHint: 'IANA 时区，如 Asia/Shanghai',
    staffIds: '员工编号',
    staffIdsHint: '以空格、逗号或分号分隔',
    policyTitle: '触达策略覆盖',
    policyHint: '留空则沿用品牌的设置',
    sendDelayMinutes: '发送延迟（分钟）',
    fatigueDays: '打扰间隔（天）',
    invitationTtlDays: '邀请有效期（天）',
    quietHours: '免打扰时段',
    quietInherit: '沿用品牌',
    quietNone: '不设免打扰',
    quietSet: '设为',
    quietStart: '开始（HH:mm）',
    quietEnd: '结束（HH:mm）',
    notANumber: '请填整数',
    save: '保存',
    create: '创建门店',
    cancel: '取消',
    saved: (storeId) => `已保存 ${storeId}。`,
    created: (storeId) => `已创建 ${storeId}，可以为它签发密钥。`,
  },
  csv: {
    title: '批量导入（CSV）',
    hint: '首行为表头：storeId,name,region,timeZone[,staffIds]；编号已存在的门店会被更新，有错的行不会写入。',
    label: 'CSV 内容',
    pick: '选择 CSV 文件',
    picked: (name) => `已读入 ${name}`,
    send: '导入',
    result: (created, updated, errors) => `新建 ${created} 家，更新 ${updated} 家，${errors} 处错误。`,
    linesTitle: '逐行结果',
    lineLabel: (line) => `第 ${line} 行`,
    empty: '请先粘贴或选择 CSV。',
  },
}

const en: StoresTexts = {
  title: 'Stores',
  searchLabel: 'Search stores',
  searchHint: 'Store id, name or region, across all stores',
  search: 'Search',
  clearSearch: 'Clear search',
  searching: (q) => `Stores matching “${q}” (all stores)`,
  empty: 'No stores yet.',
  noMatch: (q) => `No store matches “${q}”.`,
  moreMayMatch: 'No more matches among the stores read so far; more stores follow.',
  loadMore: 'Load more',
  newStore: 'New store',
  edit: 'Edit',
  keys: 'Keys',
  staffCount: (n) => `${n} staff`,
  overrides: (n) => (n ? `${n} policy override${n === 1 ? '' : 's'}` : 'Brand policy'),
  form: {
    createTitle: 'New store',
    editTitle: (storeId) => `Edit store ${storeId}`,
    storeId: 'Store id',
    name: 'Name',
    region: 'Region id',
    timeZone: 'Time zone',
    timeZoneHint: 'An IANA time zone, e.g. Asia/Shanghai',
    staffIds: 'Staff ids',
    staffIdsHint: 'Separated by spaces, commas or semicolons',
    policyTitle: 'Contact policy overrides',
    policyHint: 'Leave a field empty to keep the brand’s setting',
    sendDelayMinutes: 'Send delay (minutes)',
    fatigueDays: 'Fatigue (days)',
    invitationTtlDays: 'Invitation lifetime (days)',
    quietHours: 'Quiet hours',
    quietInherit: 'As the brand',
    quietNone: 'None',
    quietSet: 'From – to',
    quietStart: 'Start (HH:mm)',
    quietEnd: 'End (HH:mm)',
    notANumber: 'a whole number',
    save: 'Save',
    create: 'Create store',
    cancel: 'Cancel',
    saved: (storeId) => `Saved ${storeId}.`,
    created: (storeId) => `Created ${storeId}; you can issue its key now.`,
  },
  csv: {
    title: 'Import (CSV)',
    hint: 'Header first: storeId,name,region,timeZone[,staffIds]. A store whose id exists is updated; a line with an error is not written.',
    label: 'CSV text',
    pick: 'Choose a CSV file',
    picked: (name) => `Read ${name}`,
    send: 'Import',
    result: (created, updated, errors) => `${created} created, ${updated} updated, ${errors} error${errors === 1 ? '' : 's'}.`,
    linesTitle: 'Line by line',
    lineLabel: (line) => `Line ${line}`,
    empty: 'Paste or choose a CSV first.',
  },
}

export const storesTexts = (locale: Locale): StoresTexts => (locale === 'en' ? en : zhCN)

/** How many of the contact policy's settings a store overrides. */
export const overrideCount = (store: Pick<StoreView, 'policy'>): number => Object.values(store.policy).filter((v) => v !== undefined).length
