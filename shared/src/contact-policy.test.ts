import {
  DEFAULT_CONTACT_POLICY, decideContact, effectivePolicy, inQuietHours, invitationExpiry, isFatigued, nextSendableInstant,
  scheduleSend, zonedDay, zoneOffsetMinutes,
} from './contact-policy';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);
const quiet = DEFAULT_CONTACT_POLICY.quietHours;

describe('time zones', () => {
  it('Shanghai is UTC+8 all year (no DST)', () => {
    expect(zoneOffsetMinutes(at('2026-01-15T00:00:00Z'), SH)).toBe(480);
    expect(zoneOffsetMinutes(at('2026-07-15T00:00:00Z'), SH)).toBe(480);
  });
  it('the local day changes at local midnight', () => {
    expect(zonedDay(at('2026-11-23T15:59:59Z'), SH)).toBe('2026-11-23');
    expect(zonedDay(at('2026-11-23T16:00:00Z'), SH)).toBe('2026-11-24');
  });
});

describe('quiet hours 21:00–09:00 (across midnight)', () => {
  it.each([
    ['2026-11-23T12:59:00Z', false], // 20:59 local
    ['2026-11-23T13:00:00Z', true], // 21:00
    ['2026-11-23T16:30:00Z', true], // 00:30 next day
    ['2026-11-24T00:59:00Z', true], // 08:59
    ['2026-11-24T01:00:00Z', false], // 09:00
  ])('%s quiet: %s', (iso, expected) => expect(inQuietHours(at(iso), SH, quiet)).toBe(expected));

  it('a window inside one day (12:00–14:00)', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(inQuietHours(at('2026-11-23T04:30:00Z'), SH, lunch)).toBe(true);
    expect(inQuietHours(at('2026-11-23T06:00:00Z'), SH, lunch)).toBe(false);
    expect(nextSendableInstant(at('2026-11-23T04:30:00Z'), SH, lunch).toISOString()).toBe('2026-11-23T06:00:00.000Z');
  });
  it('no window, or an empty one, is never quiet', () => {
    expect(inQuietHours(at('2026-11-23T16:00:00Z'), SH, null)).toBe(false);
    expect(inQuietHours(at('2026-11-23T16:00:00Z'), SH, { start: '09:00', end: '09:00' })).toBe(false);
  });
});

