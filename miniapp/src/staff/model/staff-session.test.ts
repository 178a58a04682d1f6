import { memoryStorage } from '../../common/ports'
import { STORAGE_KEYS } from '../../common/storage-keys'
import { loginFixture } from './testing/fixtures'
import { createStaffSessionStore } from './staff-session'

describe('staff session store', () => {
  const now = () => Date.parse('2026-11-23T00:00:00.000Z')

  it('keeps the login answer in storage and reads it back', async () => {
    const storage = memoryStorage()
    const store = createStaffSessionStore(storage, { now })
    await store.save(loginFixture())
    expect(JSON.parse(storage.data.get(STORAGE_KEYS.staffSession)!)).toMatchObject({ token: 'token-agent.east' })
    await expect(store.load()).resolves.toEqual(loginFixture())
    await store.clear()
    await expect(store.load()).resolves.toBeUndefined()
  })

  it('forgets a token that has expired or is about to', async () => {
    const storage = memoryStorage()
    const store = createStaffSessionStore(storage, { now, marginMs: 60_000 })
    await store.save(loginFixture('agent', { expiresAt: '2026-11-23T00:00:30.000Z' }))
    await expect(store.load()).resolves.toBeUndefined()
    expect(storage.data.has(STORAGE_KEYS.staffSession)).toBe(false)
  })

  it('ignores what is not a session', async () => {
    for (const raw of ['not json', '{"token":"x"}', 'null']) {
      const store = createStaffSessionStore(memoryStorage({ [STORAGE_KEYS.staffSession]: raw }), { now })
      await expect(store.load()).resolves.toBeUndefined()
    }
  })
})
