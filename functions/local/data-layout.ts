import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The layout of the rows `npm start` keeps in its database folder (.data/dynamodb), as a number in a
 * `LAYOUT` file beside it. A change to what the stream writes for rows that already exist is one the
 * old data cannot follow: it would be read half in the old layout and half in the new. Such a change
 * raises the number, and the next `npm start` puts the old folder aside (renamed, not deleted) and
 * seeds a fresh demo.
 *   1 (no file) — day, month and league rows
 *   2 — the brand's week rows (`W#<Monday>`: a week begun under layout 1 would read short)
 *   3 — the brand's week rows hold every counter, later events' too (the loop and outcomes read them)
 */
export const DATA_LAYOUT = 3;

const LAYOUT_FILE = 'LAYOUT';

export type LayoutCheck = { kind: 'fresh' } | { kind: 'current' } | { kind: 'set-aside'; movedTo: string; layout: number };

/**
 * Makes `dataDir` hold data of the current layout: an empty or missing folder is fresh, a folder
 * stamped with DATA_LAYOUT is kept, any other is renamed to `<dataDir>.layout-<n>-<time>`. The folder
 * is stamped either way (call it before the database starts).
 */
export function ensureDataLayout(dataDir: string, now = new Date()): LayoutCheck {
  const stamp = join(dataDir, LAYOUT_FILE);
  const held = existsSync(dataDir) ? readdirSync(dataDir).filter((name) => name !== LAYOUT_FILE) : [];
  let check: LayoutCheck = { kind: 'fresh' };
  if (held.length) {
    const layout = existsSync(stamp) ? Number(readFileSync(stamp, 'utf8').trim()) || 1 : 1;
    if (layout === DATA_LAYOUT) return { kind: 'current' };
    const movedTo = `${dataDir}.layout-${layout}-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, movedTo);
    check = { kind: 'set-aside', movedTo, layout };
  }
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(stamp, `${DATA_LAYOUT}\n`);
  return check;
}
