import fc from 'fast-check';
import { addLeagueCounts, counterAttributes, cutsSettledWeeks, eventRows, isSettledCounter, leagueRows, mergeIncrements, readsWeekRows, recoveryIncrements, responseIncrements, responseRows, storedCounters, type Increments } from './counters';
import { firstContactIncrements, openedIncrements, repeatIncrements, resolveIncrements, sentIncrements } from './loop-events';

/** The league counts of `storeId` read off rows as the dashboard reads them. */
const league = (rows: Record<string, unknown>[], storeId: string) => addLeagueCounts({ promoters: 0, passives: 0, detractors: 0 }, rows, storeId);

describe('league counts stored packed', () => {
  test.each([
    // what the counters are, what a row stores
    [{ 's:bs-001:p': 3, 's:bs-001:a': 2, 's:bs-001:d': 1 }, { 'b:bs-001': 10_000_200_003 }],
    [{ 's:bs-001:d': 1 }, { 'b:bs-001': 10_000_000_000 }],
    [{ 's:a:b:p': 7 }, { 'b:a:b': 7 }], // a store id may hold ':' (ZExternalId)
    [{ 's:x:p': 99_999, 's:x:a': 99_999, 's:x:d': 99_999 }, { 'b:x': 999_999_999_999_999 }], // the largest, an exact double
    [{ 's:x:p': 100_000, 's:x:d': 1 }, { 's:x:p': 100_000, 's:x:d': 1 }], // a count that would carry: kept plain
    [{ 's:x:p': -1 }, { 's:x:p': -1 }], // not a count: kept plain
    [{ n9: 4, 'h:排队': 1, 's:y:a': 1 }, { n9: 4, 'h:排队': 1, 'b:y': 100_000 }], // other counters pass through
  ])('%j is stored as %j and read back', (counters, row) => {
    expect(storedCounters(counters)).toEqual(row);
    expect(counterAttributes({ pk: 'AGG#b#store_league#3', sk: 'D#2026-12-01', 'w:abc': '0042', ...row })).toEqual(counters);
  });

  test('a reader adds packed and plain forms, row by row (a roll-up too big to pack next to packed day rows)', () => {
    const rows = [{ 'b:s1': 10_000_200_003 }, { 's:s1:p': 150_000, 's:s1:d': 4 }, { 'b:s2': 5 }, {}];
    expect(league(rows, 's1')).toEqual({ promoters: 150_003, passives: 2, detractors: 5 });
    expect(league(rows, 's2')).toEqual({ promoters: 5, passives: 0, detractors: 0 });
    expect(league(rows, 's3')).toEqual({ promoters: 0, passives: 0, detractors: 0 });
  });

  test('property: responses merged per batch, packed per update and summed by ADD read back as their band counts', () => {
    const band = fc.constantFrom('promoter' as const, 'passive' as const, 'detractor' as const);
    fc.assert(
      fc.property(fc.array(fc.array(fc.record({ store: fc.constantFrom('s1', 's2', 'a:b'), band }), { maxLength: 40 }), { maxLength: 12 }), (batches) => {
        // Each batch is one update of the day row: its merged increments, stored form, ADDed to the row.
        const row: Increments = {};
        const expected: Record<string, { promoters: number; passives: number; detractors: number }> = {};
        for (const batch of batches) {
          const merged: Increments = {};
          for (const { store, band: b } of batch) {
            mergeIncrements(merged, leagueRows(store, b)[0].increments);
            const e = (expected[store] ??= { promoters: 0, passives: 0, detractors: 0 });
            e[b === 'promoter' ? 'promoters' : b === 'passive' ? 'passives' : 'detractors']++;
          }
          mergeIncrements(row, storedCounters(merged));
        }
        for (const store of ['s1', 's2', 'a:b']) expect(league([row], store)).toEqual(expected[store] ?? { promoters: 0, passives: 0, detractors: 0 });
        // …and the month roll-up's way: unpack, sum, store again.
        expect(league([storedCounters(counterAttributes(row))], 's1')).toEqual(league([row], 's1'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the brand\'s week rows', () => {
  const ctx = { brandId: 'b1', region: 'east', storeId: 's1', staffId: 'st1', touchpoint: 'in_store' };
  const increments = responseIncrements({
    answers: { nps: 3, csat: 2, ces: 6, reasons: ['long_wait'] }, band: 'detractor', themes: ['排队'], amountFen: 12_000, channel: 'sms', callback: true, identified: true,
  });

  test('a response adds everything it counts to the brand\'s week row, as to its day rows', () => {
    const weeks = responseRows(ctx, 'detractor', increments).filter((t) => t.span === 'week' && t.dimension !== 'store_league');
    expect(weeks.map((t) => `${t.dimension}#${t.key}`)).toEqual(['brand#b1']);
    for (const t of weeks) expect(t.increments).toEqual(increments);
    const days = responseRows(ctx, 'detractor', increments).filter((t) => t.span === undefined && t.dimension !== 'store_league');
    expect(days).toHaveLength(6);
    for (const t of days) expect(t.increments).toEqual(increments);
  });

  test('a later event adds to its day rows and to the brand\'s week row', () => {
    const targets = [{ dimension: 'brand' as const, key: 'b1' }, { dimension: 'region' as const, key: 'east' }, { dimension: 'store' as const, key: 's1' }];
    const rows = eventRows(targets, { 'l:rv': 1 });
    expect(rows.map((r) => `${r.dimension}#${r.key}#${r.span ?? 'day'}`)).toEqual(['brand#b1#day', 'region#east#day', 'store#s1#day', 'brand#b1#week']);
  });

  // A settled week cut by a period is read as its row less the days outside: only counters no later event changes may be read so.
  test('what a first survey adds is settled; what later events add (loop, repeat purchases, invitations, re-surveys) is not', () => {
    expect(Object.keys(increments).filter((name) => !isSettledCounter(name))).toEqual([]);
    const task = { createdAt: '2026-12-01T00:00:00Z', dueAt: '2026-12-01T04:00:00Z' };
    const later = [
      firstContactIncrements(task, '2026-12-01T01:00:00Z'), firstContactIncrements(task, '2026-12-03T01:00:00Z'), resolveIncrements(), sentIncrements('sms'), openedIncrements('receipt'),
      repeatIncrements('promoter', '2026-12-01T00:00:00Z', '2026-12-05T00:00:00Z')!, recoveryIncrements({ nps: 2 }, { nps: 9 }),
    ].flatMap((inc) => Object.keys(inc));
    expect(later.filter(isSettledCounter)).toEqual([]);
  });

  test.each([['brand', true], ['region', false], ['store', false], ['staff', false]] as const)('a %s group keeps week rows: %s', (dimension, expected) => {
    expect(readsWeekRows(dimension)).toBe(expected);
  });

  test.each([['nps', true], ['themes', true], ['reasons', true], ['loop', false], ['outcomes', false]] as const)('%s may read settled cut weeks: %s', (figure, expected) => {
    expect(cutsSettledWeeks(figure)).toBe(expected);
  });
});
