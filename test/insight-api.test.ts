/**
 * GET /v1/metrics/* over real HTTP against the test stack, on counter rows seeded straight into the
 * insight table for a brand of the test's own: every figure is checked against numbers worked out by
 * hand from the answers below. Also the query's validation, the scope rule and what a 400-day query
 * costs (ConsumedCapacity, summed by the stack's DynamoDB proxy).
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ZResponseRecord, addDays, leagueBucket, todayIn, type Store } from '@xinsheng/shared';
import { api, http, stack } from './followup-helpers';
import { putAnswers, putBrand, putRows, staffToken, times, type Answer } from './insight-helpers';
import { TABLES, db, dynamoClient } from '../functions/src/lib/dynamo';
import { keys } from '../functions/src/data/keys';
import { takeApiCapacity, takeConsumedCapacity } from '../functions/local/dynamodb-fault-proxy';
import { prng } from '../functions/local/prng';
import { timeBuckets } from '../functions/src/insight/time-buckets';

void stack;
afterAll(() => dynamoClient.destroy());

const B = `ins${randomUUID().slice(0, 8)}`;
const S1 = `${B}-s1`, S2 = `${B}-s2`, S3 = `${B}-s3`;
const W1 = `${B}-w1`, W3 = `${B}-w3`;
const tokens: Record<string, string> = {};
let stores: Store[];

// March 1–28 (the period) and February (the 28 days before: a whole closed month, read as its roll-up).
const MARCH = (i: number) => `2025-03-${String((i % 28) + 1).padStart(2, '0')}`;
const FEB = (i: number) => `2025-02-${String((i % 28) + 1).padStart(2, '0')}`;
const PERIOD = 'from=2025-03-01&to=2025-03-28';

const promoter = (storeId: string, day: string, more: Partial<Answer> = {}): Answer => ({ day, storeId, nps: 10, csat: 5, ...more });
const passive = (storeId: string, day: string, more: Partial<Answer> = {}): Answer => ({ day, storeId, nps: 8, csat: 4, ...more });
const detractor = (storeId: string, day: string, more: Partial<Answer> = {}): Answer => ({ day, storeId, nps: 3, csat: 2, reasons: ['long_wait'], themes: ['queue'], ...more });

function answers(): Answer[] {
  const s1 = { staffId: W1, amountFen: 12_800 };
  const s3 = { staffId: W3, amountFen: 60_000 };
  return [
    // March. s1: 6 P, 2 A, 2 D (NPS 40); s2: 1 P, 1 A, 3 D (−40, delivery); s3: 30 P, 5 A, 5 D (62.5), its detractors at pickup.
    ...times(6, promoter(S1, MARCH(0), s1)),
    ...times(2, passive(S1, MARCH(1), s1)),
    ...times(2, detractor(S1, MARCH(2), { ...s1, reasons: ['long_wait', 'staff_attitude'] })),
    promoter(S2, MARCH(3), { touchpoint: 'delivery' }),
    passive(S2, MARCH(3), { touchpoint: 'delivery' }),
    ...times(3, detractor(S2, MARCH(4), { touchpoint: 'delivery' })),
    ...times(10, promoter(S3, MARCH(5), { ...s3, themes: ['staff_friendly'] })),
    ...times(20, promoter(S3, MARCH(27), s3)),
    ...times(5, passive(S3, MARCH(6), s3)),
    ...times(5, detractor(S3, MARCH(7), { ...s3, touchpoint: 'pickup' })),
    // February. s1: 2 P, 3 A, 5 D (−30); s3: 20 P, 10 A, 10 D (25).
    ...times(2, promoter(S1, FEB(0), s1)),
    ...times(3, passive(S1, FEB(1), s1)),
    ...times(5, detractor(S1, FEB(2), s1)),
    ...times(20, promoter(S3, FEB(10), s3)),
    ...times(10, passive(S3, FEB(11), s3)),
    ...times(10, detractor(S3, FEB(27), s3)),
    // The loop of s1's March detractors: both contacted (4 and 45 minutes), both within the SLA, one
    // resolved, re-surveyed (3 → 9) and recovered; repeat purchases of s1's March promoters.
    { day: MARCH(2), storeId: S1, nps: 4, staffId: W1, extra: { 'l:ct': 2, 'l:fc0': 1, 'l:fc3': 1, 'l:sm': 2, 'l:rv': 1, 'l:rs': 1, 'l:rc': 1, 'l:sb': 3, 'l:sa': 9, 'rp:promoter:c': 6, 'rp:promoter:30': 3, 'rp:promoter:90': 4, 'rp:detractor:c': 3, 'rp:detractor:30': 0, 'rp:detractor:90': 1 } },
  ];
}

beforeAll(async () => {
  stores = await putBrand(B, [
    { storeId: S1, name: '一号店', region: 'east', staffIds: [W1] },
    { storeId: S2, name: '二号店', region: 'east', staffIds: [] },
    { storeId: S3, name: '三号店', region: 'south', staffIds: [W3] },
  ]);
  await putAnswers(B, stores, answers());
  tokens.hq = await staffToken(B, `${B}-hq`, 'manager', { allRegions: true });
  tokens.east = await staffToken(B, `${B}-east`, 'manager', { regions: ['east'] });
  tokens.store3 = await staffToken(B, `${B}-sup3`, 'supervisor', { stores: [S3] });
  tokens.admin = await staffToken(B, `${B}-admin`, 'admin', { allRegions: true });
  tokens.agent = await staffToken(B, W1, 'agent', { allRegions: true }, '王小明');
}, 60_000);

const get = (path: string, who = 'hq') => http('GET', path, tokens[who]);
const byKey = (groups: any[]) => Object.fromEntries(groups.map((g) => [g.key, g]));

describe('GET /v1/metrics/nps', () => {
  test('the total of the whole brand: n, score, margin, band counts, change against February', async () => {
    const res = await get(`/v1/metrics/nps?${PERIOD}`);
    expect(res.status).toBe(200);
    // March, counted by hand: promoters 6 + 1 + 30 = 37, passives 2 + 1 + 5 = 8, detractors 2 + 3 + 5 + the loop row's 4 = 11.
    expect(res.body.total).toMatchObject({ n: 56, promoters: 37, passives: 8, detractors: 11, smallBase: false, vsRest: null });
    // NPS = (37 − 11) / 56 = 46.43 → 46.4. Var = p + d − (p − d)² = 0.66071 + 0.19643 − 0.46429² = 0.64158; margin = 1.96 · √(0.64158 / 56) = 20.98.
    expect(res.body.total.score).toBe(46.4);
    expect(res.body.total.margin).toBe(21);
    // February: 50 answers, 22 P, 15 D → 14.0. Delta 46.4 − 14.0 = 32.4; SE = √(0.64158/56 + 0.7204/50) = 0.16104, z = 0.3243/0.16104 = 2.01 > 1.96.
    expect(res.body.total.change).toEqual({ previousScore: 14, delta: 32.4, significant: true });
    expect(res.body).toMatchObject({ metric: 'nps', from: '2025-03-01', to: '2025-03-28', groups: [] });
  });

  test('by store: each store against the rest of the brand; small bases are never significant', async () => {
    const res = await get(`/v1/metrics/nps?${PERIOD}&groupBy=store`);
    expect(res.status).toBe(200);
    const g = byKey(res.body.groups);
    expect(Object.keys(g).sort()).toEqual([S1, S2, S3]);
    // s1: 6 P, 2 A, 3 D (with the loop row's detractor) = 11 → (6 − 3)/11 = 27.3; February −30.
    expect(g[S1]).toMatchObject({ label: '一号店', n: 11, score: 27.3, smallBase: true, change: { previousScore: -30, delta: 57.3, significant: false } });
    expect(g[S1].vsRest.significant).toBe(false);
    expect(g[S2]).toMatchObject({ label: '二号店', n: 5, score: -40, change: { previousScore: null, delta: null, significant: false } });
    // s3: 40 answers, 62.5; the rest (s1 + s2): 16 answers, 7 P, 6 D → 6.3 → delta 56.2, not significant (the rest is a small base).
    expect(g[S3]).toMatchObject({ label: '三号店', n: 40, score: 62.5, smallBase: false, vsRest: { delta: 56.2, significant: false } });
    // February s3: 20 P, 10 D of 40 → 25; delta 37.5; SE = √(Var(62.5 %)/40 + Var(25 %)/40): Var₁ = 0.875 − 0.390625 = 0.484375, Var₂ = 0.75 − 0.0625 = 0.6875 → 0.1711, z = 2.19.
    expect(g[S3].change).toEqual({ previousScore: 25, delta: 37.5, significant: true });
  });

  test('by region, staff (names from the accounts), touchpoint', async () => {
    const regions = byKey((await get(`/v1/metrics/nps?${PERIOD}&groupBy=region`)).body.groups);
    expect(regions.east).toMatchObject({ label: 'east', n: 16, promoters: 7, detractors: 6 });
    expect(regions.south).toMatchObject({ n: 40, score: 62.5 });
    const staff = byKey((await get(`/v1/metrics/nps?${PERIOD}&groupBy=staff`)).body.groups);
    expect(staff[W1]).toMatchObject({ label: '王小明', n: 11 });
    expect(staff[W3]).toMatchObject({ label: W3, n: 40 });
    const touchpoints = byKey((await get(`/v1/metrics/nps?${PERIOD}&groupBy=touchpoint`)).body.groups);
    // in store: s1's 11 and s3's 35 non-pickup answers: 36 P, 7 A, 3 D → 33/46 = 71.7.
    expect(touchpoints.in_store).toMatchObject({ label: '门店消费', n: 46, score: 71.7 });
    expect(touchpoints.pickup).toMatchObject({ n: 5, score: -100 });
    expect(touchpoints.delivery).toMatchObject({ n: 5, score: -40 });
    expect(touchpoints.online).toMatchObject({ n: 0, score: null, margin: null });
    const english = await fetch(`${api}/v1/metrics/nps?${PERIOD}&groupBy=touchpoint`, { headers: { authorization: `Bearer ${tokens.hq}`, 'accept-language': 'en-GB,en;q=0.9' } });
    expect(byKey(((await english.json()) as any).groups).in_store.label).toBe('In store');
  });

  test('a trend by month, week and day: buckets add up to the total, each against the bucket before', async () => {
    const months = await get('/v1/metrics/nps?from=2025-02-01&to=2025-03-28&groupBy=month');
    expect(months.status).toBe(200);
    const m = byKey(months.body.groups);
    expect(m['2025-02']).toMatchObject({ n: 50, score: 14, change: { previousScore: null, delta: null, significant: false } });
    // March 1–28 against the 28 days before it (= February).
    expect(m['2025-03']).toMatchObject({ n: 56, score: 46.4, change: { previousScore: 14, delta: 32.4, significant: true } });
    const weeks = await get(`/v1/metrics/nps?${PERIOD}&groupBy=week`);
    expect(weeks.body.groups.map((g: any) => g.key)).toEqual(['2025-W09', '2025-W10', '2025-W11', '2025-W12', '2025-W13']);
    expect(weeks.body.groups.reduce((sum: number, g: any) => sum + g.n, 0)).toBe(56);
    const days = await get(`/v1/metrics/nps?${PERIOD}&groupBy=day`);
    expect(days.body.groups).toHaveLength(28);
    expect(byKey(days.body.groups)['2025-03-28']).toMatchObject({ n: 20, score: 100 });
  });

  test('filters: region, store, staff, touchpoint', async () => {
    expect((await get(`/v1/metrics/nps?${PERIOD}&region=east`)).body.total).toMatchObject({ n: 16, promoters: 7, detractors: 6 });
    expect((await get(`/v1/metrics/nps?${PERIOD}&store=${S3}`)).body.total).toMatchObject({ n: 40, score: 62.5 });
    expect((await get(`/v1/metrics/nps?${PERIOD}&staff=${W1}`)).body.total).toMatchObject({ n: 11, score: 27.3 });
    expect((await get(`/v1/metrics/nps?${PERIOD}&touchpoint=pickup`)).body.total).toMatchObject({ n: 5, score: -100 });
    expect((await get(`/v1/metrics/nps?${PERIOD}&region=east&touchpoint=delivery`)).body.total).toMatchObject({ n: 5, score: -40 });
  });
});

describe('GET /v1/metrics/csat and /ces', () => {
  test('CSAT: mean, margin, top-two-box and distribution', async () => {
    const res = await get(`/v1/metrics/csat?${PERIOD}&groupBy=store`);
    expect(res.status).toBe(200);
    // 37 × 5 + 8 × 4 + 10 × 2 (the loop row has no CSAT) = 237 over 55 → 4.31; top two box 45/55 = 81.8 %.
    expect(res.body.total).toMatchObject({ n: 55, mean: 4.31, topTwoBox: 81.8, distribution: [0, 10, 0, 8, 37], smallBase: false });
    expect(res.body.total.margin).toBeGreaterThan(0);
    expect(byKey(res.body.groups)[S3]).toMatchObject({ n: 40, mean: 4.5 });
  });

  test('CES with no answers: empty cells, nothing significant', async () => {
    const res = await get(`/v1/metrics/ces?${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({ n: 0, mean: null, lowEffort: null, distribution: [0, 0, 0, 0, 0, 0, 0], change: { significant: false } });
  });
});

describe('reasons, themes, loop, outcomes', () => {
  test('reasons: share of the band that chose each, labels from the survey', async () => {
    const res = await get(`/v1/metrics/reasons?${PERIOD}`);
    expect(res.status).toBe(200);
    // 11 detractors (the loop row's has no reasons): long_wait 10 → 90.9 %, staff_attitude 2 → 18.2 %.
    expect(res.body.items).toEqual([
      { reasonId: 'long_wait', label: { 'zh-CN': '排队时间长', en: 'Long wait' }, band: 'detractor', count: 10, share: 90.9 },
      { reasonId: 'staff_attitude', label: { 'zh-CN': '服务态度差', en: 'Unfriendly staff' }, band: 'detractor', count: 2, share: 18.2 },
    ]);
    expect((await get(`/v1/metrics/reasons?${PERIOD}&band=promoter`)).body.items).toEqual([]);
  });

  test('themes: count, share of all answers, NPS of the mentions, impact', async () => {
    const res = await get(`/v1/metrics/themes?${PERIOD}`);
    expect(res.status).toBe(200);
    const t = Object.fromEntries(res.body.items.map((i: any) => [i.theme, i]));
    // queue: 10 detractors of 56 → 17.9 %; the rest (46: 37 P, 1 D) scores 78.3; total 46.4 → impact 31.8 (= 78.26 − 46.43).
    expect(t.queue).toMatchObject({ count: 10, share: 17.9, nps: -100, impact: 31.8 });
    // staff_friendly: 10 promoters; the rest (46: 27 P, 11 D) 34.8 → impact 34.78 − 46.43 = −11.6.
    expect(t.staff_friendly).toMatchObject({ count: 10, share: 17.9, nps: 100, impact: -11.6 });
    expect(res.body.items[0].theme).toBe('queue');
  });

  test('loop: contacts, first-contact percentiles, SLA rate, recovery', async () => {
    const res = await get(`/v1/metrics/loop?${PERIOD}&store=${S1}`);
    expect(res.status).toBe(200);
    // Buckets 0–5 min: 1, 30–60 min: 1 → p50 at rank 1 = 5 min; p90 at rank 1.8 = 30 + 0.8 · 30 = 54 min.
    expect(res.body).toEqual({
      detractors: 3, tasksCreated: 3, contacted: 2, firstContactMinutes: { p50: 5, p90: 54 }, slaMetRate: 1, resolved: 1,
      recovery: { resurveyed: 1, recovered: 1, scoreBefore: 3, scoreAfter: 9 },
      // s1's 11 March answers came by receipt, but this brand's rows count no sends: no rate to give.
      invitations: {
        byChannel: [
          { channel: 'subscribe_message', sent: 0, opened: 0, answered: 0, responseRate: null, openRate: null },
          { channel: 'sms', sent: 0, opened: 0, answered: 0, responseRate: null, openRate: null },
          { channel: 'receipt', sent: 0, opened: 0, answered: 11, responseRate: null, openRate: null },
        ],
        total: { sent: 0, opened: 0, answered: 11, responseRate: null },
      },
    });
  });

  test('outcomes: NPS by order value, repeat purchase by band, mean order value', async () => {
    const res = await get(`/v1/metrics/outcomes?${PERIOD}`);
    expect(res.status).toBe(200);
    const bands = Object.fromEntries(res.body.byOrderValue.map((b: any) => [b.band, b]));
    expect(bands['100to200']).toEqual({ band: '100to200', n: 10, score: 40 });
    expect(bands.ge500).toEqual({ band: 'ge500', n: 40, score: 62.5 });
    expect(bands.lt50).toEqual({ band: 'lt50', n: 0, score: null });
    expect(res.body.repeatPurchase).toContainEqual({ npsBand: 'promoter', customers: 6, repeatRate30d: 0.5, repeatRate90d: 4 / 6 });
    expect(res.body.repeatPurchase).toContainEqual({ npsBand: 'passive', customers: 0, repeatRate30d: null, repeatRate90d: null });
    // (10 × 12 800 + 40 × 60 000) / 50 = 50 560 fen.
    expect(res.body.meanOrderValueFen).toBe(50_560);
  });
});

describe('loop: response rates by channel', () => {
  // A brand of its own, with invitation counters seeded beside the answers (every answer of the
  // helpers comes by receipt: one i:receipt:answered each).
  const R = `insr${randomUUID().slice(0, 8)}`;
  const A = `${R}-a`, Bs = `${R}-b`;
  const rates = (who = 'rates', query = PERIOD) => get(`/v1/metrics/loop?${query}`, who);

  beforeAll(async () => {
    const stores = await putBrand(R, [
      { storeId: A, name: '东店', region: 'east', staffIds: [] },
      { storeId: Bs, name: '南店', region: 'south', staffIds: [] },
    ]);
    tokens.rates = await staffToken(R, `${R}-hq`, 'manager', { allRegions: true });
    tokens.ratesSouth = await staffToken(R, `${R}-south`, 'manager', { regions: ['south'] });
    await putAnswers(R, stores, [
      // Store A, March 3: 4 answers by receipt; subscribe messages 40 sent, 25 opened, 10 answered;
      // SMS 20 / 8 / 2; receipts 16 scanned (sent and opened at the first scan).
      { day: '2025-03-03', storeId: A, nps: 10, extra: {
        'i:subscribe_message:sent': 40, 'i:subscribe_message:opened': 25, 'i:subscribe_message:answered': 10,
        'i:sms:sent': 20, 'i:sms:opened': 8, 'i:sms:answered': 2, 'i:receipt:sent': 16, 'i:receipt:opened': 16,
      } },
      ...times(3, { day: '2025-03-03', storeId: A, nps: 9 }),
      // Store B, March 10: 2 answers by receipt (no receipt counted as sent); SMS 10 / 5 / 3.
      { day: '2025-03-10', storeId: Bs, nps: 3, extra: { 'i:sms:sent': 10, 'i:sms:opened': 5, 'i:sms:answered': 3 } },
      { day: '2025-03-10', storeId: Bs, nps: 8 },
      // February (outside the period): 100 SMS sent, none answered.
      { day: '2025-02-20', storeId: A, nps: 7, extra: { 'i:sms:sent': 100 } },
    ]);
  }, 60_000);

  test('the brand: per channel and in total, rates = answered / sent and opened / sent', async () => {
    const res = await rates();
    expect(res.status).toBe(200);
    expect(res.body.invitations).toEqual({
      byChannel: [
        // 10 / 40 = 0.25 answered, 25 / 40 = 0.625 opened.
        { channel: 'subscribe_message', sent: 40, opened: 25, answered: 10, responseRate: 0.25, openRate: 0.625 },
        // A 20 + B 10 sent, 8 + 5 opened, 2 + 3 answered: 5 / 30, 13 / 30.
        { channel: 'sms', sent: 30, opened: 13, answered: 5, responseRate: 5 / 30, openRate: 13 / 30 },
        // 16 scanned, 4 + 2 answered: 6 / 16 = 0.375.
        { channel: 'receipt', sent: 16, opened: 16, answered: 6, responseRate: 0.375, openRate: 1 },
      ],
      // 86 sent, 54 opened, 21 answered.
      total: { sent: 86, opened: 54, answered: 21, responseRate: 21 / 86 },
    });
    // The rest of the loop body is still there, unchanged.
    expect(res.body).toMatchObject({ detractors: 1, tasksCreated: 1, contacted: 0, slaMetRate: null });
  });

  test('filters and scope: a region, a store, a regional manager; February on its own', async () => {
    const east = (await rates('rates', `${PERIOD}&region=east`)).body.invitations;
    expect(east.total).toEqual({ sent: 76, opened: 49, answered: 16, responseRate: 16 / 76 });
    expect(east.byChannel[1]).toEqual({ channel: 'sms', sent: 20, opened: 8, answered: 2, responseRate: 0.1, openRate: 0.4 });
    // Store B: nothing sent by subscribe message or receipt (its receipt answers have no scans to divide by).
    const store = (await rates('rates', `${PERIOD}&store=${Bs}`)).body.invitations;
    expect(store.byChannel.map((c: any) => [c.channel, c.sent, c.answered, c.responseRate])).toEqual([
      ['subscribe_message', 0, 0, null], ['sms', 10, 3, 0.3], ['receipt', 0, 2, null],
    ]);
    expect(store.total).toEqual({ sent: 10, opened: 5, answered: 5, responseRate: 0.5 });
    expect((await rates('ratesSouth')).body.invitations).toEqual(store);
    expect((await rates('ratesSouth', `${PERIOD}&region=east`)).status).toBe(403);
    const february = (await rates('rates', 'from=2025-02-01&to=2025-02-28')).body.invitations;
    expect(february.total).toEqual({ sent: 100, opened: 0, answered: 1, responseRate: 0.01 });
  });

  test('still kept per brand, region and store: a staff or touchpoint filter is a 400', async () => {
    const res = await rates('rates', `${PERIOD}&touchpoint=in_store`);
    expect({ status: res.status, path: res.body.error.details[0].path }).toEqual({ status: 400, path: ['query', 'touchpoint'] });
  });
});

describe('themes: example comments', () => {
  // A brand of its own: its answers are also real response items (the export index is where examples come from).
  const E = `insx${randomUUID().slice(0, 8)}`;
  const store = `${E}-s1`;
  const comments: [string, string, number][] = [
    ['2025-03-03', '排队太久了，等了二十分钟。电话13812345678', 2],
    ['2025-03-05', '排长队，收银员只有一个', 3],
    ['2025-03-07', '店员态度很好，很热情', 10],
    ['2025-03-09', '又在排队，烦', 4],
    ['2025-03-10', '排队排到门口', 5],
    ['2025-04-02', '排队（这条在期间之外）', 1],
  ];

  beforeAll(async () => {
    const stores = await putBrand(E, [{ storeId: store, name: '示例店', region: 'east', staffIds: [] }]);
    tokens.examples = await staffToken(E, `${E}-hq`, 'manager', { allRegions: true });
    await putAnswers(E, stores, [
      ...comments.slice(0, 5).map(([day, , nps]) => ({ day, storeId: store, nps, themes: nps === 10 ? ['staff_attitude'] : ['waiting_time'] })),
    ]);
    for (const [i, [day, comment, nps]] of comments.entries()) {
      const responseId = `01JX${E.toUpperCase().replace(/[^0-9A-Z]/g, '')}${i}`.padEnd(26, '0').slice(0, 26);
      const invitationId = `${responseId}-inv`;
      const record = ZResponseRecord.parse({
        responseId, invitationId, clientResponseId: `c-${i}`, brandId: E, storeId: store, region: 'east', orderId: `o-${i}`, touchpoint: 'in_store',
        surveyId: `${E}-survey`, surveyVersion: 1, kind: 'survey', answers: { nps, comment }, band: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor',
        submittedAt: `${day}T04:00:00.000Z`, day, timeZone: 'Asia/Shanghai', followUp: { callback: false },
      });
      await db.send(new PutCommand({ TableName: TABLES.responses, Item: { ...keys.response(invitationId), ...keys.responseExport(E, store, day, responseId), ...record } }));
    }
  }, 60_000);

  test('up to 3 per theme, newest first, from the period only, masked, with the theme\'s label', async () => {
    const res = await get('/v1/metrics/themes?from=2025-03-01&to=2025-03-28', 'examples');
    expect(res.status).toBe(200);
    const waiting = res.body.items.find((i: any) => i.theme === 'waiting_time');
    expect(waiting.label).toEqual({ 'zh-CN': '等待时间', en: 'Waiting time' });
    expect(waiting.examples.map((e: any) => e.comment)).toEqual(['排队排到门口', '又在排队，烦', '排长队，收银员只有一个']);
    const attitude = res.body.items.find((i: any) => i.theme === 'staff_attitude');
    expect(attitude.examples).toEqual([{ responseId: expect.any(String), comment: '店员态度很好，很热情' }]);
    // The oldest waiting comment carries a phone number: it is masked wherever it is shown.
    const all = await get('/v1/metrics/themes?from=2025-03-01&to=2025-03-04', 'examples');
    const phone = all.body.items.find((i: any) => i.theme === 'waiting_time').examples[0].comment;
    expect(phone).not.toContain('13812345678');
    expect(phone).toMatch(/^排队太久了，等了二十分钟。电话138\*{4}5678$/);
  });
});

describe('scope', () => {
  test('a regional manager sees their region: the total and the groups are cut to it', async () => {
    const res = await get(`/v1/metrics/nps?${PERIOD}&groupBy=store`, 'east');
    expect(res.status).toBe(200);
    expect(res.body.total).toMatchObject({ n: 16, promoters: 7, detractors: 6 });
    expect(res.body.groups.map((g: any) => g.key).sort()).toEqual([S1, S2]);
    expect(byKey((await get(`/v1/metrics/nps?${PERIOD}&groupBy=region`, 'east')).body.groups)).toEqual({ east: expect.objectContaining({ n: 16 }) });
  });

  test('a store-scoped supervisor sees their store', async () => {
    const res = await get(`/v1/metrics/nps?${PERIOD}&groupBy=staff`, 'store3');
    expect(res.body.total).toMatchObject({ n: 40, score: 62.5 });
    expect(res.body.groups.map((g: any) => g.key)).toEqual([W3]);
  });

  test.each([
    ['store', S3, 'east'],
    ['region', 'south', 'east'],
    ['staff', W3, 'east'],
    ['store', S1, 'store3'],
  ])('an explicit %s filter outside the scope → 403', async (field, id, who) => {
    const res = await get(`/v1/metrics/nps?${PERIOD}&${field}=${id}`, who);
    expect({ status: res.status, code: res.body.error.code, path: res.body.error.details[0].path }).toEqual({ status: 403, code: 'out_of_scope', path: ['query', field] });
  });

  test.each([
    ['store', 'sh-001'],
    ['region', 'nowhere'],
    ['staff', 'sh-001-wang'],
  ])("another brand's (or no) %s → 404", async (field, id) => {
    const res = await get(`/v1/metrics/nps?${PERIOD}&${field}=${id}`);
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 404, code: 'not_found' });
  });

  test('agents → 403 forbidden_role on every metric; no token → 401', async () => {
    for (const metric of ['nps', 'csat', 'ces', 'reasons', 'themes', 'loop', 'outcomes']) {
      const res = await get(`/v1/metrics/${metric}`, 'agent');
      expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 403, code: 'forbidden_role' });
      expect((await http('GET', `/v1/metrics/${metric}`)).status).toBe(401);
    }
    expect((await get('/v1/metrics/nps', 'admin')).status).toBe(200);
  });
});

describe('query validation', () => {
  test.each([
    ['from=2025-13-01', ['query', 'from']],
    ['to=yesterday', ['query', 'to']],
    ['from=2024-01-01&to=2025-03-01', ['query', 'from']],
    ['from=2025-03-10&to=2025-03-01', ['query', 'from']],
    ['groupBy=year', ['query', 'groupBy']],
    ['touchpoint=moon', ['query', 'touchpoint']],
    ['staff=' + W1 + '&touchpoint=in_store', ['query', 'touchpoint']],
  ])('%s → 400 naming the field', async (query, path) => {
    const res = await get(`/v1/metrics/nps?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toContainEqual(path);
  });

  test('loop figures are kept per brand, region and store: a staff or touchpoint filter is a 400 naming it', async () => {
    for (const field of ['staff', 'touchpoint']) {
      const res = await get(`/v1/metrics/loop?${field}=${field === 'staff' ? W1 : 'pickup'}`);
      expect({ status: res.status, path: res.body.error.details[0].path }).toEqual({ status: 400, path: ['query', field] });
    }
  });

  test('reasons takes a band; an unknown metric is a 404', async () => {
    const res = await get('/v1/metrics/reasons?band=angry');
    expect({ status: res.status, path: res.body.error.details[0].path }).toEqual({ status: 400, path: ['query', 'band'] });
    expect((await get('/v1/metrics/revenue')).status).toBe(404);
  });

  test('exactly 400 days is allowed, 401 is not', async () => {
    expect((await get('/v1/metrics/nps?from=2024-02-23&to=2025-03-28')).status).toBe(200);
    expect((await get('/v1/metrics/nps?from=2024-02-22&to=2025-03-28')).status).toBe(400);
  });
});

describe('cost: a query reads a few rows per group, never one per response', () => {
  const C = `inscost${randomUUID().slice(0, 6)}`;
  const stores3 = [`${C}-a`, `${C}-b`, `${C}-c`];
  const FROM = '2024-02-23';
  const TO = '2025-03-28';
  const meter = stack.faultProxyEndpoint;

  beforeAll(async () => {
    await putBrand(C, stores3.map((storeId) => ({ storeId, name: storeId, region: 'east', staffIds: [] })));
    tokens.cost = await staffToken(C, `${C}-hq`, 'manager', { allRegions: true });
    // 800 days (the period and the one before) of rows for the brand and each store: 10 answers a day.
    const rows: Record<string, unknown>[] = [];
    const weeks = new Map<string, Record<string, unknown>>();
    for (let day = '2023-01-20'; day <= TO; day = nextDay(day)) {
      const brandDay = { n10: 21, n3: 9, c5: 7, c2: 3, 'r:detractor:long_wait': 3 };
      rows.push({ ...keys.counterDay(C, 'brand', C, day), ...brandDay });
      for (const s of stores3) rows.push({ ...keys.counterDay(C, 'store', s, day), n10: 7, n3: 3, c5: 7, c2: 3, 'r:detractor:long_wait': 3 });
      // The brand's week row (the sum of its days), as the stream keeps it.
      const brandWeek = keys.counterRow(C, { dimension: 'brand', key: C, span: 'week' }, day);
      const week = weeks.get(`${brandWeek.pk}|${brandWeek.sk}`) ?? { ...brandWeek };
      for (const [name, value] of Object.entries(brandDay)) week[name] = Number(week[name] ?? 0) + value;
      weeks.set(`${brandWeek.pk}|${brandWeek.sk}`, week);
      // The store league (what NPS by store reads): each store's 7 promoters and 3 detractors on its partition's
      // day row, and added to its week's row, as the stream keeps them.
      const league = new Map<string, Record<string, unknown>>();
      for (const s of stores3) {
        for (const key of [keys.counterDay(C, 'store_league', leagueBucket(s), day), keys.counterRow(C, { dimension: 'store_league', key: leagueBucket(s), span: 'week' }, day)]) {
          const id = `${key.pk}|${key.sk}`;
          const row = league.get(id) ?? weeks.get(id) ?? { ...key };
          row[`s:${s}:p`] = Number(row[`s:${s}:p`] ?? 0) + 7;
          row[`s:${s}:d`] = Number(row[`s:${s}:d`] ?? 0) + 3;
          (key.sk.startsWith('W#') ? weeks : league).set(id, row);
        }
      }
      rows.push(...league.values());
    }
    rows.push(...weeks.values());
    await putRows(rows);
  }, 120_000);

  test('400 days by store: ≈ 4 Queries per group; month roll-ups written once, then only read', async () => {
    const path = `/v1/metrics/nps?from=${FROM}&to=${TO}&groupBy=store`;
    await takeApiCapacity(meter!);
    const first = await get(path, 'cost');
    expect(first.status).toBe(200);
    const firstUse = await takeApiCapacity(meter!);
    expect(firstUse.write).toBeGreaterThan(0); // the closed months' roll-ups

    const second = await get(path, 'cost');
    const use = await takeApiCapacity(meter!);
    expect(second.body).toEqual(first.body);
    expect(use.write).toBe(0);
    // 400 days × 10 answers a day in each store: n = 4000 per store, 12 000 for the brand.
    expect(second.body.total).toMatchObject({ n: 12_000, score: 40 });
    expect(second.body.groups.map((g: any) => g.n)).toEqual([4000, 4000, 4000]);

    // What reading every day row of the 800 days would cost, for comparison (same rows, same meter).
    for (const pk of [keys.counterPartition(C, 'brand', C), ...new Set(stores3.map((s) => keys.counterPartition(C, 'store_league', leagueBucket(s))))]) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new QueryCommand({ TableName: TABLES.insight, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)', ExpressionAttributeValues: { ':pk': pk, ':d': 'D#' }, ExclusiveStartKey: startKey }));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    // These Queries are the test's own (its client is no API caller), so they are read from the whole meter.
    const naive = await takeConsumedCapacity(meter!);
    // 4 groups (the brand total and the 3 stores' league partitions) × at most 4 Queries (3 day ranges + the roll-ups), each
    // ≤ 0.5 read units for rows this size, plus the caller's account and the store list: ≤ 10 units.
    expect(use.read).toBeLessThanOrEqual(10);
    // Every day row costs ~36 units here (~4× the query, which includes the account and store reads).
    expect(naive.read).toBeGreaterThan(3 * use.read);
    console.log(`400-day query by store (4 groups): ${use.read} read units, 0 writes; first (roll-ups written): ${firstUse.read} read / ${firstUse.write} write units; every day row: ${naive.read} read units`);
  });
});

describe('NPS by store of a chain big enough for the league\'s week rows, over the 28 days to today', () => {
  const L = `inslg${randomUUID().slice(0, 6)}`;
  const STORES = 64;
  const storeIds = Array.from({ length: STORES }, (_, i) => `${L}-s${String(i + 1).padStart(2, '0')}`);
  // Today as the stack sees it (checked again after the request: a test that straddles midnight is retried by hand, not guessed).
  const today = todayIn(new Date(), 'Asia/Shanghai');
  const random = prng(64);
  const given: Answer[] = [];

  beforeAll(async () => {
    const chain = await putBrand(L, storeIds.map((storeId, i) => ({ storeId, name: storeId, region: i % 2 ? 'east' : 'west', staffIds: [] })));
    tokens.league = await staffToken(L, `${L}-hq`, 'manager', { allRegions: true });
    // 63 days to today (so the week going on has answers, today's too): each store answers on about a third of them.
    for (let d = 62; d >= 0; d--) {
      for (const storeId of storeIds) {
        if (random() >= 0.35) continue;
        const nps = Math.floor(random() * 11);
        // Scores, a reason, a theme (settled counters) and a loop counter (a later event's) of its own.
        given.push({
          day: addDays(today, -d), storeId, nps, csat: 1 + Math.floor(random() * 5),
          reasons: nps <= 6 ? ['long_wait'] : [], themes: random() < 0.3 ? ['queue'] : [], ...(nps <= 6 && random() < 0.5 ? { extra: { 'l:ct': 1 } } : {}),
        });
      }
    }
    await putAnswers(L, chain, given);
  }, 120_000);

  test('every store\'s bands, and its score before, agree with the answers (the week going on read as its row)', async () => {
    const res = await get('/v1/metrics/nps?groupBy=store', 'league');
    expect(res.status).toBe(200);
    if (todayIn(new Date(), 'Asia/Shanghai') !== today) throw new Error('the day changed during the test: run it again');
    expect({ from: res.body.from, to: res.body.to }).toEqual({ from: addDays(today, -27), to: today });
    const count = (storeId: string, from: string, to: string) => {
      const mine = given.filter((a) => a.storeId === storeId && a.day >= from && a.day <= to);
      return { promoters: mine.filter((a) => a.nps >= 9).length, passives: mine.filter((a) => a.nps === 7 || a.nps === 8).length, detractors: mine.filter((a) => a.nps <= 6).length, n: mine.length };
    };
    expect(res.body.groups).toHaveLength(STORES);
    for (const group of res.body.groups) {
      const now = count(group.key, addDays(today, -27), today);
      expect({ key: group.key, n: group.n, promoters: group.promoters, passives: group.passives, detractors: group.detractors }).toEqual({ key: group.key, ...now });
      const before = count(group.key, addDays(today, -55), addDays(today, -28));
      const previous = before.n ? (100 * (before.promoters - before.detractors)) / before.n : null;
      if (previous === null) expect(group.change.previousScore).toBeNull();
      else expect(Math.abs(group.change.previousScore - previous)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    expect(res.body.groups.reduce((sum: number, g: any) => sum + g.n, 0)).toBe(given.filter((a) => a.day >= addDays(today, -27)).length);
  });

  test('the totals read from the brand\'s week rows agree with the answers: NPS now and before, by week, CSAT, reasons, themes, the loop; by region from the day rows', async () => {
    const within = (from: string, to: string, region?: string) => given.filter((a) => a.day >= from && a.day <= to && (region === undefined || storeIds.indexOf(a.storeId) % 2 === (region === 'east' ? 1 : 0)));
    const bands = (answers: Answer[]) => ({ n: answers.length, promoters: answers.filter((a) => a.nps >= 9).length, detractors: answers.filter((a) => a.nps <= 6).length });
    const score = (answers: Answer[]) => { const b = bands(answers); return b.n ? (100 * (b.promoters - b.detractors)) / b.n : null; };
    const [from, to, before] = [addDays(today, -27), today, addDays(today, -28)];
    const [total, byRegion, byWeek, csat, reasons, themes, loop] = await Promise.all(
      ['nps', 'nps?groupBy=region', 'nps?groupBy=week', 'csat', 'reasons', 'themes', 'loop'].map((q) => get(`/v1/metrics/${q}`, 'league')),
    );
    if (todayIn(new Date(), 'Asia/Shanghai') !== today) throw new Error('the day changed during the test: run it again');
    expect(total.body.total).toMatchObject(bands(within(from, to)));
    expect(Math.abs(total.body.total.change.previousScore - score(within(addDays(today, -55), before))!)).toBeLessThanOrEqual(0.05 + 1e-9);
    for (const region of ['east', 'west']) {
      const group = byRegion.body.groups.find((g: any) => g.key === region);
      expect(group).toMatchObject(bands(within(from, to, region)));
      expect(Math.abs(group.change.previousScore - score(within(addDays(today, -55), before, region))!)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    // Each trend bucket (a week, clipped to the period) and the one before it.
    const buckets = timeBuckets({ from, to }, 'week');
    expect(byWeek.body.groups.map((g: any) => g.key)).toEqual(buckets.map((b) => b.key));
    for (const [i, b] of buckets.entries()) {
      const group = byWeek.body.groups[i];
      expect({ key: b.key, n: group.n, promoters: group.promoters, detractors: group.detractors }).toEqual({ key: b.key, ...bands(within(b.from, b.to)) });
      const previous = score(within(b.previous.from, b.previous.to));
      if (previous === null) expect(group.change.previousScore).toBeNull();
      else expect(Math.abs(group.change.previousScore - previous)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    const now = within(from, to);
    expect(csat.body.total.n).toBe(now.length);
    expect(Math.abs(csat.body.total.mean - now.reduce((sum, a) => sum + a.csat!, 0) / now.length)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(reasons.body.items).toEqual([expect.objectContaining({ reasonId: 'long_wait', band: 'detractor', count: bands(now).detractors })]);
    expect(themes.body.items).toEqual([expect.objectContaining({ theme: 'queue', count: now.filter((a) => a.themes?.length).length })]);
    expect(loop.body).toMatchObject({ detractors: bands(now).detractors, contacted: now.filter((a) => a.extra).length });
  });
});

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
