// zod/mini, as the other consumer-side schemas: the staff dashboard parses the insight responses with
// these. Definitions only (no top-level effects), so a bundle keeps just the schemas it uses.
import * as z from 'zod/mini';
import { ZChannel, ZExternalId, ZLocalizedText } from './common';
import { ZTouchpointId } from './touchpoints';
import { ZScoreBand } from './survey';
import { isDay } from '../insight/periods';
import { AMOUNT_BANDS, type AmountBand } from '../insight/counters';

/** The insight API (DESIGN.md "Insight → API"): the query every metrics route takes and each route's body. */

/** A store-local calendar day, `YYYY-MM-DD`. */
export const ZDay = z.string().check(z.refine(isDay, 'must be a calendar day YYYY-MM-DD'));

export const ZGroupBy = z.enum(['store', 'region', 'staff', 'touchpoint', 'day', 'week', 'month']);
export type GroupBy = z.infer<typeof ZGroupBy>;

/**
 * The common query: `from`/`to` inclusive store-local days (default the last 28 days, at most 400 —
 * checked with today's date by `parseRange` in insight/periods.ts), optional filters and a grouping.
 */
export const ZInsightQuery = z.object({
  from: z.optional(ZDay),
  to: z.optional(ZDay),
  region: z.optional(ZExternalId),
  store: z.optional(ZExternalId),
  staff: z.optional(ZExternalId),
  /** A touchpoint id; whether the brand has it is checked against the brand (a 400 listing its touchpoints). */
  touchpoint: z.optional(ZTouchpointId),
  groupBy: z.optional(ZGroupBy),
});
export type InsightQuery = z.infer<typeof ZInsightQuery>;

/** `/v1/metrics/reasons` also takes the band whose reasons to list (all bands without it). */
export const ZReasonsQuery = z.extend(ZInsightQuery, { band: z.optional(ZScoreBand) });
export type ReasonsQuery = z.infer<typeof ZReasonsQuery>;

const ZCount = z.number().check(z.int(), z.minimum(0));
const ZPercent = z.number().check(z.minimum(0), z.maximum(100));
/** A rate 0–1 (null with nothing to divide by). */
const ZRate = z.nullable(z.number().check(z.minimum(0), z.maximum(1)));

/**
 * Against the equally long period just before: the previous score (NPS points, or the previous
 * mean for CSAT/CES), delta = current − previous as reported, `significant` by a two-sided z-test at
 * 95 % (never for a small base). Null previousScore / delta when a period has no answers.
 */
export const ZChange = z.object({
  previousScore: z.nullable(z.number()),
  delta: z.nullable(z.number()),
  significant: z.boolean(),
});
export type Change = z.infer<typeof ZChange>;

/** A group against the rest of its parent (parent − group, independent samples). */
export const ZVsRest = z.object({ delta: z.nullable(z.number()), significant: z.boolean() });
export type VsRest = z.infer<typeof ZVsRest>;

/** `change` is null where there is no previous period to compare (a trend bucket); `vsRest` where there is no parent (the total). */
const comparisons = { change: z.nullable(ZChange), vsRest: z.nullable(ZVsRest) };

/** NPS of a cell: score in points (−100…100, one decimal), margin = 95 % half-width in points; counts per band. */
export const ZNpsStats = z.object({
  n: ZCount,
  score: z.nullable(z.number().check(z.minimum(-100), z.maximum(100))),
  margin: z.nullable(z.number().check(z.minimum(0))),
  promoters: ZCount,
  passives: ZCount,
  detractors: ZCount,
  smallBase: z.boolean(),
});
export type NpsStats = z.infer<typeof ZNpsStats>;

/** Mean-scale fields shared by CSAT and CES; `distribution` = answers per score, index = score − 1. */
const meanShape = (size: number) => ({
  n: ZCount,
  mean: z.nullable(z.number()),
  margin: z.nullable(z.number().check(z.minimum(0))),
  distribution: z.array(ZCount).check(z.length(size)),
  smallBase: z.boolean(),
});

/** CSAT (1–5): mean ± 95 % half-width, top-two-box = % answering 4 or 5. */
export const ZCsatStats = z.object({ ...meanShape(5), topTwoBox: z.nullable(ZPercent) });
export type CsatStats = z.infer<typeof ZCsatStats>;

/** CES (1–7, 7 = easiest): mean ± 95 % half-width, lowEffort = % answering 5–7. */
export const ZCesStats = z.object({ ...meanShape(7), lowEffort: z.nullable(ZPercent) });
export type CesStats = z.infer<typeof ZCesStats>;

export const ZNpsCell = z.extend(ZNpsStats, comparisons);
export type NpsCell = z.infer<typeof ZNpsCell>;
export const ZCsatCell = z.extend(ZCsatStats, comparisons);
export type CsatCell = z.infer<typeof ZCsatCell>;
export const ZCesCell = z.extend(ZCesStats, comparisons);
export type CesCell = z.infer<typeof ZCesCell>;

