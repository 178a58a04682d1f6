import { inScope } from './scope';
import { hashPassword, verifyPassword } from './passwords';

describe('inScope', () => {
  const task = { brandId: 'b', region: 'east', storeId: 'sh-001' };
  const staff = (scope: Partial<{ allRegions: boolean; regions: string[]; stores: string[] }>, brandId = 'b') => ({
    brandId,
    scope: { allRegions: false, regions: [], stores: [], ...scope },
  });
  test.each([
    ['its region', staff({ regions: ['east'] }), true],
    ['another region', staff({ regions: ['south'] }), false],
    ['its store', staff({ stores: ['sh-001'] }), true],
    ['another store of the region', staff({ stores: ['hz-001'] }), false],
    ['all regions', staff({ allRegions: true }), true],
    ['all regions of another brand', staff({ allRegions: true }, 'other'), false],
    ['no scope at all', staff({}), false],
  ])('%s', (_name, who, expected) => expect(inScope(who, task)).toBe(expected));
});

describe('passwords', () => {
  test('scrypt hash verifies the right password only, and is salted', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('Correct horse', a)).toBe(false);
    expect(await verifyPassword('correct horse', 'plain')).toBe(false);
  });
});
