import fc from 'fast-check';
import { AMOUNT_BANDS } from '../insight/counters';
import { cesCell, changeVs, csatCell, meanChangeVs, meanVsRest, npsCell, vsRest } from '../insight/stats';
import {
  ZCesResponse, ZCsatResponse, ZInsightQuery, ZLoopResponse, ZNpsCell, ZNpsResponse, ZNpsStats, ZOutcomesResponse,
  ZReasonsQuery, ZReasonsResponse, ZThemesResponse,
} from './insight';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('the insight query', () => {
  it('takes every filter and a grouping', () => {
    const query = { from: '2025-01-01', to: '2025-01-31', region: 'east', store: 'sh-001', staff: 'sh-001-wang', touchpoint: 'in_store', groupBy: 'week' };
    expect(ZInsightQuery.parse(query)).toEqual(query);
  });

  it('all of it is optional', () => expect(ZInsightQuery.parse({})).toEqual({}));

  it.each([
    [{ from: '2025-02-30' }, 'from'],
    [{ to: '2025-1-1' }, 'to'],
    [{ groupBy: 'year' }, 'groupBy'],
    [{ touchpoint: '' }, 'touchpoint'],
    [{ touchpoint: 'Phone call' }, 'touchpoint'], // not an id (whether the brand has it is the server's check)
    [{ store: 'a|b' }, 'store'],
  ])('%o is refused at %s', (query, path) => expect(paths(ZInsightQuery.safeParse(query))).toEqual([path]));

  it('reasons take a band', () => {
    expect(ZReasonsQuery.parse({ band: 'detractor', groupBy: 'store' })).toEqual({ band: 'detractor', groupBy: 'store' });
    expect(paths(ZReasonsQuery.safeParse({ band: 'angry' }))).toEqual(['band']);
  });
});

describe('metric bodies', () => {
  const a = { promoters: 60, passives: 20, detractors: 20 };
  const b = { promoters: 40, passives: 30, detractors: 30 };
  const parent = { promoters: 100, passives: 50, detractors: 50 };
  const nps = (counts: typeof a) => ({ ...npsCell(counts), change: changeVs(counts, b), vsRest: vsRest(counts, parent) });

  it('an NPS body built by the stats parses', () => {
    const body = { metric: 'nps', from: '2025-01-01', to: '2025-01-28', total: { ...npsCell(parent), change: changeVs(parent, b), vsRest: null }, groups: [{ key: 'sh-001', label: '上海南京西路店', ...nps(a) }] };
    expect(ZNpsResponse.parse(body)).toEqual(body);
  });

  it('a trend bucket has no change', () => {
    expect(ZNpsCell.safeParse({ ...npsCell(a), change: null, vsRest: vsRest(a, parent) }).success).toBe(true);
  });

  it.each([
    ['a score above 100', { score: 100.1 }, 'total.score'],
    ['a negative margin', { margin: -1 }, 'total.margin'],
    ['a fractional count', { promoters: 1.5 }, 'total.promoters'],
    ['no change field', { change: undefined }, 'total.change'],
  ])('refuses %s', (_name, patch, path) => {
    const body = { metric: 'nps', from: '2025-01-01', to: '2025-01-28', total: { ...nps(a), ...patch }, groups: [] };
    expect(paths(ZNpsResponse.safeParse(body))).toEqual([path]);
  });

  it('refuses another metric in the envelope and a group without its key', () => {
    const body = { metric: 'csat', from: '2025-01-01', to: '2025-01-28', total: nps(a), groups: [{ label: 'x', ...nps(a) }] };
    expect(paths(ZNpsResponse.safeParse(body)).sort()).toEqual(['groups.0.key', 'metric']);
  });

  it('CSAT and CES bodies built by the stats parse; the distribution has the scale’s length', () => {
    const csat = [5, 5, 10, 30, 50];
    const csatBody = {
      metric: 'csat', from: '2025-01-01', to: '2025-01-28',
      total: { ...csatCell(csat), change: meanChangeVs('csat', csat, [10, 10, 20, 30, 30]), vsRest: null },
      groups: [{ key: 'east', label: 'east', ...csatCell(csat), change: null, vsRest: meanVsRest('csat', csat, [15, 15, 30, 60, 80]) }],
    };
    expect(ZCsatResponse.parse(csatBody)).toEqual(csatBody);
    const ces = [10, 0, 0, 0, 0, 0, 30];
    const cesBody = { metric: 'ces', from: '2025-01-01', to: '2025-01-28', total: { ...cesCell(ces), change: meanChangeVs('ces', ces, ces), vsRest: null }, groups: [] };
    expect(ZCesResponse.parse(cesBody)).toEqual(cesBody);
    expect(paths(ZCesResponse.safeParse({ ...cesBody, total: { ...cesBody.total, distribution: [1, 2, 3, 4, 5] } }))).toEqual(['total.distribution']);
    expect(paths(ZCsatResponse.safeParse({ ...csatBody, total: { ...csatBody.total, topTwoBox: 101 } }))).toEqual(['total.topTwoBox']);
  });

  it('every NPS cell the stats can build is a valid cell (property)', () => {
    const counts = fc.record({ promoters: fc.nat(500), passives: fc.nat(500), detractors: fc.nat(500) });
    fc.assert(fc.property(counts, (c) => ZNpsStats.safeParse(npsCell(c)).success));
  });
});

