import { createFetchTransport } from './fetch-transport'

function fakeFetch(status: number, text: string, headers: Record<string, string> = {}) {
  return jest.fn(async (_url: string, _init?: RequestInit) => ({
    status,
    text: async () => text,
    headers: { forEach: (fn: (value: string, name: string) => void) => Object.entries(headers).forEach(([n, v]) => fn(v, n)) },
  })) as unknown as jest.Mock & typeof fetch
}

describe('fetch transport', () => {
  it('sends JSON without cookies and reads JSON back with lower-case headers', async () => {
    const fetchImpl = fakeFetch(201, '{"responseId":"r"}', { 'Retry-After': '3' })
    const response = await createFetchTransport(fetchImpl)({ method: 'POST', url: 'http://x/v1/responses', headers: { a: 'b' }, body: { nps: 3 }, timeoutMs: 1000 })
    expect(response).toEqual({ status: 201, headers: { 'retry-after': '3' }, body: { responseId: 'r' } })
    const [, init] = fetchImpl.mock.calls[0]
    expect(init).toMatchObject({ method: 'POST', body: '{"nps":3}', credentials: 'omit' })
  })

  it('sends a text body as is (a CSV file), not as JSON', async () => {
    const fetchImpl = fakeFetch(200, '{}')
    await createFetchTransport(fetchImpl)({ method: 'POST', url: 'http://x/v1/admin/stores/import', headers: { 'content-type': 'text/csv' }, text: 'storeId,name\n"a,b",c\n', timeoutMs: 1000 })
    expect(fetchImpl.mock.calls[0][1]).toMatchObject({ method: 'POST', body: 'storeId,name\n"a,b",c\n' })
  })

  it('resolves an HTTP error with an HTML body as that status', async () => {
    const response = await createFetchTransport(fakeFetch(502, '<html>bad gateway</html>'))({ method: 'GET', url: 'http://x', headers: {}, timeoutMs: 1000 })
    expect(response).toMatchObject({ status: 502, body: undefined })
  })

  it('gives up after the timeout', async () => {
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch
    await expect(createFetchTransport(hanging)({ method: 'GET', url: 'http://x', headers: {}, timeoutMs: 10 })).rejects.toThrow('aborted')
  })
})
