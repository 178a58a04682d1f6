import { ZChannel, type Channel } from '../schemas/common';
import { ZScoreBand, type ScoreBand } from '../schemas/survey';
import { npsBand } from '../scoring';

/**
 * The insight counters: one row per (brand, dimension, key, store-local day), each a set of flat
 * numeric attributes, so one UpdateItem `ADD` can create or increase any of them (DynamoDB cannot
 * ADD inside a map that does not exist yet). This file is the one definition of that layout:
 * the aggregation writer turns a response (or a loop event) into attribute increments here, and
 * the metrics reader turns a stored row back into a `CounterCell` here.
 *
 * Attribute names (short: an update is billed by the item's size):
 *   n0…n10            NPS histogram                 c1…c5   CSAT histogram    e1…e7  CES histogram
 *   r:<band>:<id>     reason chosen, per NPS band
 *   h:<theme>         responses whose comment mentions the theme; hp:/hd:<theme> of them promoters / detractors
 *   v:<amount>:p|a|d  promoters / passives / detractors per order-value band (the trigger's amountFen)
 *   m:sum / m:n       sum of amountFen (fen) and how many responses carried one (mean order value, for ROX)
 *   i:<channel>:<s>   invitations per channel and state s = sent | opened | answered
 *   l:cb              callback tasks created (responses that need one)    l:ct  first contacts made
 *   l:fc<i>           first contacts per minutes bucket i (FIRST_CONTACT_BUCKETS)
 *   l:sm              first contact within the SLA    l:rv  resolved    l:rs  re-surveyed    l:rc  recovered
 *   l:sb / l:sa       sum of the NPS before / after of re-surveyed detractors
 *   rp:<band>:c|30|90 customers who answered (per band) and of them who bought again within 30 / 90 days
 *   s:<storeId>:p|a|d the store league (dimension `store_league` only): each store's promoters / passives /
 *                     detractors, many stores on one row, by day and by week — see `leagueRows`; stored packed
 *                     as one number per store, b:<storeId> = p + a·10⁵ + d·10¹⁰ (`storedCounters`)
 * Anything else on the row (keys, watermarks `w:<shard>`, `ttl`) is not a counter and is ignored.
 * Loop and repeat counters are kept under the day of the response they are about (a cohort), so a
 * period's rates never exceed 100 %.
 */

export const INSIGHT_DIMENSIONS = ['brand', 'region', 'store', 'staff', 'touchpoint', 'store_touchpoint', 'store_league'] as const;
export type InsightDimension = (typeof INSIGHT_DIMENSIONS)[number];

