import type { PersonExport } from '@xinsheng/shared'
import { ApiError } from '../../common/api-error'
import type { JsonCaller } from '../../common/http-json'
import {
  countsLine, erasePerson, exportCounts, exportFileName, exportJson, exportPerson, identifierKind, isFinished, maskIdentifier, optInPerson, personLookup,
  pollDelayMs, privacyTexts, readPrivacyRequest, recordLine,
} from './admin-privacy'

const time = (iso: string) => iso.slice(0, 16).replace('T', ' ')

function fakeCaller(answer: unknown | Error): JsonCaller & { calls: unknown[][] } {
  const calls: unknown[][] = []
  return {
    calls,
    call: async (...args: unknown[]) => {
      calls.push(args)
      if (answer instanceof Error) throw answer
      return { status: 200, body: answer, headers: {} } as never
    },
    parse: (schema: { parse(v: unknown): unknown }, res: { body: unknown }) => schema.parse(res.body),
  } as unknown as JsonCaller & { calls: unknown[][] }
}

const person: PersonExport = {
  exportedAt: '2026-12-03T10:15:30.000Z',
  identifiers: 2,
  optedOut: false,
  invitations: [
    { invitationId: 'inv1', kind: 'survey', storeId: 'sh-001', touchpoint: 'in_store', createdAt: '2026-12-01T08:00:00.000Z', status: 'answered', phone: '139****5678' },
    { invitationId: 'inv2', kind: 'survey', storeId: 'sh-001', touchpoint: 'in_store', createdAt: '2026-12-02T08:00:00.000Z', status: 'suppressed', reason: 'opted_out' },
  ],
  responses: [{ responseId: 'r1', storeId: 'sh-001', submittedAt: '2026-12-01T08:05:00.000Z', answers: { nps: 2, comment: '太慢了' } }],
  tasks: [{ taskId: 'r1', storeId: 'sh-001', status: 'resolved', outcome: 'resolved', createdAt: '2026-12-01T08:05:01.000Z' }],
  notices: [
    { invitationId: 'inv1', channel: 'subscribe_message', at: '2026-12-01T08:01:00.000Z', ok: true },
    { taskId: 'r1', kind: 'callback', state: 'sent', at: '2026-12-01T09:00:00.000Z' },
  ],
}

