import { REDACTED, redactSecrets } from './audit';

describe('redactSecrets', () => {
  test('replaces secret, sealed, hashed and password attributes at any depth, keeps the rest', () => {
    const before = { keyId: 'k1', secret: 's3cr3t', secretSealed: 'v1.abc', nested: [{ passwordHash: 'x', name: 'n' }], token: 't', n: 3 };
    expect(redactSecrets(before)).toEqual({
      keyId: 'k1',
      secret: REDACTED,
      secretSealed: REDACTED,
      nested: [{ passwordHash: REDACTED, name: 'n' }],
      token: REDACTED,
      n: 3,
    });
    expect(JSON.stringify(redactSecrets(before))).not.toMatch(/s3cr3t|v1\.abc/);
  });
  test('leaves scalars and null alone', () => {
    expect(redactSecrets(null)).toBeNull();
    expect(redactSecrets('a')).toBe('a');
  });
});
