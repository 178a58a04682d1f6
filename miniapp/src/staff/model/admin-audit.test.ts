import { auditChanges, auditTexts } from './admin-audit'

describe('the audit log view', () => {
  it('lists only the attributes that changed, before → after', () => {
    expect(auditChanges({ before: { name: '南山店', region: 'south', timeZone: 'Asia/Shanghai' }, after: { name: '南山旗舰店', region: 'south', timeZone: 'Asia/Shanghai' } })).toEqual(['name: 南山店 → 南山旗舰店'])
  })

  it('shows a creation and a removal with a dash on the empty side', () => {
    expect(auditChanges({ before: null, after: { keyId: 'k1' } })).toEqual(['keyId: — → k1'])
    expect(auditChanges({ before: { revokedAt: null }, after: { revokedAt: '2026-12-01T00:00:00.000Z' } })).toEqual(['revokedAt: null → 2026-12-01T00:00:00.000Z'])
  })

  it('keeps nested values readable and secrets as the server redacted them', () => {
    expect(auditChanges({ before: { policy: { delayMinutes: 60 } }, after: { policy: { delayMinutes: 30 }, secret: '[redacted]' } })).toEqual(['policy: {"delayMinutes":60} → {"delayMinutes":30}', 'secret: — → [redacted]'])
  })

  it('has its texts in both languages', () => {
    expect(auditTexts('en').title).toBe('Audit log')
    expect(auditTexts('zh-CN').title).toBe('审计日志')
  })
})
