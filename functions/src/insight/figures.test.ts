import fc from 'fast-check';
import {
  AMOUNT_BANDS, FIRST_CONTACT_BUCKETS, ZChannel, ZInvitationFigures, addRow, attr, cesCell, countersRead, csatCell, emptyCell, firstContactPercentiles, npsCell, npsCounts,
  type CounterCell,
} from '@xinsheng/shared';
import { invitationFigures, loopFigures, outcomeFigures } from './figures';

describe('invitationFigures: response and open rates by channel', () => {
  test('per channel and in total, from the i:<channel>:<state> counters (by hand)', () => {
    const cell = addRow(emptyCell(), {
      'i:subscribe_message:sent': 200, 'i:subscribe_message:opened': 120, 'i:subscribe_message:answered': 50,
      'i:sms:sent': 80, 'i:sms:opened': 20, 'i:sms:answered': 6,
      'i:receipt:sent': 40, 'i:receipt:opened': 40, 'i:receipt:answered': 24,
      n10: 80, // not an invitation counter: ignored here
    });
    const figures = invitationFigures(cell);
    expect(figures.byChannel).toEqual([
      // 50 / 200 = 0.25 answered, 120 / 200 = 0.6 opened.
      { channel: 'subscribe_message', sent: 200, opened: 120, answered: 50, responseRate: 0.25, openRate: 0.6 },
      { channel: 'sms', sent: 80, opened: 20, answered: 6, responseRate: 0.075, openRate: 0.25 },
      { channel: 'receipt', sent: 40, opened: 40, answered: 24, responseRate: 0.6, openRate: 1 },
    ]);
    // 80 answered of 320 sent = 0.25.
    expect(figures.total).toEqual({ sent: 320, opened: 180, answered: 80, responseRate: 0.25 });
    expect(ZInvitationFigures.parse(figures)).toEqual(figures);
  });

  test('nothing sent: every channel listed with zeros, rates null — even when answers were counted', () => {
    // Answers of invitations sent before the period (or seeded without sends) have nothing to divide by.
    const figures = invitationFigures(addRow(emptyCell(), { 'i:receipt:answered': 3 }));
    expect(figures.byChannel.map((c) => [c.channel, c.sent, c.answered, c.responseRate, c.openRate])).toEqual([
      ['subscribe_message', 0, 0, null, null],
      ['sms', 0, 0, null, null],
      ['receipt', 0, 3, null, null],
    ]);
    expect(figures.total).toEqual({ sent: 0, opened: 0, answered: 3, responseRate: null });
    expect(invitationFigures(emptyCell()).total.responseRate).toBeNull();
  });

  test('answers outrunning the sends in a short period (counted by event day): rates capped at 1, counts as counted', () => {
    const figures = invitationFigures(addRow(emptyCell(), { 'i:sms:sent': 2, 'i:sms:opened': 3, 'i:sms:answered': 5 }));
    expect(figures.byChannel[1]).toEqual({ channel: 'sms', sent: 2, opened: 3, answered: 5, responseRate: 1, openRate: 1 });
    expect(figures.total).toEqual({ sent: 2, opened: 3, answered: 5, responseRate: 1 });
    expect(ZInvitationFigures.safeParse(figures).success).toBe(true);
  });

  test('a group minus its part (sign −1) reads the same counters', () => {
    const parent = addRow(emptyCell(), { 'i:sms:sent': 10, 'i:sms:answered': 4 });
    addRow(parent, { 'i:sms:sent': 6, 'i:sms:answered': 1 }, -1);
    expect(invitationFigures(parent).byChannel[1]).toMatchObject({ sent: 4, answered: 3, responseRate: 0.75 });
  });
});

describe('countersRead: the counters a figure is read with', () => {
  // Every counter a dense row can hold (reasons and themes under ids of their own), each with an arbitrary count.
  const allCounters = [
    ...Array.from({ length: 11 }, (_, s) => attr.nps(s)), ...[1, 2, 3, 4, 5].map(attr.csat), ...[1, 2, 3, 4, 5, 6, 7].map(attr.ces),
    attr.reason('detractor', 'slow'), attr.reason('promoter', 'friendly'), attr.theme('queue'), attr.themePromoters('queue'), attr.themeDetractors('queue'),
    ...AMOUNT_BANDS.flatMap(({ id }) => (['detractor', 'passive', 'promoter'] as const).map((band) => attr.orderValue(id, band))), attr.amountSumFen, attr.amountCount,
    ...ZChannel.options.flatMap((channel) => (['sent', 'opened', 'answered'] as const).map((state) => attr.invitations(channel, state))),
    attr.callbacks, attr.contacted, attr.slaMet, attr.resolved, attr.resurveyed, attr.recovered, attr.scoreBeforeSum, attr.scoreAfterSum,
    ...Array.from({ length: FIRST_CONTACT_BUCKETS.length + 1 }, (_, i) => attr.firstContact(i)),
    ...(['detractor', 'passive', 'promoter'] as const).flatMap((band) => [attr.repeatCustomers(band), attr.repeatWithin(band, 30), attr.repeatWithin(band, 90)]),
  ];
  const figureOf: Record<string, (cell: CounterCell) => unknown> = {
    nps: (cell) => npsCell(npsCounts(cell.nps)),
    csat: (cell) => csatCell(cell.csat),
    ces: (cell) => cesCell(cell.ces),
    loop: (cell) => ({ ...loopFigures(cell, firstContactPercentiles(cell.loop.firstContact)), invitations: invitationFigures(cell) }),
    outcomes: (cell) => outcomeFigures(cell),
  };

  test.each(Object.keys(figureOf))('%s: a row cut to its counters makes the same figures as the whole row', (figure) => {
    const only = countersRead(figure)!;
    expect(only.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { minLength: allCounters.length, maxLength: allCounters.length }), (counts) => {
        const row = Object.fromEntries(allCounters.map((name, i) => [name, counts[i]]));
        const cut = Object.fromEntries(only.map((name) => [name, row[name]]));
        expect(figureOf[figure](addRow(emptyCell(), cut))).toEqual(figureOf[figure](addRow(emptyCell(), row)));
      }),
      { numRuns: 200 },
    );
  });

  test('reasons and themes read every counter: their ids come and go with the surveys and the lexicon', () => {
    expect(countersRead('reasons')).toBeUndefined();
    expect(countersRead('themes')).toBeUndefined();
  });
});
