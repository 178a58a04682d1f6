import {
  addLeagueCounts, addRow, countersRead, cutsSettledWeeks, readsWeekRows, leagueRowBytes, cesCell, changeVs, leagueBucket, csatCell, emptyCell, firstContactPercentiles, isMonthClosed, meanChangeVs, meanVsRest, npsCell, npsCounts,
  parseRange, previousPeriod, todayIn, vsRest, brandTouchpoints, type TouchpointDef, type BandCounts, type CounterCell, type GroupBy, type Locale, type LocalizedText, type ScoreBand,
  type StaffProfile, type Store, type SurveyDefinition,
} from '@xinsheng/shared';
import { DomainError, badRequest } from '../lib/errors';
import { getBrand, getLatestSurvey, listStores } from '../data/catalog-repo';
import { listStaff } from '../data/staff-repo';
import { readGroups, type CounterGroup } from '../data/insight-read-repo';
import { readPlan, rowsWithin, type DayInterval, type GroupRows, type IntervalRows } from './read-plan';
import { selectRows, type MetricsFilters, type PlannedGroup } from './selection';
import { timeBuckets, type TimeGroupBy } from './time-buckets';
import { invitationFigures, loopFigures, outcomeFigures, reasonItems, themeItems } from './figures';
import { themeExamples, type ThemeTools } from './theme-examples';

/**
 * GET /v1/metrics/{metric}: reads the counter rows of the caller's selection (scope ∩ filters) for
 * the period — and, for the score metrics, the equally long period before it and each trend bucket's
 * previous bucket — in one read plan, then turns the summed cells into figures.
 */

export const METRICS = ['nps', 'csat', 'ces', 'reasons', 'themes', 'loop', 'outcomes'] as const;
export type Metric = (typeof METRICS)[number];
const SCORE_METRICS: readonly Metric[] = ['nps', 'csat', 'ces'];

export interface MetricsRequest extends MetricsFilters {
  metric: Metric;
  from?: string;
  to?: string;
  groupBy?: GroupBy;
  band?: ScoreBand;
  /** Which language group labels are in (Accept-Language); reasons carry both. */
  locale: Locale;
}

export interface MetricsDeps {
  /** Theme extraction and masking for the example comments; without them a theme has no examples. */
  themes?: ThemeTools;
  now: Date;
}

/** The stores' time zone (a brand's stores share one in practice): what "today" and a closed month mean. */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const forbiddenInsightRole = () => new DomainError(403, 'forbidden_role', 'your role may not read the insight figures');

const TIME_GROUPS: readonly string[] = ['day', 'week', 'month'];
const isTimeGroupBy = (groupBy: string | undefined): groupBy is TimeGroupBy => groupBy !== undefined && TIME_GROUPS.includes(groupBy);
const groupId = (g: CounterGroup) => `${g.dimension}#${g.key}`;

/**
 * About how big the brand's day row is in bytes, as DynamoDB bills a read — the
 * whole item, whatever the projection. A row holds the counters its day's answers set, ~8 bytes each:
 * a chain of a few stores sets a few dozen (scores, a reason or two), one of a few dozen stores or
 * more sets most of the ~150–200 there are (every score, reason and theme). The read plan weighs the
 * brand's week rows against its days with it: more Queries only pay for fewer rows when rows are wide.
 */
const brandRowBytes = (stores: number) => Math.min(1600, 100 + 40 * stores);

/** Sums a set of groups' rows over an interval into one cell. */
function cellOf(rowsByGroup: Map<string, GroupRows>, groups: readonly CounterGroup[], interval: DayInterval): CounterCell {
  const cell = emptyCell();
  for (const g of groups) {
    const rows = rowsByGroup.get(groupId(g));
    if (!rows) continue;
    const { plus, minus } = rowsWithin(rows, interval);
    for (const row of plus) addRow(cell, row);
    for (const row of minus) addRow(cell, row, -1);
  }
  return cell;
}

/**
 * A group against the rest of its parent — unless the group holds answers its parent does not (a
 * staff member who also served in a store outside the selection): then there is no rest to compare.
 */
function againstRest<T>(group: readonly number[], parent: readonly number[], compare: () => T): T | null {
  return group.every((count, i) => count <= parent[i]) ? compare() : null;
}

/** The score figure of a cell, with its change against the previous cell and, for a group, against the rest of its parent. */
function scoreCell(metric: Metric, cell: CounterCell, previous: CounterCell, parent?: CounterCell) {
  if (metric === 'nps') return npsFigure(npsCounts(cell.nps), npsCounts(previous.nps), parent && againstRest(cell.nps, parent.nps, () => npsCounts(parent.nps)));
  const scale = metric === 'csat' ? 'csat' : 'ces';
  const histogram = cell[scale];
  return {
    ...(scale === 'csat' ? csatCell(histogram) : cesCell(histogram)),
    change: meanChangeVs(scale, histogram, previous[scale]),
    vsRest: parent ? againstRest(histogram, parent[scale], () => meanVsRest(scale, histogram, parent[scale])) : null,
  };
}