export const INVITATION_STATES = ['sent', 'opened', 'answered'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** Order-value bands in fen (¥ × 100), lower bound inclusive. */
export const AMOUNT_BANDS = [
  { id: 'lt50', min: 0 },
  { id: '50to100', min: 5_000 },
  { id: '100to200', min: 10_000 },
  { id: '200to500', min: 20_000 },
  { id: 'ge500', min: 50_000 },
] as const;
export type AmountBand = (typeof AMOUNT_BANDS)[number]['id'];

export function amountBand(amountFen: number): AmountBand {
  let band: AmountBand = AMOUNT_BANDS[0].id;
  for (const b of AMOUNT_BANDS) if (amountFen >= b.min) band = b.id;
  return band;
}

/** Upper bounds (minutes, inclusive) of the time-to-first-contact buckets; one more bucket holds the rest. */
export const FIRST_CONTACT_BUCKETS = [5, 15, 30, 60, 120, 240, 480, 1440, 2880] as const;

export function firstContactBucket(minutes: number): number {
  const i = FIRST_CONTACT_BUCKETS.findIndex((bound) => minutes <= bound);
  return i === -1 ? FIRST_CONTACT_BUCKETS.length : i;
}

const BAND_LETTER: Record<ScoreBand, 'p' | 'a' | 'd'> = { promoter: 'p', passive: 'a', detractor: 'd' };

export const attr = {
  nps: (score: number) => `n${score}`,
  csat: (score: number) => `c${score}`,
  ces: (score: number) => `e${score}`,
  reason: (band: ScoreBand, reasonId: string) => `r:${band}:${reasonId}`,
  theme: (theme: string) => `h:${theme}`,
  themePromoters: (theme: string) => `hp:${theme}`,
  themeDetractors: (theme: string) => `hd:${theme}`,
  orderValue: (band: AmountBand, scoreBand: ScoreBand) => `v:${band}:${BAND_LETTER[scoreBand]}`,
  amountSumFen: 'm:sum',
  amountCount: 'm:n',
  invitations: (channel: Channel, state: InvitationState) => `i:${channel}:${state}`,
  callbacks: 'l:cb',
  contacted: 'l:ct',
  firstContact: (bucket: number) => `l:fc${bucket}`,
  slaMet: 'l:sm',
  resolved: 'l:rv',
  resurveyed: 'l:rs',
  recovered: 'l:rc',
  scoreBeforeSum: 'l:sb',
  scoreAfterSum: 'l:sa',
  repeatCustomers: (band: ScoreBand) => `rp:${band}:c`,
  repeatWithin: (band: ScoreBand, days: 30 | 90) => `rp:${band}:${days}`,
} as const;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The counters a figure is made of, where they are a fixed set: a read of the score, loop or outcome
 * figures asks DynamoDB for those alone (a dense day row holds ~200 counters; the loop wants ~40).
 * Reasons and themes are named by ids that come and go with the surveys and the lexicon: they read
 * every counter (`undefined`).
 */
export function countersRead(figure: string): string[] | undefined {
  const nps = range(0, 10).map(attr.nps);
  switch (figure) {
    case 'nps':
      return nps;
    case 'csat':
      return range(1, 5).map(attr.csat);
    case 'ces':
      return range(1, 7).map(attr.ces);
    case 'loop':
      return [
        ...nps, // the detractors of the period
        attr.callbacks, attr.contacted, attr.slaMet, attr.resolved, attr.resurveyed, attr.recovered, attr.scoreBeforeSum, attr.scoreAfterSum,
        ...range(0, FIRST_CONTACT_BUCKETS.length).map(attr.firstContact),
        ...ZChannel.options.flatMap((channel) => INVITATION_STATES.map((state) => attr.invitations(channel, state))),
      ];
    case 'outcomes':
      return [
        ...AMOUNT_BANDS.flatMap(({ id }) => ZScoreBand.options.map((band) => attr.orderValue(id, band))),
        attr.amountSumFen, attr.amountCount,
        ...ZScoreBand.options.flatMap((band) => [attr.repeatCustomers(band), attr.repeatWithin(band, 30), attr.repeatWithin(band, 90)]),
      ];
    default:
      return undefined;
  }
}

/** Attribute → increment. What one event adds to every row it is counted under. */
export type Increments = Record<string, number>;

export interface BandCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface CounterCell {
  /** Index = score (0…10). */
  nps: number[];
  /** Index = score − 1 (1…5). */
  csat: number[];
  /** Index = score − 1 (1…7). */
  ces: number[];
  /** `${band}:${reasonId}` → count. */
  reasons: Record<string, number>;
  themes: Record<string, { n: number; promoters: number; detractors: number }>;
  orderValue: Partial<Record<AmountBand, BandCounts>>;
  /** Order values of the answered invitations that carried one: sum in fen and count. */
  amount: { sumFen: number; n: number };
  /** `${channel}:${state}` → count. */
  invitations: Record<string, number>;
  loop: {
    callbacks: number;
    contacted: number;
    /** Index = FIRST_CONTACT_BUCKETS bucket. */
    firstContact: number[];
    slaMet: number;
    resolved: number;
    resurveyed: number;
    recovered: number;
    scoreBeforeSum: number;
    scoreAfterSum: number;
  };
  repeat: Record<ScoreBand, { customers: number; within30: number; within90: number }>;
}

export function emptyCell(): CounterCell {
  return {
    nps: Array(11).fill(0),
    csat: Array(5).fill(0),
    ces: Array(7).fill(0),
    reasons: {},
    themes: {},
    orderValue: {},
    amount: { sumFen: 0, n: 0 },
    invitations: {},
    loop: {
      callbacks: 0, contacted: 0, firstContact: Array(FIRST_CONTACT_BUCKETS.length + 1).fill(0),
      slaMet: 0, resolved: 0, resurveyed: 0, recovered: 0, scoreBeforeSum: 0, scoreAfterSum: 0,
    },
    repeat: {
      detractor: { customers: 0, within30: 0, within90: 0 },
      passive: { customers: 0, within30: 0, within90: 0 },
      promoter: { customers: 0, within30: 0, within90: 0 },
    },
  };
}

const LETTER_FIELD = { p: 'promoters', a: 'passives', d: 'detractors' } as const;
const LOOP_FIELDS: Record<string, keyof Omit<CounterCell['loop'], 'firstContact'>> = {
  'l:cb': 'callbacks', 'l:ct': 'contacted', 'l:sm': 'slaMet', 'l:rv': 'resolved',
  'l:rs': 'resurveyed', 'l:rc': 'recovered', 'l:sb': 'scoreBeforeSum', 'l:sa': 'scoreAfterSum',
};

/**
 * Adds one stored attribute (name, value) to a cell; names that are not counters are ignored. Each
 * name is told apart by its prefix first (the part before its first `:`, or its letter), so it meets
 * one pattern, not all of them: a dense row holds ~200 counters, and a 90-day read sums a few dozen rows.
 */
function addAttribute(cell: CounterCell, name: string, value: number): void {
  const colon = name.indexOf(':');
  let m: RegExpExecArray | null;
  switch (colon === -1 ? name[0] : name.slice(0, colon)) {
    case 'n':
      if ((m = /^n(\d+)$/.exec(name)) && Number(m[1]) <= 10) cell.nps[Number(m[1])] += value;
      return;
    case 'c':
      if ((m = /^c([1-5])$/.exec(name))) cell.csat[Number(m[1]) - 1] += value;
      return;
    case 'e':
      if ((m = /^e([1-7])$/.exec(name))) cell.ces[Number(m[1]) - 1] += value;
      return;
    case 'r':
      if ((m = /^r:(\w+:.+)$/.exec(name))) cell.reasons[m[1]] = (cell.reasons[m[1]] ?? 0) + value;
      return;
    case 'h':
    case 'hp':
    case 'hd': {
      const theme = (cell.themes[name.slice(colon + 1)] ??= { n: 0, promoters: 0, detractors: 0 });
      if (name[1] === 'p') theme.promoters += value;
      else if (name[1] === 'd') theme.detractors += value;
      else theme.n += value;
      return;
    }
    case 'v':
      if ((m = /^v:(\w+):([pad])$/.exec(name))) {
        const counts = (cell.orderValue[m[1] as AmountBand] ??= { promoters: 0, passives: 0, detractors: 0 });
        counts[LETTER_FIELD[m[2] as 'p' | 'a' | 'd']] += value;
      }
      return;
    case 'm':
      if (name === 'm:sum') cell.amount.sumFen += value;
      else if (name === 'm:n') cell.amount.n += value;
      return;
    case 'i':
      if ((m = /^i:(\w+:\w+)$/.exec(name))) cell.invitations[m[1]] = (cell.invitations[m[1]] ?? 0) + value;
      return;
    case 'l':
      if ((m = /^l:fc(\d+)$/.exec(name)) && Number(m[1]) <= FIRST_CONTACT_BUCKETS.length) cell.loop.firstContact[Number(m[1])] += value;
      else if (LOOP_FIELDS[name]) cell.loop[LOOP_FIELDS[name]] += value;
      return;
    case 'rp':
      if ((m = /^rp:(detractor|passive|promoter):(c|30|90)$/.exec(name))) {
        const repeat = cell.repeat[m[1] as ScoreBand];
        if (m[2] === 'c') repeat.customers += value;
        else if (m[2] === '30') repeat.within30 += value;
        else repeat.within90 += value;
      }
  }
}

/** Adds a stored row (or an `Increments` map) into `into`, scaled by `sign` (−1 subtracts: parent minus group). */
export function addRow(into: CounterCell, row: Record<string, unknown>, sign: 1 | -1 = 1): CounterCell {
  for (const [name, value] of Object.entries(row)) {
    if (typeof value === 'number' && Number.isFinite(value)) addAttribute(into, name, sign * value);
  }
  return into;
}

/** The cell of many rows (days, stores …) summed. */
export function sumRows(rows: Iterable<Record<string, unknown>>): CounterCell {
  const cell = emptyCell();
  for (const row of rows) addRow(cell, row);
  return cell;
}

/** Only the counters of a row, as attribute → number, league counts unpacked (`s:<storeId>:p|a|d`): what a month roll-up sums. */
export function counterAttributes(row: Record<string, unknown>): Increments {
  const out: Increments = {};
  for (const [name, value] of Object.entries(row)) {
    if (typeof value !== 'number') continue;
    if (name.startsWith(PACKED_LEAGUE)) {
      const storeId = name.slice(PACKED_LEAGUE.length);
      const counts = unpackLeague(value);
      for (const field of BAND_FIELDS) {
        const name = leagueAttr(storeId, FIELD_LETTER[field]);
        if (counts[field]) out[name] = (out[name] ?? 0) + counts[field];
      }
    } else if (isCounterAttribute(name)) out[name] = value;
  }
  return out;
}

export function isCounterAttribute(name: string): boolean {
  return /^(n\d+|c[1-5]|e[1-7]|r:.+|h[pd]?:.+|v:.+|m:(sum|n)|i:.+|l:.+|rp:.+|s:.+:[pad])$/.test(name);
}

/** Adds b's increments into a (in place), e.g. merging the responses of one stream batch per row. */
export function mergeIncrements(a: Increments, b: Increments): Increments {
  for (const [name, value] of Object.entries(b)) a[name] = (a[name] ?? 0) + value;
  return a;
}

/** The NPS band counts of a histogram. */
export function npsCounts(histogram: readonly number[]): BandCounts {
  let promoters = 0, passives = 0, detractors = 0;
  histogram.forEach((count, score) => {
    if (score >= 9) promoters += count;
    else if (score >= 7) passives += count;
    else detractors += count;
  });
  return { promoters, passives, detractors };
}

export interface CountedResponse {
  answers: { nps: number; csat?: number; ces?: number; reasons?: string[] };
  band: ScoreBand;
  /** Theme ids the comment mentions (each once). */
  themes: readonly string[];
  amountFen?: number;
  channel?: Channel;
  /** Whether the response gets a callback task (`needsCallback`). */
  callback: boolean;
  /** Whether the customer is known by a keyed hash (counted in `rp:<band>:c`, the repeat-purchase base). */
  identified?: boolean;
}

/** What one first-survey response adds to each row it is counted under. */
export function responseIncrements(response: CountedResponse): Increments {
  const { answers, band } = response;
  const inc: Increments = { [attr.nps(answers.nps)]: 1 };
  if (answers.csat !== undefined) inc[attr.csat(answers.csat)] = 1;
  if (answers.ces !== undefined) inc[attr.ces(answers.ces)] = 1;
  for (const reason of new Set(answers.reasons ?? [])) inc[attr.reason(band, reason)] = 1;
  for (const theme of new Set(response.themes)) {
    inc[attr.theme(theme)] = 1;
    if (band === 'promoter') inc[attr.themePromoters(theme)] = 1;
    if (band === 'detractor') inc[attr.themeDetractors(theme)] = 1;
  }
  if (response.amountFen !== undefined) {
    inc[attr.orderValue(amountBand(response.amountFen), band)] = 1;
    inc[attr.amountSumFen] = response.amountFen;
    inc[attr.amountCount] = 1;
  }
  if (response.channel) inc[attr.invitations(response.channel, 'answered')] = 1;
  if (response.callback) inc[attr.callbacks] = 1;
  if (response.identified) inc[attr.repeatCustomers(band)] = 1;
  return inc;
}

/**
 * What a recovery re-survey adds to the rows of the response it follows up (its cohort: that
 * response's day, store, staff …): one re-surveyed customer, the NPS before and after, and one
 * recovered customer when the new answer is no longer a detractor's (0–6).
 */
export function recoveryIncrements(before: { nps: number }, after: { nps: number }): Increments {
  const inc: Increments = { [attr.resurveyed]: 1, [attr.scoreBeforeSum]: before.nps, [attr.scoreAfterSum]: after.nps };
  if (npsBand(after.nps) !== 'detractor') inc[attr.recovered] = 1;
  return inc;
}

/** The rows (dimension, key) a response or event of a store is counted under. */
export function counterTargets(ctx: { brandId: string; region: string; storeId: string; staffId?: string; touchpoint: string }):
  { dimension: InsightDimension; key: string }[] {
  const targets: { dimension: InsightDimension; key: string }[] = [
    { dimension: 'brand', key: ctx.brandId },
    { dimension: 'region', key: ctx.region },
    { dimension: 'store', key: ctx.storeId },
    { dimension: 'touchpoint', key: ctx.touchpoint },
    { dimension: 'store_touchpoint', key: `${ctx.storeId}|${ctx.touchpoint}` },
  ];
  if (ctx.staffId) targets.push({ dimension: 'staff', key: ctx.staffId });
  return targets;
}

/**
 * The store league: a chain's NPS by store (the dashboard's league table) read from a few rows
 * instead of a partition per store. Each first-survey response also adds one to its store's band on
 * the league row of its day and on the league row of its week (`span: 'week'`, kept as the stream
 * writes, with the same watermarks, so it is always the sum of its days); a brand's stores are spread
 * over LEAGUE_BUCKETS partitions by a stable hash of the store id, so a row holds ~1/16 of the stores,
 * each as one packed number (≈ 0.6 KB at 500 stores: an update stays a write unit or two). A 28-day league with its previous
 * period reads, per partition, the ~6 whole weeks inside the two periods and ~14 ragged days instead
 * of 56 day rows (7 weeks and 9 days when it ends today: the week going on is read as its row). The counts are the store rows' own NPS histogram, summed by band.
 */
export const LEAGUE_BUCKETS = 16;

/** The league partition of a store: FNV-1a of its id, modulo LEAGUE_BUCKETS. */
export function leagueBucket(storeId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < storeId.length; i++) {
    hash ^= storeId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % LEAGUE_BUCKETS);
}