/** The envelope of /nps, /csat and /ces: the total and, with groupBy, one cell per group (`key` the id or bucket, `label` its name). */
function metricBody<M extends string, C extends z.ZodMiniObject>(metric: M, cell: C) {
  return z.object({
    metric: z.literal(metric),
    from: ZDay,
    to: ZDay,
    total: cell,
    groups: z.array(z.extend(cell, { key: z.string(), label: z.string() })),
  });
}

export const ZNpsResponse = metricBody('nps', ZNpsCell);
export type NpsResponse = z.infer<typeof ZNpsResponse>;
export const ZCsatResponse = metricBody('csat', ZCsatCell);
export type CsatResponse = z.infer<typeof ZCsatResponse>;
export const ZCesResponse = metricBody('ces', ZCesCell);
export type CesResponse = z.infer<typeof ZCesResponse>;

/** Reasons: `count` answers of the band chose it; `share` = count / answers of that band (%; several may be chosen). */
export const ZReasonsResponse = z.object({
  items: z.array(z.object({
    reasonId: z.string(),
    label: ZLocalizedText,
    band: ZScoreBand,
    count: ZCount,
    share: z.nullable(ZPercent),
  })),
});
export type ReasonsResponse = z.infer<typeof ZReasonsResponse>;

/**
 * Themes: `count` answers mention it, `share` of all answers (%), `nps` of those answers, `impact` =
 * NPS points the total would gain if they scored like the rest; example comments (PII masked).
 * `label` (the lexicon's name of the theme) is optional: an addition to DESIGN's shape, for the dashboard.
 */
export const ZThemesResponse = z.object({
  items: z.array(z.object({
    theme: z.string(),
    label: z.optional(ZLocalizedText),
    count: ZCount,
    share: z.nullable(ZPercent),
    nps: z.nullable(z.number().check(z.minimum(-100), z.maximum(100))),
    impact: z.nullable(z.number()),
    examples: z.array(z.object({ responseId: z.string(), comment: z.string() })),
  })),
});
export type ThemesResponse = z.infer<typeof ZThemesResponse>;

/**
 * Invitations of the period per channel (subscribe message, SMS link, receipt — every channel, in
 * that order, zeros included) and in total: `sent`, `opened`, `answered` counts, `responseRate` =
 * answered / sent and `openRate` = opened / sent (0–1, null when nothing was sent). Each count is
 * kept under the day it happened, so a period's rate is answered-in-period over sent-in-period
 * (an invitation sent on the 31st and answered on the 1st counts in two periods; the rate is
 * capped at 1 for a short period where answers outrun sends). A receipt is printed, not sent: it
 * counts as sent when it is first scanned. An addition to DESIGN's loop shape, for the dashboard's
 * response-rate card.
 */
const invitationCounts = { sent: ZCount, opened: ZCount, answered: ZCount, responseRate: ZRate };
export const ZInvitationFigures = z.object({
  byChannel: z.array(z.object({ channel: ZChannel, ...invitationCounts, openRate: ZRate })),
  total: z.object(invitationCounts),
});
export type InvitationFigures = z.infer<typeof ZInvitationFigures>;

/**
 * The loop of the period's answers (a cohort): minutes to first contact as p50/p90, rates 0–1, mean
 * scores before/after the re-survey; and the invitations of the period with their response rates.
 */
export const ZLoopResponse = z.object({
  detractors: ZCount,
  tasksCreated: ZCount,
  contacted: ZCount,
  firstContactMinutes: z.object({ p50: z.nullable(z.number().check(z.minimum(0))), p90: z.nullable(z.number().check(z.minimum(0))) }),
  slaMetRate: ZRate,
  resolved: ZCount,
  recovery: z.object({
    resurveyed: ZCount,
    recovered: ZCount,
    scoreBefore: z.nullable(z.number().check(z.minimum(0), z.maximum(10))),
    scoreAfter: z.nullable(z.number().check(z.minimum(0), z.maximum(10))),
  }),
  invitations: ZInvitationFigures,
});
export type LoopResponse = z.infer<typeof ZLoopResponse>;

/** The order-value bands of the counters (insight/counters.ts AMOUNT_BANDS), named once there. */
export const ZAmountBand = z.enum(AMOUNT_BANDS.map(({ id }) => id) as [AmountBand, ...AmountBand[]]);

/**
 * X × O: NPS per order-value band, repeat-purchase rates (0–1) per NPS band, and the mean order value
 * in fen (null with none) — `meanOrderValueFen` is an addition to DESIGN's shape: the dashboard's
 * revenue-at-risk figure needs it.
 */
export const ZOutcomesResponse = z.object({
  byOrderValue: z.array(z.object({
    band: ZAmountBand,
    n: ZCount,
    score: z.nullable(z.number().check(z.minimum(-100), z.maximum(100))),
  })),
  repeatPurchase: z.array(z.object({
    npsBand: ZScoreBand,
    customers: ZCount,
    repeatRate30d: ZRate,
    repeatRate90d: ZRate,
  })),
  meanOrderValueFen: z.nullable(z.number().check(z.minimum(0))),
});
export type OutcomesResponse = z.infer<typeof ZOutcomesResponse>;
