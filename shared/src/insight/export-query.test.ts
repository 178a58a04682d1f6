import * as z from 'zod/mini';
import { ZResponsesExportQuery } from './export-query';

describe('ZResponsesExportQuery', () => {
  it('takes the common filters', () => {
    const query = { from: '2026-03-01', to: '2026-03-31', region: 'east', store: 'sh-001', staff: 'sh-001-wang', touchpoint: 'in_store' };
    expect(z.parse(ZResponsesExportQuery, query)).toEqual(query);
  });

  it.each([
    [{ from: '2026-3-1' }, ['from']],
    [{ from: '2026-02-30' }, ['from']],
    [{ to: 'yesterday' }, ['to']],
    [{ touchpoint: '' }, ['touchpoint']],
    [{ store: 'a#b' }, ['store']],
    [{ groupBy: 'store' }, []], // rows are not grouped: an unknown key
  ])('refuses %j, naming %j', (query, path) => {
    const parsed = z.safeParse(ZResponsesExportQuery, query);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([path]);
  });
});