/** An NPS cell from band counts: its change against the previous period's and, given the rest's parent, against that. */
function npsFigure(counts: BandCounts, previous: BandCounts, parent?: BandCounts | null) {
  return { ...npsCell(counts), change: changeVs(counts, previous), vsRest: parent ? vsRest(counts, parent) : null };
}

/** How far ahead of this one another clock (a submit's) may run: a day only counts as not begun a little after that. */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * The last day any counter row can hold yet: the latest of the stores' todays (a response counts
 * under its store-local day, and is never dated ahead of its submit) — so the league's row for the
 * week going on holds exactly its days up to it.
 */
function lastDayHeld(stores: readonly Store[], now: Date): string | undefined {
  const later = new Date(now.getTime() + CLOCK_MARGIN_MS);
  return [...new Set(stores.map((s) => s.timeZone))].map((zone) => todayIn(later, zone)).reduce<string | undefined>((last, day) => (last === undefined || day > last ? day : last), undefined);
}

/** The store league's groups: each store's band counts summed from its league partition's rows (counters.ts `leagueRows`). */
const leagueGroup = (g: PlannedGroup) => ({ dimension: 'store_league' as const, key: leagueBucket(g.key) });
const isStoreLeague = (metric: Metric, groups: readonly PlannedGroup[]) =>
  metric === 'nps' && groups.length > 0 && groups.every((g) => g.kind === 'store' && g.rows.length === 1 && g.rows[0].dimension === 'store' && g.rows[0].key === g.key);

/**
 * Each store's band counts in an interval. A league partition holds about 1/16 of the chain's stores,
 * and all of them want the same rows of it: those are picked out once per partition and interval.
 */
function leagueCounter(rowsByGroup: Map<string, GroupRows>): (g: PlannedGroup, interval: DayInterval) => BandCounts {
  const within = new Map<string, IntervalRows>();
  return (g, interval) => {
    const id = groupId(leagueGroup(g));
    const key = `${id}|${interval.from}|${interval.to}`;
    let rows = within.get(key);
    if (!rows) {
      const group = rowsByGroup.get(id);
      within.set(key, (rows = group ? rowsWithin(group, interval) : { plus: [], minus: [] }));
    }
    return addLeagueCounts(addLeagueCounts({ promoters: 0, passives: 0, detractors: 0 }, rows.plus, g.key), rows.minus, g.key, -1);
  };
}

const same = (text: string): LocalizedText => ({ 'zh-CN': text, en: text });

/**
 * Labels of a groupBy's keys: store names; region ids (regions have no names of their own); staff
 * names from the brand's accounts (the id for staff without one); touchpoint names in `locale`.
 */
async function groupLabels(brandId: string, groups: PlannedGroup[], stores: readonly Store[], touchpoints: readonly TouchpointDef[], locale: Locale): Promise<(key: string) => string> {
  const kind = groups[0]?.kind;
  if (kind === 'store') {
    const names = new Map(stores.map((s) => [s.storeId, s.name]));
    return (key) => names.get(key) ?? key;
  }
  if (kind === 'staff') {
    const names = new Map((await listStaff(brandId)).map((s) => [s.staffId, s.name]));
    return (key) => names.get(key) ?? key;
  }
  if (kind === 'touchpoint') {
    const names = new Map(touchpoints.map((tp) => [tp.id, tp.label[locale]]));
    return (key) => names.get(key) ?? key;
  }
  return (key) => key;
}

/** Reason labels from the surveys the selection's stores use (the brand default first); an unknown id labels itself. */
async function reasonLabels(brandId: string, stores: readonly Store[]): Promise<(band: ScoreBand, reasonId: string) => LocalizedText> {
  const brand = await getBrand(brandId);
  const surveyIds = [...new Set([...(brand ? [brand.defaultSurveyId] : []), ...stores.flatMap((s) => (s.surveyId ? [s.surveyId] : []))])];
  const surveys = (await Promise.all(surveyIds.map((id) => getLatestSurvey(id)))).filter((s): s is SurveyDefinition => Boolean(s));
  const labels = new Map<string, LocalizedText>();
  for (const survey of surveys.reverse()) {
    for (const band of ['detractor', 'passive', 'promoter'] as const) for (const option of survey.reasons[band]) labels.set(`${band}:${option.id}`, option.label);
  }
  return (band, reasonId) => labels.get(`${band}:${reasonId}`) ?? same(reasonId);
}

