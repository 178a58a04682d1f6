import { ZInvitationFigures, addRow, emptyCell } from '@xinsheng/shared';
import { invitationFigures } from './figures';

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