describe('scheduleSend', () => {
  const now = at('2026-11-23T00:00:00Z');
  it('noon purchase → 30 min later', () => {
    expect(scheduleSend(at('2026-11-23T04:00:00Z'), now, SH, DEFAULT_CONTACT_POLICY).toISOString()).toBe('2026-11-23T04:30:00.000Z');
  });
  it('20:45 purchase → 21:15 is quiet → 09:00 next morning', () => {
    expect(scheduleSend(at('2026-11-23T12:45:00Z'), now, SH, DEFAULT_CONTACT_POLICY).toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });
  it('23:50 purchase → 00:20 (after midnight) → 09:00 that same morning', () => {
    expect(scheduleSend(at('2026-11-23T15:50:00Z'), now, SH, DEFAULT_CONTACT_POLICY).toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });
  it('02:00 purchase → 09:00 the same day', () => {
    expect(scheduleSend(at('2026-11-22T18:00:00Z'), now, SH, DEFAULT_CONTACT_POLICY).toISOString()).toBe('2026-11-23T01:00:00.000Z');
  });
  it('a late report is never scheduled in the past', () => {
    const later = at('2026-11-23T05:00:00Z');
    expect(scheduleSend(at('2026-11-23T02:00:00Z'), later, SH, DEFAULT_CONTACT_POLICY).toISOString()).toBe(later.toISOString());
  });
  it('follows a zone with DST: New York 22:00 EST the night the clocks spring forward → 09:00 EDT', () => {
    const policy = { ...DEFAULT_CONTACT_POLICY, sendDelayMinutes: 0 };
    expect(scheduleSend(at('2026-03-08T03:00:00Z'), at('2026-03-08T03:00:00Z'), 'America/New_York', policy).toISOString()).toBe('2026-03-08T13:00:00.000Z');
  });
});

describe('fatigue and policy layers', () => {
  const now = at('2026-11-23T04:00:00Z');
  it('surveyed 6 days ago is fatigued, 7 days ago is not', () => {
    expect(isFatigued(at('2026-11-17T04:00:00Z'), now, DEFAULT_CONTACT_POLICY)).toBe(true);
    expect(isFatigued(at('2026-11-16T04:00:00Z'), now, DEFAULT_CONTACT_POLICY)).toBe(false);
    expect(isFatigued(undefined, now, DEFAULT_CONTACT_POLICY)).toBe(false);
  });
  it('fatigueDays 0 turns fatigue off', () => {
    expect(isFatigued(now, now, { ...DEFAULT_CONTACT_POLICY, fatigueDays: 0 })).toBe(false);
  });
  it('store overrides brand overrides defaults; undefined keeps the layer below', () => {
    const policy = effectivePolicy({ fatigueDays: 14, sendDelayMinutes: 60 }, { sendDelayMinutes: 10, quietHours: undefined });
    expect(policy).toEqual({ ...DEFAULT_CONTACT_POLICY, fatigueDays: 14, sendDelayMinutes: 10 });
  });
  it('an invitation expires after the TTL', () => {
    expect(invitationExpiry(now, DEFAULT_CONTACT_POLICY).toISOString()).toBe('2026-11-30T04:00:00.000Z');
  });
});

describe('decideContact', () => {
  const base = {
    receipt: false, hasOpenid: true, hasPhone: true, optedOut: false, lastSurveyedAt: undefined,
    occurredAt: at('2026-11-23T04:00:00Z'), now: at('2026-11-23T04:01:00Z'), timeZone: SH, policy: DEFAULT_CONTACT_POLICY,
  };
  it('an openid → subscribe message after the delay', () => {
    expect(decideContact(base)).toEqual({ status: 'scheduled', channel: 'subscribe_message', sendAt: at('2026-11-23T04:30:00Z') });
  });
  it('only a phone → SMS', () => expect(decideContact({ ...base, hasOpenid: false })).toMatchObject({ channel: 'sms' }));
  it('nothing to reach → no_channel', () => {
    expect(decideContact({ ...base, hasOpenid: false, hasPhone: false })).toEqual({ status: 'suppressed', reason: 'no_channel' });
  });
  it('a receipt is ready at once, even at night, with no contact details', () => {
    const night = at('2026-11-23T15:00:00Z');
    expect(decideContact({ ...base, receipt: true, hasOpenid: false, hasPhone: false, now: night, occurredAt: night })).toEqual({ status: 'scheduled', channel: 'receipt', sendAt: night });
  });
  it('fatigue applies to receipts too', () => {
    expect(decideContact({ ...base, receipt: true, lastSurveyedAt: at('2026-11-22T04:00:00Z') })).toEqual({ status: 'suppressed', reason: 'fatigue' });
  });
  it('opted out wins over everything', () => {
    expect(decideContact({ ...base, optedOut: true, lastSurveyedAt: at('2026-11-22T04:00:00Z') })).toEqual({ status: 'suppressed', reason: 'opted_out' });
  });
});

describe('zoned clock', () => {
  it('builds one formatter per zone, not one per call, and keeps zones apart', () => {
    const spy = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      const at = new Date('2026-03-08T18:30:00Z');
      const zones = ['Pacific/Chatham', 'America/St_Johns']; // zones no other test here uses
      for (let i = 0; i < 50; i++) {
        expect(zonedDay(at, zones[0])).toBe('2026-03-09');
        expect(zonedDay(at, zones[1])).toBe('2026-03-08');
      }
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });
});
