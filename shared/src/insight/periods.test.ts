import fc from 'fast-check';
import {
  addDays, bucketOf, bucketsIn, daysIn, decompose, isDay, isMonthClosed, mayHaveRollUp, monthClosedBy, parseRange, previousPeriod, rangeLength, todayIn,
} from './periods';

describe('days', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31'])('%s is a day', (d) => expect(isDay(d)).toBe(true));
  it.each(['2023-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-01', '2025-01-01T00:00', ' 2025-01-01', ''])(
    '%p is not', (d) => expect(isDay(d)).toBe(false),
  );

  it.each([
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2025-03-11', -27, '2025-02-12'],
  ] as const)('%s + %i = %s', (day, n, expected) => expect(addDays(day, n)).toBe(expected));

  it('daysIn lists an inclusive range across a leap day', () => {
    expect(daysIn({ from: '2024-02-27', to: '2024-03-01' })).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
    expect(rangeLength({ from: '2024-02-27', to: '2024-03-01' })).toBe(4);
    expect(daysIn({ from: '2025-01-01', to: '2025-01-01' })).toEqual(['2025-01-01']);
  });

  it('todayIn takes the zone’s calendar day', () => {
    const instant = new Date('2025-03-10T17:00:00Z'); // 01:00 on the 11th in Shanghai, 10:00 on the 10th in Los Angeles
    expect(todayIn(instant, 'Asia/Shanghai')).toBe('2025-03-11');
    expect(todayIn(instant, 'America/Los_Angeles')).toBe('2025-03-10');
    expect(todayIn(instant, 'UTC')).toBe('2025-03-10');
  });

  it('refuses a malformed day instead of computing with it', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => bucketOf('2025/01/01', 'day')).toThrow(RangeError);
  });
});

describe('parseRange', () => {
  const now = new Date('2025-03-10T17:00:00Z');
  const zone = 'Asia/Shanghai'; // today there is 2025-03-11

  it('defaults to the last 28 days ending today in the store’s zone', () => {
    // 2025-02-12 … 2025-03-11: 17 days of February + 11 of March = 28
    expect(parseRange({}, now, zone)).toEqual({ ok: true, range: { from: '2025-02-12', to: '2025-03-11' } });
    expect(parseRange({}, now, 'America/Los_Angeles')).toEqual({ ok: true, range: { from: '2025-02-11', to: '2025-03-10' } });
  });

  it('the default counts a leap day', () => {
    // 2024-02-12 … 2024-03-10: 18 days of February (to the 29th) + 10 of March = 28
    expect(parseRange({}, new Date('2024-03-10T04:00:00Z'), zone)).toEqual({ ok: true, range: { from: '2024-02-12', to: '2024-03-10' } });
  });

  it('only `to`: the 28 days ending then (across a year boundary)', () => {
    // 2024-12-09 … 2025-01-05: 23 days of December + 5 of January = 28
    expect(parseRange({ to: '2025-01-05' }, now, zone)).toEqual({ ok: true, range: { from: '2024-12-09', to: '2025-01-05' } });
  });

  it('only `from`: from then to today', () => {
    expect(parseRange({ from: '2025-03-01' }, now, zone)).toEqual({ ok: true, range: { from: '2025-03-01', to: '2025-03-11' } });
  });

  it('takes an explicit range, a single day included', () => {
    expect(parseRange({ from: '2025-01-01', to: '2025-01-01' }, now, zone)).toEqual({ ok: true, range: { from: '2025-01-01', to: '2025-01-01' } });
  });

  it.each([
    [{ from: '2025-02-30' }, 'from'],
    [{ from: '20250101' }, 'from'],
    [{ to: '2025-13-01' }, 'to'],
    [{ from: '2025-01-01', to: 'yesterday' }, 'to'],
    [{ from: '2025-03-02', to: '2025-03-01' }, 'from'],
  ] as const)('%o is refused naming %s', (query, field) => {
    expect(parseRange(query, now, zone)).toEqual({ ok: false, field, message: expect.any(String) });
  });

  it('400 days are allowed, 401 are refused on `from`', () => {
    // 2024 has 366 days; + 34 days of 2025 (to 02-03) = 400
    expect(parseRange({ from: '2024-01-01', to: '2025-02-03' }, now, zone)).toEqual({ ok: true, range: { from: '2024-01-01', to: '2025-02-03' } });
    expect(parseRange({ from: '2024-01-01', to: '2025-02-04' }, now, zone)).toEqual({ ok: false, field: 'from', message: expect.stringContaining('400') });
    // only `from`, 401 days before today
    expect(parseRange({ from: addDays('2025-03-11', -400) }, now, zone)).toMatchObject({ ok: false, field: 'from' });
  });
});

