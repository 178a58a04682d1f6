import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_LAYOUT, ensureDataLayout } from './data-layout';

describe("npm start's data folder and its layout", () => {
  const base = () => mkdtempSync(join(tmpdir(), 'xs-layout-'));

  test('a missing or empty folder is fresh, and stamped', () => {
    const dir = join(base(), 'dynamodb');
    expect(ensureDataLayout(dir)).toEqual({ kind: 'fresh' });
    expect(readFileSync(join(dir, 'LAYOUT'), 'utf8').trim()).toBe(String(DATA_LAYOUT));
    expect(ensureDataLayout(dir)).toEqual({ kind: 'fresh' }); // stamped, and still empty
  });

  test('data of the current layout is kept', () => {
    const dir = join(base(), 'dynamodb');
    ensureDataLayout(dir);
    writeFileSync(join(dir, 'shared-local-instance.db'), 'rows');
    expect(ensureDataLayout(dir)).toEqual({ kind: 'current' });
    expect(readFileSync(join(dir, 'shared-local-instance.db'), 'utf8')).toBe('rows');
  });

  test.each([['no stamp (layout 1)', undefined, 1], ['an older stamp', '1', 1], ['a newer one (a checkout went back)', String(DATA_LAYOUT + 1), DATA_LAYOUT + 1]])(
    'data with %s is set aside whole, not deleted, and the folder starts fresh',
    (_, stamp, layout) => {
      const dir = join(base(), 'dynamodb');
      ensureDataLayout(dir);
      writeFileSync(join(dir, 'shared-local-instance.db'), 'old rows');
      if (stamp === undefined) rmSync(join(dir, 'LAYOUT'));
      else writeFileSync(join(dir, 'LAYOUT'), stamp);
      const check = ensureDataLayout(dir, new Date('2026-12-05T23:40:00Z'));
      expect(check).toEqual({ kind: 'set-aside', layout, movedTo: `${dir}.layout-${layout}-2026-12-05T23-40-00-000Z` });
      expect(readFileSync(join(`${dir}.layout-${layout}-2026-12-05T23-40-00-000Z`, 'shared-local-instance.db'), 'utf8')).toBe('old rows');
      expect(existsSync(join(dir, 'shared-local-instance.db'))).toBe(false);
      expect(readFileSync(join(dir, 'LAYOUT'), 'utf8').trim()).toBe(String(DATA_LAYOUT));
    },
  );
});
