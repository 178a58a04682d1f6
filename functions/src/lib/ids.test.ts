import { decodeTime, isValid } from 'ulidx';
import { newId } from './ids';

describe('newId', () => {
  it('makes valid ULIDs that carry their time', () => {
    const at = Date.parse('2026-12-04T10:00:00Z');
    const id = newId(at);
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBe(at);
  });

  it('sorts by time and never repeats', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => newId(1_700_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 100; i < ids.length; i += 100) expect(ids[i - 1].slice(0, 10) < ids[i].slice(0, 10)).toBe(true);
  });

  it('draws every random character from the whole alphabet, evenly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) for (const c of newId(0).slice(10)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 64,000 characters over 32 values: 2,000 each; a fair draw stays well within ±15 %.
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(300);
  });
});
