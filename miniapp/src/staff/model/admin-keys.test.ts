import { canIssue, keysTexts, keyTime, MAX_LIVE_KEYS, sortKeys } from './admin-keys'

const key = (keyId: string, createdAt: string, revokedAt: string | null = null) => ({ keyId, createdAt, lastUsedAt: null, revokedAt })

describe('a store’s keys', () => {
  it('lists live keys first, newest first', () => {
    const keys = [key('old', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'), key('a', '2026-03-01T00:00:00.000Z'), key('b', '2026-04-01T00:00:00.000Z')]
    expect(sortKeys(keys).map((k) => k.keyId)).toEqual(['b', 'a', 'old'])
  })

  it('allows a second live key for rotation, not a third', () => {
    expect(MAX_LIVE_KEYS).toBe(2)
    expect(canIssue([])).toBe(true)
    expect(canIssue([key('a', '2026-01-01T00:00:00.000Z')])).toBe(true)
    expect(canIssue([key('a', '2026-01-01T00:00:00.000Z'), key('b', '2026-01-02T00:00:00.000Z')])).toBe(false)
    expect(canIssue([key('a', '2026-01-01T00:00:00.000Z'), key('b', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z')])).toBe(true)
  })

  it('says never for a key not used yet, and warns the secret is shown once in both languages', () => {
    expect(keyTime(null, '—')).toBe('—')
    expect(keyTime('2026-01-01T00:00:00.000Z', '—')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(keysTexts('en').secret.warning).toMatch(/shown this once/)
    expect(keysTexts('zh-CN').secret.warning).toMatch(/只显示这一次/)
  })
})