describe('previousPeriod', () => {
  it.each([
    // 31 days of March → the 31 days before: 2025-01-29 … 2025-02-28 (3 of January + 28 of February)
    [{ from: '2025-03-01', to: '2025-03-31' }, { from: '2025-01-29', to: '2025-02-28' }],
    [{ from: '2025-01-01', to: '2025-01-07' }, { from: '2024-12-25', to: '2024-12-31' }],
    [{ from: '2024-03-01', to: '2024-03-01' }, { from: '2024-02-29', to: '2024-02-29' }],
    // 28 days ending 2025-03-11 → 2025-01-15 … 2025-02-11
    [{ from: '2025-02-12', to: '2025-03-11' }, { from: '2025-01-15', to: '2025-02-11' }],
  ])('%o → %o', (range, previous) => {
    expect(previousPeriod(range)).toEqual(previous);
    expect(rangeLength(previousPeriod(range))).toBe(rangeLength(range));
  });
});

describe('bucketOf', () => {
  it.each([
    ['2025-06-15', 'day', '2025-06-15'],
    ['2025-06-15', 'month', '2025-06'],
    ['2024-02-29', 'month', '2024-02'],
    ['2025-06-15', 'week', '2025-W24'], // a Sunday: the end of its Monday-started week
    ['2025-06-16', 'week', '2025-W25'], // the Monday after
    ['2024-02-29', 'week', '2024-W09'],
    // ISO week-numbering years: the week belongs to the year of its Thursday
    ['2020-12-31', 'week', '2020-W53'],
    ['2021-01-01', 'week', '2020-W53'],
    ['2021-01-03', 'week', '2020-W53'],
    ['2021-01-04', 'week', '2021-W01'],
    ['2015-12-31', 'week', '2015-W53'],
    ['2016-01-03', 'week', '2015-W53'],
    ['2026-12-31', 'week', '2026-W53'],
    ['2027-01-01', 'week', '2026-W53'],
    ['2024-12-30', 'week', '2025-W01'], // a Monday of December already in next year's week 1
    ['2018-12-31', 'week', '2019-W01'],
  ] as const)('%s by %s → %s', (day, granularity, label) => expect(bucketOf(day, granularity)).toBe(label));

  it('bucketsIn lists every bucket a range touches, in order', () => {
    expect(bucketsIn({ from: '2020-12-28', to: '2021-01-11' }, 'week')).toEqual(['2020-W53', '2021-W01', '2021-W02']);
    expect(bucketsIn({ from: '2024-12-15', to: '2025-02-01' }, 'month')).toEqual(['2024-12', '2025-01', '2025-02']);
    expect(bucketsIn({ from: '2024-02-28', to: '2024-03-01' }, 'day')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
});

describe('decompose', () => {
  const daysOf = (from: string, to: string) => daysIn({ from, to });

  it('closed whole months as roll-ups, the rest as days', () => {
    // February closes on 03-02 and March on 04-02, both before 04-10; January and April are partial
    expect(decompose({ from: '2025-01-15', to: '2025-04-10' }, '2025-04-10')).toEqual({
      months: ['2025-02', '2025-03'],
      days: [...daysOf('2025-01-15', '2025-01-31'), ...daysOf('2025-04-01', '2025-04-10')],
    });
  });

  it('a month is closed from its last day + 2 days', () => {
    const march = { from: '2025-03-01', to: '2025-03-31' };
    expect(decompose(march, '2025-04-02')).toEqual({ months: ['2025-03'], days: [] });
    expect(decompose(march, '2025-04-01')).toEqual({ months: [], days: daysOf('2025-03-01', '2025-03-31') });
    expect(isMonthClosed('2025-03', '2025-04-02')).toBe(true);
    expect(isMonthClosed('2025-03', '2025-04-01')).toBe(false);
  });

  it('a leap February ends on the 29th', () => {
    const february = { from: '2024-02-01', to: '2024-02-29' };
    expect(decompose(february, '2024-03-02')).toEqual({ months: ['2024-02'], days: [] });
    expect(decompose(february, '2024-03-01').days).toHaveLength(29);
    // a range that stops on the 28th does not hold the whole month
    expect(decompose({ from: '2024-02-01', to: '2024-02-28' }, '2024-06-01')).toEqual({ months: [], days: daysOf('2024-02-01', '2024-02-28') });
  });

  it('across a year boundary', () => {
    expect(decompose({ from: '2024-11-30', to: '2025-01-31' }, '2025-02-02')).toEqual({ months: ['2024-12', '2025-01'], days: ['2024-11-30'] });
  });

  it('a month missing its first day is read as days', () => {
    expect(decompose({ from: '2025-03-02', to: '2025-04-30' }, '2025-06-01')).toEqual({ months: ['2025-04'], days: daysOf('2025-03-02', '2025-03-31') });
  });

  it('400 days are a few reads: 12 closed months and the partial ends', () => {
    const { months, days } = decompose({ from: '2024-01-15', to: '2025-02-17' }, '2025-02-17');
    expect(months).toEqual(['2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01']);
    expect(days).toEqual([...daysOf('2024-01-15', '2024-01-31'), ...daysOf('2025-02-01', '2025-02-17')]);
  });

  it('covers every day of the range exactly once (property)', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2020-01-01', n));
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 399 }), day, (from, length, today) => {
      const range = { from, to: addDays(from, length) };
      const { months, days } = decompose(range, today);
      const covered = [...days];
      for (const month of months) {
        expect(isMonthClosed(month, today)).toBe(true);
        for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) covered.push(d);
      }
      expect(covered.sort()).toEqual(daysIn(range));
    }));
  });
});