export async function metrics(staff: StaffProfile, request: MetricsRequest, deps: MetricsDeps): Promise<Record<string, unknown>> {
  const brandStores = (await listStores(staff.brandId)) ?? [];
  const brand = await getBrand(staff.brandId);
  const touchpoints = brand ? brandTouchpoints(brand) : [];
  const today = todayIn(deps.now, brandStores[0]?.timeZone ?? DEFAULT_TIME_ZONE);
  const range = parseRange(request, deps.now, brandStores[0]?.timeZone ?? DEFAULT_TIME_ZONE);
  if (!range.ok) throw badRequest(`query.${range.field} is invalid`, [{ path: ['query', range.field], message: range.message }]);
  const period = range.range;
  const previous = previousPeriod(period);

  // Contacts, SLA and recoveries are counted per brand, region and store only (shared/src/insight/loop-events.ts).
  if (request.metric === 'loop') {
    for (const field of ['staff', 'touchpoint'] as const) {
      if (request[field] !== undefined) throw badRequest(`query.${field} is invalid`, [{ path: ['query', field], message: 'loop figures are kept per brand, region and store' }]);
    }
  }
  const scored = SCORE_METRICS.includes(request.metric);
  const groupBy = scored ? request.groupBy : undefined;
  const selection = selectRows(staff, brandStores, request, isTimeGroupBy(groupBy) ? undefined : groupBy, touchpoints);
  const buckets = isTimeGroupBy(groupBy) ? timeBuckets(period, groupBy) : [];
  const intervals = scored ? [period, previous, ...buckets.flatMap((b) => [b, b.previous])] : [period];
  const isClosed = (month: string) => isMonthClosed(month, today);
  // NPS by store (the league table of a chain) reads the league partitions, a few wide rows, instead of
  // one partition per store — and their week rows where whole weeks fit.
  const league = !buckets.length && isStoreLeague(request.metric, selection.groups);
  const wanted = (groups: readonly CounterGroup[]) => [...new Map(groups.map((g) => [groupId(g), g])).values()];
  const rowGroups = wanted([...selection.total, ...(league ? [] : selection.groups.flatMap((p) => p.rows))]);
  const counters = countersRead(request.metric);
  const lastDay = lastDayHeld(brandStores, deps.now);
  // Groups with week rows (the brand; the league) weigh them: their plan is worked out twice, with and
  // without. Settled weeks cut by a period are read as their row less the days outside only for the
  // figures made of settled counters; the loop and outcomes read such a week as its days. (Reasons and
  // themes read whole rows, whose later counters a cut week may leave off by a late write — they never
  // read those.)
  const cut = cutsSettledWeeks(request.metric);
  const [weekly, daily] = [rowGroups.filter((g) => readsWeekRows(g.dimension)), rowGroups.filter((g) => !readsWeekRows(g.dimension))];
  const reads = [
    { groups: daily, plan: readPlan(intervals, isClosed), counters },
    { groups: weekly, plan: readPlan(intervals, isClosed, { weeks: { rowBytes: brandRowBytes(brandStores.length), lastDay, cut } }), counters },
  ];
  // The league's rows hold nothing but the league.
  if (league) reads.push({ groups: wanted(selection.groups.map(leagueGroup)), plan: readPlan(intervals, isClosed, { weeks: { rowBytes: leagueRowBytes(brandStores.map((s) => s.storeId)), lastDay, cut: true } }), counters: undefined });
  const read = await Promise.all(reads.map((r) => readGroups(staff.brandId, r.groups, r.plan, r.counters)));
  const rowsByGroup = new Map(reads.flatMap((r, i) => r.groups.map((g, j) => [groupId(g), read[i][j]] as const)));
  const total = cellOf(rowsByGroup, selection.total, period);

  if (scored) {
    const totalCell = scoreCell(request.metric, total, cellOf(rowsByGroup, selection.total, previous));
    let groups: Record<string, unknown>[] = [];
    if (buckets.length) {
      groups = buckets.map((b) => ({
        key: b.key,
        label: b.key,
        ...scoreCell(request.metric, cellOf(rowsByGroup, selection.total, b), cellOf(rowsByGroup, selection.total, b.previous), total),
      }));
    } else if (selection.groups.length) {
      const labelOf = await groupLabels(staff.brandId, selection.groups, brandStores, touchpoints, request.locale);
      const parent = npsCounts(total.nps);
      const leagueCounts = leagueCounter(rowsByGroup);
      groups = selection.groups.map((g) => {
        if (!league) return { key: g.key, label: labelOf(g.key), ...scoreCell(request.metric, cellOf(rowsByGroup, g.rows, period), cellOf(rowsByGroup, g.rows, previous), total) };
        const counts = leagueCounts(g, period);
        const inParent = counts.promoters <= parent.promoters && counts.passives <= parent.passives && counts.detractors <= parent.detractors;
        return { key: g.key, label: labelOf(g.key), ...npsFigure(counts, leagueCounts(g, previous), inParent ? parent : null) };
      });
    }
    return { metric: request.metric, from: period.from, to: period.to, total: totalCell, groups };
  }
  if (request.metric === 'reasons') return { items: reasonItems(total, await reasonLabels(staff.brandId, selection.stores), request.band) };
  if (request.metric === 'themes') {
    const items = themeItems(total);
    const examples = deps.themes ? await themeExamples(staff.brandId, selection.stores, period, items.map((i) => i.theme), deps.themes) : new Map();
    return { items: items.map((item) => ({ ...item, ...(deps.themes ? { label: deps.themes.label(item.theme) } : {}), examples: examples.get(item.theme) ?? [] })) };
  }
  // Invitations (sent / opened / answered per channel) are on the same brand, region and store rows as the loop.
  if (request.metric === 'loop') return { ...loopFigures(total, firstContactPercentiles(total.loop.firstContact)), invitations: invitationFigures(total) };
  return outcomeFigures(total);
}