const leagueAttr = (storeId: string, letter: 'p' | 'a' | 'd') => `s:${storeId}:${letter}`;
const BAND_FIELDS = ['promoters', 'passives', 'detractors'] as const;
const FIELD_LETTER = { promoters: 'p', passives: 'a', detractors: 'd' } as const;

/**
 * How a league row stores a store's three counts: one number, `b:<storeId>` = p + a·10⁵ + d·10¹⁰ —
 * a third of the attributes (a dense 500-store league reads ~8 000 store entries, 16 rows of ~31 stores
 * in each of its 16 partitions, and its reader's cost is per attribute, in DynamoDB's JSON and the
 * SDK's). ADD keeps it exact: an increment
 * is the same sum of band weights, and a count stays below 10⁵ on a day or week row (100 000 answers of
 * one band in one store in one week), so no count carries into the next; the largest value, < 10¹⁵,
 * is an exact double. A row may also hold the plain form `s:<storeId>:p|a|d` (a month roll-up whose
 * sum would not fit, a row written before packing); readers add both.
 */
const PACKED_LEAGUE = 'b:';
const LEAGUE_PACK = 100_000;
const LEAGUE_ATTR = /^s:(.+):([pad])$/;
const LETTER_WEIGHT = { p: 1, a: LEAGUE_PACK, d: LEAGUE_PACK * LEAGUE_PACK } as const;

