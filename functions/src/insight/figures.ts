import { AMOUNT_BANDS, ZChannel, ZScoreBand, npsCounts, type Channel, type CounterCell, type InvitationState, type LocalizedText, type ScoreBand } from '@xinsheng/shared';

/**
 * The figures of the reasons, themes, loop and outcomes endpoints, from a summed counter cell.
 * Pure: the service reads the rows and the labels, these turn them into numbers.
 */

const BANDS: readonly ScoreBand[] = ZScoreBand.options;
const oneDecimal = (x: number) => Math.round(x * 10) / 10;
/** A share in per cent (one decimal), null when there is nothing to divide by. */
export const percent = (part: number, whole: number) => (whole > 0 ? oneDecimal((part / whole) * 100) : null);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
/** NPS in points from band counts (null with none). */
const npsOf = (promoters: number, detractors: number, n: number) => (n > 0 ? ((promoters - detractors) / n) * 100 : null);

export function bandSizes(cell: CounterCell): Record<ScoreBand, number> {
  const { promoters, passives, detractors } = npsCounts(cell.nps);
  return { promoter: promoters, passive: passives, detractor: detractors };
}

/**
 * Reasons per band: `count` = answers of that band that chose the reason; `share` = count / answers
 * of that band, in per cent. Several reasons may be chosen, so a band's shares can add up past 100.
 * Ordered by band (detractor, passive, promoter), then count.
 */
export function reasonItems(cell: CounterCell, labelOf: (band: ScoreBand, reasonId: string) => LocalizedText, band?: ScoreBand) {
  const sizes = bandSizes(cell);
  const items = Object.entries(cell.reasons)
    .map(([name, count]) => {
      const at = name.indexOf(':');
      return { band: name.slice(0, at) as ScoreBand, reasonId: name.slice(at + 1), count };
    })
    .filter((r) => BANDS.includes(r.band) && r.count > 0 && (band === undefined || r.band === band))
    .map((r) => ({ reasonId: r.reasonId, label: labelOf(r.band, r.reasonId), band: r.band, count: r.count, share: percent(r.count, sizes[r.band]) }));
  return items.sort((a, b) => BANDS.indexOf(a.band) - BANDS.indexOf(b.band) || b.count - a.count || a.reasonId.localeCompare(b.reasonId));
}

/**
 * Themes: `count` = answers whose comment mentions the theme; `share` = count / all answers of the
 * period (per cent), so a theme's weight does not swing with how many customers write a comment;
 * `nps` = the NPS of those answers; `impact` = NPS points the total would gain if those answers
 * scored like the rest: NPS(total with the theme's answers given the rest's band shares) − NPS(total),
 * which works out to NPS(rest) − NPS(total) = (count / n) × (NPS(rest) − NPS(theme)). Positive for
 * a theme that pulls the score down (what fixing it is worth), negative for one that lifts it.
 * Null when every answer mentions the theme (there is no rest). Ordered by |impact|, then count.
 */
export function themeItems(cell: CounterCell) {
  const { promoters, detractors } = npsCounts(cell.nps);
  const n = cell.nps.reduce((a, b) => a + b, 0);
  const total = npsOf(promoters, detractors, n);
  const items = Object.entries(cell.themes)
    .filter(([, t]) => t.n > 0)
    .map(([theme, t]) => {
      const rest = n - t.n;
      const restNps = npsOf(promoters - t.promoters, detractors - t.detractors, rest);
      return {
        theme,
        count: t.n,
        share: percent(t.n, n),
        nps: nullableOneDecimal(npsOf(t.promoters, t.detractors, t.n)),
        impact: restNps === null || total === null ? null : oneDecimal(restNps - total),
      };
    });
  return items.sort((a, b) => Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0) || b.count - a.count || a.theme.localeCompare(b.theme));
}

function nullableOneDecimal(x: number | null) {
  return x === null ? null : oneDecimal(x);
}

/**
 * The loop: of the period's answers (a cohort, counted on the day of the answer), how many were
 * detractors, got a callback task, were contacted (within the SLA: `slaMetRate` = met / contacted),
 * resolved, re-surveyed and recovered; the re-surveyed detractors' mean score before and after.
 */
export function loopFigures(cell: CounterCell, firstContactMinutes: { p50: number | null; p90: number | null }) {
  const { loop } = cell;
  return {
    detractors: bandSizes(cell).detractor,
    tasksCreated: loop.callbacks,
    contacted: loop.contacted,
    firstContactMinutes,
    slaMetRate: ratio(loop.slaMet, loop.contacted),
    resolved: loop.resolved,
    recovery: {
      resurveyed: loop.resurveyed,
      recovered: loop.recovered,
      scoreBefore: nullableOneDecimal(ratio(loop.scoreBeforeSum, loop.resurveyed)),
      scoreAfter: nullableOneDecimal(ratio(loop.scoreAfterSum, loop.resurveyed)),
    },
  };
}

/**
 * Response rates: per channel (every channel, zeros included) and in total, the invitations sent,
 * opened and answered, with responseRate = answered / sent and openRate = opened / sent (0–1, null
 * when nothing was sent). Caveat: each count is kept under the day it happened (sent at dispatch —
 * a receipt at its first scan, being printed —, answered at the answer), not under the day the
 * invitation was sent, so a period's rate is answered-in-period over sent-in-period. Over weeks that
 * is the response rate; over a day or two, answers to the previous period's invitations can outrun
 * the sends, so a rate is capped at 1 (the counts beside it stay as counted).
 */
export function invitationFigures(cell: CounterCell) {
  const count = (channel: Channel, state: InvitationState) => cell.invitations[`${channel}:${state}`] ?? 0;
  const rate = (part: number, sent: number) => (sent > 0 ? Math.min(1, part / sent) : null);
  const byChannel = ZChannel.options.map((channel) => {
    const [sent, opened, answered] = [count(channel, 'sent'), count(channel, 'opened'), count(channel, 'answered')];
    return { channel, sent, opened, answered, responseRate: rate(answered, sent), openRate: rate(opened, sent) };
  });
  const sum = (state: InvitationState) => byChannel.reduce((total, c) => total + c[state], 0);
  const total = { sent: sum('sent'), opened: sum('opened'), answered: sum('answered') };
  return { byChannel, total: { ...total, responseRate: rate(total.answered, total.sent) } };
}

/**
 * X × O: NPS per order-value band (the trigger's amountFen); per NPS band the customers who answered
 * and the share of them who bought again within 30 / 90 days (rates 0–1); the mean order value in fen.
 */
export function outcomeFigures(cell: CounterCell) {
  const byOrderValue = AMOUNT_BANDS.map(({ id }) => {
    const c = cell.orderValue[id] ?? { promoters: 0, passives: 0, detractors: 0 };
    const n = c.promoters + c.passives + c.detractors;
    return { band: id, n, score: nullableOneDecimal(npsOf(c.promoters, c.detractors, n)) };
  });
  const repeatPurchase = BANDS.map((band) => {
    const r = cell.repeat[band];
    return { npsBand: band, customers: r.customers, repeatRate30d: ratio(r.within30, r.customers), repeatRate90d: ratio(r.within90, r.customers) };
  });
  return { byOrderValue, repeatPurchase, meanOrderValueFen: cell.amount.n > 0 ? Math.round(cell.amount.sumFen / cell.amount.n) : null };
}
