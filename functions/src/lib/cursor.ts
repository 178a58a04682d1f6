import { z } from 'zod';
import { badRequest } from './errors';

/**
 * Opaque paging cursors: a DynamoDB LastEvaluatedKey as base64url JSON. A cursor only resumes the
 * list it came from: `expect` checks the attributes that pin it to that partition (e.g. the brand's
 * pk) and `present` the others it must have, so a hand-made cursor cannot read another brand's items; anything else is a 400 naming `cursor`.
 */
const ZKey = z.record(z.string(), z.string());
const invalidCursor = () => badRequest('the cursor is invalid', [{ path: ['query', 'cursor'], message: 'not a cursor from this list' }]);

export const encodeCursor = (key: Record<string, string> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

export function decodeCursor(cursor: string | undefined, expect: Record<string, string>, present: string[] = []): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  let key: Record<string, string>;
  try {
    key = ZKey.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw invalidCursor();
  }
  for (const [name, value] of Object.entries(expect)) if (key[name] !== value) throw invalidCursor();
  for (const name of present) if (typeof key[name] !== 'string') throw invalidCursor();
  return key;
}