function unpackLeague(value: number): BandCounts {
  return { promoters: value % LEAGUE_PACK, passives: Math.floor(value / LEAGUE_PACK) % LEAGUE_PACK, detractors: Math.floor(value / (LEAGUE_PACK * LEAGUE_PACK)) };
}

/**
 * Counters as a row stores them: each store's league counts packed into `b:<storeId>` when every one
 * of them fits (< 10⁵) and is a whole number ≥ 0, else left plain; every other counter as it is. The
 * aggregation's updates (a batch adds at most its own records) and the month roll-ups are written in
 * this form; `counterAttributes` and `addLeagueCounts` read it back.
 */
export function storedCounters(counters: Increments): Increments {
  const out: Increments = {};
  const stores = new Map<string, Partial<Record<'p' | 'a' | 'd', number>>>();
  for (const [name, value] of Object.entries(counters)) {
    const m = LEAGUE_ATTR.exec(name);
    if (!m) {
      out[name] = value;
      continue;
    }
    const letters = stores.get(m[1]) ?? {};
    letters[m[2] as 'p' | 'a' | 'd'] = value;
    stores.set(m[1], letters);
  }
  for (const [storeId, letters] of stores) {
    const fits = Object.values(letters).every((v) => Number.isInteger(v) && v >= 0 && v < LEAGUE_PACK);
    if (fits) out[`${PACKED_LEAGUE}${storeId}`] = Object.entries(letters).reduce((sum, [letter, v]) => sum + v * LETTER_WEIGHT[letter as 'p' | 'a' | 'd'], 0);
    else for (const [letter, v] of Object.entries(letters)) out[leagueAttr(storeId, letter as 'p' | 'a' | 'd')] = v;
  }
  return out;
}