describe('reasons, themes, loop and outcomes bodies', () => {
  it('reasons', () => {
    const body = { items: [{ reasonId: 'long_wait', label: { 'zh-CN': '排队时间长', en: 'Long wait' }, band: 'detractor', count: 12, share: 40 }] };
    expect(ZReasonsResponse.parse(body)).toEqual(body);
    expect(paths(ZReasonsResponse.safeParse({ items: [{ ...body.items[0], share: 140 }] }))).toEqual(['items.0.share']);
  });

  it('themes (label optional)', () => {
    const item = { theme: 'queue', count: 30, share: 12.5, nps: -40, impact: 6.2, examples: [{ responseId: 'r1', comment: '排队太久，电话138****5678' }] };
    expect(ZThemesResponse.parse({ items: [item] })).toEqual({ items: [item] });
    expect(ZThemesResponse.parse({ items: [{ ...item, label: { 'zh-CN': '排队', en: 'Queues' }, nps: null, impact: null }] }).items[0].label?.en).toBe('Queues');
    expect(paths(ZThemesResponse.safeParse({ items: [{ ...item, examples: [{ comment: 'x' }] }] }))).toEqual(['items.0.examples.0.responseId']);
  });

  it('loop', () => {
    const body = {
      detractors: 40, tasksCreated: 38, contacted: 30, firstContactMinutes: { p50: 37.5, p90: 2880 }, slaMetRate: 0.9, resolved: 25,
      recovery: { resurveyed: 10, recovered: 4, scoreBefore: 3.2, scoreAfter: 7.1 },
      invitations: {
        byChannel: [
          { channel: 'subscribe_message', sent: 100, opened: 60, answered: 25, responseRate: 0.25, openRate: 0.6 },
          { channel: 'receipt', sent: 0, opened: 0, answered: 2, responseRate: null, openRate: null },
        ],
        total: { sent: 100, opened: 60, answered: 27, responseRate: 0.27 },
      },
    };
    expect(ZLoopResponse.parse(body)).toEqual(body);
    const empty = { ...body, firstContactMinutes: { p50: null, p90: null }, slaMetRate: null, recovery: { resurveyed: 0, recovered: 0, scoreBefore: null, scoreAfter: null } };
    expect(ZLoopResponse.parse(empty)).toEqual(empty);
    expect(paths(ZLoopResponse.safeParse({ ...body, slaMetRate: 90 }))).toEqual(['slaMetRate']);
    const { invitations } = body;
    expect(paths(ZLoopResponse.safeParse({ ...body, invitations: { ...invitations, total: { ...invitations.total, responseRate: 1.2 } } }))).toEqual(['invitations.total.responseRate']);
    expect(paths(ZLoopResponse.safeParse({ ...body, invitations: { ...invitations, byChannel: [{ ...invitations.byChannel[0], channel: 'email' }] } }))).toEqual(['invitations.byChannel.0.channel']);
    const { invitations: _, ...withoutInvitations } = body;
    expect(paths(ZLoopResponse.safeParse(withoutInvitations))).toEqual(['invitations']);
  });

  it('outcomes, with the mean order value', () => {
    const body = {
      byOrderValue: AMOUNT_BANDS.map(({ id }) => ({ band: id, n: 10, score: 20 })),
      repeatPurchase: [{ npsBand: 'promoter', customers: 50, repeatRate30d: 0.4, repeatRate90d: 0.6 }, { npsBand: 'detractor', customers: 0, repeatRate30d: null, repeatRate90d: null }],
      meanOrderValueFen: 8650,
    };
    expect(ZOutcomesResponse.parse(body)).toEqual(body);
    expect(ZOutcomesResponse.parse({ ...body, meanOrderValueFen: null }).meanOrderValueFen).toBeNull();
    expect(paths(ZOutcomesResponse.safeParse({ ...body, meanOrderValueFen: undefined }))).toEqual(['meanOrderValueFen']);
    expect(paths(ZOutcomesResponse.safeParse({ ...body, byOrderValue: [{ band: 'ge1000', n: 1, score: 0 }] }))).toEqual(['byOrderValue.0.band']);
  });
});
