import { createDraftStore, invitationIdOf, type Draft } from './draft-store'
import { memoryStorage } from '../../common/ports'
import { INVITATION_TOKEN } from '../../common/testing/fixtures'

const draft: Draft = {
  version: 1,
  clientResponseId: 'abcdefghijklmnopqrstuv',
  answers: { nps: 3, csat: 2, reasons: ['long_wait'], comment: '排队太久' },
  pending: true,
  updatedAt: 1,
}

describe('draft store', () => {
  it('keeps a draft per invitation, keyed by the id and never by the secret', async () => {
    const storage = memoryStorage()
    const drafts = createDraftStore(storage)
    await drafts.save(INVITATION_TOKEN, draft)
    expect([...storage.data.keys()]).toEqual([`xinsheng:draft:${invitationIdOf(INVITATION_TOKEN)}`])
    expect([...storage.data.keys()][0]).not.toContain(INVITATION_TOKEN.split('.')[1])
    expect(await drafts.load(INVITATION_TOKEN)).toEqual(draft)
    await drafts.remove(INVITATION_TOKEN)
    expect(await drafts.load(INVITATION_TOKEN)).toBeUndefined()
  })

  it('drops what it cannot read instead of failing the page', async () => {
    const key = `xinsheng:draft:${invitationIdOf(INVITATION_TOKEN)}`
    for (const raw of ['{not json', JSON.stringify({ ...draft, answers: { ...draft.answers, nps: 11 } }), JSON.stringify({ ...draft, version: 2 })]) {
      const drafts = createDraftStore(memoryStorage({ [key]: raw }))
      expect(await drafts.load(INVITATION_TOKEN)).toBeUndefined()
    }
  })
})