/**
 * A row one response is counted on: a group (`dimension`, `key`) and the span of the row — its day
 * (the default) or, for the league and the brand total, also its week (`W#<Monday>`, written as the
 * stream goes).
 */
export interface CounterTarget {
  dimension: InsightDimension;
  key: string;
  span?: 'week';
  increments: Increments;
}

/** The league rows (day and week) a store's responses are counted on, and what one response of `band` adds to them. */
export function leagueRows(storeId: string, band: ScoreBand): CounterTarget[] {
  const row = { dimension: 'store_league' as const, key: leagueBucket(storeId), increments: { [leagueAttr(storeId, BAND_LETTER[band])]: 1 } };
  return [row, { ...row, span: 'week', increments: { ...row.increments } }];
}

/**
 * About how big a league row of a chain is (bytes, as DynamoDB sizes items: attribute names and
 * numbers): its share of the stores' packed counts, plus its keys and a few shard watermarks. The
 * read plan weighs week rows against day rows with it.
 */
export function leagueRowBytes(storeIds: readonly string[]): number {
  const counters = storeIds.reduce((sum, id) => sum + PACKED_LEAGUE.length + id.length + 7, 0);
  return Math.ceil(counters / LEAGUE_BUCKETS) + 200;
}

/** Adds one store's band counts on league rows (day rows or roll-ups) into `into` — or, with `sign` −1, takes them off. */
export function addLeagueCounts(into: BandCounts, rows: Iterable<Record<string, unknown>>, storeId: string, sign: 1 | -1 = 1): BandCounts {
  const packed = `${PACKED_LEAGUE}${storeId}`;
  for (const row of rows) {
    const value = row[packed];
    const counts = typeof value === 'number' && Number.isFinite(value) ? unpackLeague(value) : undefined;
    for (const field of BAND_FIELDS) {
      const plain = row[leagueAttr(storeId, FIELD_LETTER[field])];
      into[field] += sign * ((counts?.[field] ?? 0) + (typeof plain === 'number' && Number.isFinite(plain) ? plain : 0));
    }
  }
  return into;
}

