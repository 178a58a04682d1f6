import type { HttpRequest } from '../../common/ports'
import { createJsonCaller } from '../../common/http-json'
import { importStoresCsv, overrideCount, readStoresPage, storesTexts, STORE_SEARCH_PAGE_SIZE } from './admin-stores'

function recordingCaller(answer: unknown) {
  const sent: HttpRequest[] = []
  const caller = createJsonCaller({ baseUrl: 'http://api/', timeoutMs: 1000, transport: async (request) => (sent.push(request), { status: 200, headers: {}, body: answer }) })
  return { caller, sent }
}

describe('the stores section’s calls', () => {
  it('searches on the server (q over id, name and region), larger pages, with the cursor', async () => {
    const { caller, sent } = recordingCaller({ items: [], nextCursor: null })
    await readStoresPage(caller, 't', { q: ' 国贸 ', cursor: 'c/1' })
    expect(sent[0].url).toBe(`http://api/v1/admin/stores?limit=${STORE_SEARCH_PAGE_SIZE}&q=${encodeURIComponent('国贸')}&cursor=c%2F1`)
    await readStoresPage(caller, 't', { q: '  ' })
    expect(sent[1].url).toBe('http://api/v1/admin/stores?limit=50')
  })

  it('sends the CSV as text/csv, as typed, and parses the report', async () => {
    const { caller, sent } = recordingCaller({ created: 1, updated: 0, errors: [{ line: 3, field: 'timeZone', message: 'x' }] })
    const csv = 'storeId,name,region,timeZone\na,"店,一",north,UTC\n'
    expect(await importStoresCsv(caller, 't', csv)).toEqual({ created: 1, updated: 0, errors: [{ line: 3, field: 'timeZone', message: 'x' }] })
    expect(sent[0]).toMatchObject({ method: 'POST', text: csv, body: undefined, headers: { 'content-type': 'text/csv; charset=utf-8', authorization: 'Bearer t' } })
  })

  it('refuses an answer off the contract', async () => {
    const { caller } = recordingCaller({ items: [{ storeId: 'x' }], nextCursor: null })
    await expect(readStoresPage(caller, 't', {})).rejects.toMatchObject({ kind: 'invalid-response' })
  })

  it('counts overrides and has both languages', () => {
    expect(overrideCount({ policy: { fatigueDays: 3, quietHours: null } })).toBe(2)
    expect(storesTexts('en').overrides(0)).toBe('Brand policy')
    expect(storesTexts('zh-CN').title).toBe('门店')
  })
})