describe('month roll-ups and late writes', () => {
  test.each([
    ['2026-01-31', '2026-01-31T12:00:00Z', false], // January closes on 2 February
    ['2026-01-31', '2026-02-01T12:00:00Z', true], // already 2 February far east of UTC: it may be rolled up
    ['2026-01-10', '2026-03-20T04:00:00Z', true],
    ['2026-03-01', '2026-03-20T04:00:00Z', false], // the current month has no roll-up
    ['2025-12-31', '2026-01-02T00:00:00Z', true], // across a year
  ])('a write to %s at %s may meet a roll-up: %s', (day, now, expected) => {
    expect(mayHaveRollUp(day, new Date(now))).toBe(expected);
  });

  test.each([
    ['2026-03-02', '2026-03-02T04:00:00Z', '2026-02'], // live, and February closed on its day
    ['2026-03-01', '2026-03-01T04:00:00Z', undefined], // February not closed yet
    ['2026-03-02', '2026-03-03T20:00:00Z', '2026-02'], // yesterday (UTC) is still live
    ['2026-03-02', '2026-03-05T04:00:00Z', undefined], // a backfill closes nothing
    ['2026-01-15', '2026-01-15T04:00:00Z', '2025-12'], // across a year
  ])('an answer of %s counted at %s closes %s', (day, now, expected) => {
    expect(monthClosedBy(day, new Date(now))).toBe(expected);
  });
});