/**
 * Week rows of the brand total: the brand's partition also holds, per week (`W#<Monday>`, `span:
 * 'week'`), the sum of its day rows — every counter, added with them: a response's by the stream in the
 * same merged, watermarked update per row and batch, a later event's (a task's contact and resolution,
 * an invitation sent or opened, a repeat purchase, a re-survey) in the same transaction as its day rows
 * (`eventRows`). So a week row is its days' sum at every moment, and every figure of the brand reads its
 * whole weeks as one row each instead of seven (a 28-day NPS and the period before: ≈ 8 week rows and a
 * few days instead of 56 days; the loop's 28 days: 4–5 rows instead of 28). A later event costs one more
 * row in its transaction for it (infra/ACCESS_PATTERNS.md). Regions keep day rows only: a stream batch
 * touches a dozen regions' wide week rows (2–3 write units each): in batches of 100 answers, ≈ 0.1
 * units a response more (bench: 3.26 → 3.37), where the brand's one row costs ≈ 0.01 (3.27).
 *
 * A week cut by a period's boundary is read as its days — or, once settled, as its row less the days
 * outside (functions/src/insight/read-plan.ts) for the figures made of settled counters only
 * (`SETTLED_FIGURES`): the counters a first survey sets and no later event changes. The row and the days
 * taken off it are read apart, and only those counters cannot change between the two reads.
 */
