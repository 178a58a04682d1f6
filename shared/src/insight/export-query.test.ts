import * as z from 'zod/mini';
import { ZResponsesExportQuery, queryPeriod } from './export-query';

describe('ZResponsesExportQuery', () => {
  it('takes the common filters', () => {
    expect(z.parse(ZResponsesExportQuery, { from: '2026-03-01', to: '2026-03-31', region: 'east', store: 'sh-001', staff: 'sh-001-wang', touchpoint: 'in_store' })).toEqual({
      from: '2026-03-01', to: '2026-03-31', region: 'east', store: 'sh-001', staff: 'sh-001-wang', touchpoint: 'in_store',
    });
  });

  it.each([
    [{ from: '2026-3-1' }, 'from'],
    [{ from: '2026-02-30' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ to: '2026-13-01' }, 'to'],
    [{ touchpoint: 'phone' }, 'touchpoint'],
    [{ store: 'a#b' }, 'store'],
  ])('refuses %j, naming %s', (query, field) => {
    const parsed = z.safeParse(ZResponsesExportQuery, query);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([[field]]);
  });

  it('refuses a parameter it does not know', () => expect(z.safeParse(ZResponsesExportQuery, { groupBy: 'store' }).success).toBe(false));
});

describe('queryPeriod', () => {
  it('defaults to the last 28 days up to today', () => expect(queryPeriod({}, '2026-03-28')).toEqual({ from: '2026-03-01', to: '2026-03-28' }));
  it('defaults from to 28 days before a given to, across a month end', () => expect(queryPeriod({ to: '2026-03-10' }, '2026-06-01')).toEqual({ from: '2026-02-11', to: '2026-03-10' }));
  it('keeps an explicit period; one day is fine', () => expect(queryPeriod({ from: '2026-03-10', to: '2026-03-10' }, '2026-06-01')).toEqual({ from: '2026-03-10', to: '2026-03-10' }));
  it('refuses to before from, naming to', () => expect(queryPeriod({ from: '2026-03-10', to: '2026-03-09' }, '2026-06-01')).toEqual({ path: ['to'], message: 'must not be before from (2026-03-10)' }));
  it('allows 400 days and refuses 401, naming from', () => {
    expect(queryPeriod({ from: '2025-02-04', to: '2026-03-10' }, '2026-06-01')).toEqual({ from: '2025-02-04', to: '2026-03-10' });
    expect(queryPeriod({ from: '2025-02-03', to: '2026-03-10' }, '2026-06-01')).toEqual({ path: ['from'], message: 'at most 400 days before to' });
  });
});