describe('the privacy section model', () => {
  it.each([
    ['phone', '139 1234 5678', { phone: '13912345678' }],
    ['phone', '1391234567', undefined],
    ['phone', '', undefined],
    ['openid', ' oDEV_abcdef ', { openid: 'oDEV_abcdef' }],
    ['openid', 'abc', undefined],
    ['unionid', 'u1234567', { unionid: 'u1234567' }],
  ] as const)('a lookup by %s %p → %p (the shared schema decides)', (kind, value, lookup) => {
    expect(personLookup(kind, value)).toEqual(lookup)
  })

  it('names the person masked, never in full', () => {
    expect(maskIdentifier({ phone: '13912345678' })).toBe('139****5678')
    expect(maskIdentifier({ openid: 'oDEV_abcdef' })).toBe('oDE…ef')
    expect(maskIdentifier({ unionid: 'u12345' })).toBe('…')
    expect(identifierKind({ unionid: 'u12345' })).toBe('unionid')
    expect(identifierKind({ phone: '13912345678' })).toBe('phone')
  })

  it('summarises an export: counts in order, one readable line a record, the file and its name', () => {
    expect(exportCounts(person)).toEqual([
      { kind: 'invitations', count: 2 },
      { kind: 'responses', count: 1 },
      { kind: 'tasks', count: 1 },
      { kind: 'notices', count: 2 },
    ])
    expect(recordLine('invitations', person.invitations[0], time)).toBe('2026-12-01 08:00 · sh-001 · in_store · survey · answered · 139****5678')
    expect(recordLine('invitations', person.invitations[1], time)).toBe('2026-12-02 08:00 · sh-001 · in_store · survey · suppressed · opted_out')
    expect(recordLine('responses', person.responses[0], time)).toBe('2026-12-01 08:05 · sh-001 · NPS 2 · 太慢了')
    expect(recordLine('tasks', person.tasks[0], time)).toBe('2026-12-01 08:05 · sh-001 · resolved · resolved')
    expect(recordLine('notices', person.notices[0], time)).toBe('2026-12-01 08:01 · subscribe_message · ok')
    expect(recordLine('notices', person.notices[1], time)).toBe('2026-12-01 09:00 · callback · sent')
    expect(JSON.parse(exportJson(person))).toEqual(person)
    expect(exportFileName(person)).toBe('xinsheng-export-2026-12-03-10-15-30.json')
  })

  it('polls an erasure until done or failed, a little slower each time', () => {
    expect(isFinished('pending')).toBe(false)
    expect(isFinished('running')).toBe(false)
    expect(isFinished('done')).toBe(true)
    expect(isFinished('failed')).toBe(true)
    expect([0, 1, 5, 50].map(pollDelayMs)).toEqual([2000, 3000, 7000, 15000])
    expect(countsLine({ invitations: 5, responses: 2, tasks: 1, sessions: 1, identifiers: 3 }, privacyTexts('en'))).toBe('invitations 5 · responses 2 · tasks 1 · sessions 1 · identifiers 3')
  })

  it('calls the API with the lookup as the body and parses each answer with the shared schema', async () => {
    const exported = fakeCaller(person)
    await expect(exportPerson(exported, 'tok', { phone: '13912345678' })).resolves.toEqual({ found: true, data: person })
    expect(exported.calls[0]).toEqual(['POST', '/v1/admin/privacy/export', 'tok', { phone: '13912345678' }])

    const erased = fakeCaller({ requestId: '01JE0000000000000000000000', status: 'pending' })
    await expect(erasePerson(erased, 'tok', { openid: 'oDEV_abcdef' })).resolves.toEqual({ requestId: '01JE0000000000000000000000', status: 'pending' })
    expect(erased.calls[0]).toEqual(['POST', '/v1/admin/privacy/erase', 'tok', { openid: 'oDEV_abcdef' }])

    const status = fakeCaller({ requestId: '01JE0000000000000000000000', kind: 'erase', status: 'done', createdAt: '2026-12-03T10:00:00.000Z', finishedAt: '2026-12-03T10:01:00.000Z', counts: { invitations: 1, responses: 1, tasks: 0, sessions: 0, identifiers: 1 } })
    await expect(readPrivacyRequest(status, 'tok', '01JE0000000000000000000000')).resolves.toMatchObject({ status: 'done', counts: { invitations: 1 } })
    expect(status.calls[0].slice(0, 2)).toEqual(['GET', '/v1/admin/privacy/requests/01JE0000000000000000000000'])

    const optedIn = fakeCaller({ optedIn: true, identifiers: 1 })
    await expect(optInPerson(optedIn, 'tok', { unionid: 'u1234567' })).resolves.toEqual({ optedIn: true, identifiers: 1 })
    expect(optedIn.calls[0]).toEqual(['POST', '/v1/admin/privacy/opt-in', 'tok', { unionid: 'u1234567' }])

    await expect(readPrivacyRequest(fakeCaller({ status: 'finished' }), 'tok', 'x')).rejects.toThrow()
  })

  it('reads a 404 as "no records"; any other failure is thrown', async () => {
    await expect(exportPerson(fakeCaller(new ApiError('http', 'no records of such a person', { status: 404, code: 'not_found' })), 'tok', { phone: '13912345678' })).resolves.toEqual({ found: false })
    await expect(exportPerson(fakeCaller(new ApiError('http', 'forbidden', { status: 403 })), 'tok', { phone: '13912345678' })).rejects.toThrow('forbidden')
    await expect(exportPerson(fakeCaller(new ApiError('network', 'no answer')), 'tok', { phone: '13912345678' })).rejects.toThrow('no answer')
  })

  it('has every text in both languages', () => {
    const zh = privacyTexts('zh-CN')
    const en = privacyTexts('en')
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort())
    expect(zh.eraseConfirm).toHaveLength(en.eraseConfirm.length)
    expect(en.optedIn(1)).toBe('Opted back in (1 identifier).')
  })
})