export const WEEK_ROW_DIMENSIONS: readonly InsightDimension[] = ['brand'];
export const SETTLED_FIGURES: readonly string[] = ['nps', 'csat', 'ces', 'reasons', 'themes'];

/** What later events add: loop contacts and outcomes, re-surveys, invitations sent and opened, repeat purchases. */
const LATE_COUNTER = /^(l:(ct|fc\d+|sm|rv|rs|rc|sb|sa)|i:.+:(sent|opened)|rp:.+:(30|90))$/;

/** A counter only a first survey sets (scores, reasons, themes, order value, the answered invitation, the callback, the repeat base). */
export function isSettledCounter(name: string): boolean {
  return !LATE_COUNTER.test(name);
}

/** Whether a group of this dimension keeps week rows (every figure of it may read them). */
export const readsWeekRows = (dimension: InsightDimension) => WEEK_ROW_DIMENSIONS.includes(dimension);

/** Whether a figure may read a settled week cut by a period's boundary as its row less the days outside. */
export const cutsSettledWeeks = (figure: string) => SETTLED_FIGURES.includes(figure);

/** The rows an event about `targets`' day adds `increments` to: those day rows, and the brand's week row. */
export function eventRows(targets: readonly { dimension: InsightDimension; key: string }[], increments: Increments): CounterTarget[] {
  const weeks = targets.filter((t) => readsWeekRows(t.dimension)).map((t) => ({ ...t, span: 'week' as const, increments }));
  return [...targets.map((t) => ({ ...t, increments })), ...weeks];
}

/**
 * Every row one first-survey response is counted on, with what it adds there: its `increments` on
 * the brand, region, store, staff, touchpoint and store × touchpoint rows (counterTargets) and the
 * brand's week row, and its band on its store's league rows.
 */
export function responseRows(ctx: Parameters<typeof counterTargets>[0], band: ScoreBand, increments: Increments): CounterTarget[] {
  return [...eventRows(counterTargets(ctx), increments), ...leagueRows(ctx.storeId, band)];
}
