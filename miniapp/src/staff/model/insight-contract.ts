import { z } from 'zod'

/**
 * INTERIM: the answers of `GET /v1/metrics/*` as DESIGN.md ("Insight → API") writes them, until the
 * shared zod schemas (`shared/src/schemas/insight.ts`) land on main; then this file goes and the
 * client parses with those. Nothing else in the dashboard imports zod: the rest uses these types.
 */

/** A label as the API may send it: plain text (a store's name) or a zh-CN/en pair (a touchpoint, a reason). */
const ZLabel = z.union([z.string(), z.object({ 'zh-CN': z.string(), en: z.string() })])

const ZChange = z.object({ previousScore: z.number().nullable().optional(), delta: z.number().nullable(), significant: z.boolean() })
const ZVsRest = z.object({ delta: z.number().nullable(), significant: z.boolean() })

const ZNpsCell = z.object({
  n: z.number().int().min(0),
  score: z.number().nullable(),
  margin: z.number().nullable(),
  promoters: z.number().int().min(0),
  passives: z.number().int().min(0),
  detractors: z.number().int().min(0),
  smallBase: z.boolean(),
  change: ZChange.nullable().optional(),
  vsRest: ZVsRest.nullable().optional(),
})

const ZCsatCell = z.object({
  n: z.number().int().min(0),
  mean: z.number().nullable(),
  /** % (0–100) answering 4 or 5. */
  topTwoBox: z.number().nullable().optional(),
  lowEffort: z.number().nullable().optional(),
  margin: z.number().nullable(),
  smallBase: z.boolean(),
  change: z.object({ delta: z.number().nullable(), significant: z.boolean() }).nullable().optional(),
})

const GROUP = { key: z.string(), label: ZLabel }

export const ZNpsMetric = z.object({ metric: z.literal('nps'), from: z.string(), to: z.string(), total: ZNpsCell, groups: z.array(ZNpsCell.extend(GROUP)) })
export const ZCsatMetric = z.object({ metric: z.literal('csat'), from: z.string(), to: z.string(), total: ZCsatCell, groups: z.array(ZCsatCell.extend(GROUP)) })

/** Shares (reasons, themes, CSAT top-two-box) are percentages 0–100; rates (SLA, repeat purchase) are 0–1. */
export const ZReasonsMetric = z.object({
  items: z.array(z.object({ reasonId: z.string(), label: ZLabel, band: z.enum(['detractor', 'passive', 'promoter']), count: z.number().int().min(0), share: z.number().nullable() })),
})

export const ZThemesMetric = z.object({
  items: z.array(
    z.object({
      theme: z.string(),
      label: ZLabel.optional(),
      count: z.number().int().min(0),
      share: z.number().nullable(),
      nps: z.number().nullable(),
      impact: z.number().nullable(),
      examples: z.array(z.object({ responseId: z.string(), comment: z.string() })),
    }),
  ),
})

export const ZLoopMetric = z.object({
  detractors: z.number().int().min(0),
  tasksCreated: z.number().int().min(0),
  contacted: z.number().int().min(0),
  firstContactMinutes: z.object({ p50: z.number().nullable(), p90: z.number().nullable() }),
  slaMetRate: z.number().nullable(),
  resolved: z.number().int().min(0),
  recovery: z.object({ resurveyed: z.number().int().min(0), recovered: z.number().int().min(0), scoreBefore: z.number().nullable(), scoreAfter: z.number().nullable() }),
})

export const ZOutcomesMetric = z.object({
  byOrderValue: z.array(z.object({ band: z.string(), n: z.number().int().min(0), score: z.number().nullable() })),
  repeatPurchase: z.array(
    z.object({ npsBand: z.enum(['detractor', 'passive', 'promoter']), customers: z.number().int().min(0), repeatRate30d: z.number().nullable(), repeatRate90d: z.number().nullable() }),
  ),
  meanOrderValueFen: z.number().nullable().optional(),
})

export type InsightLabel = z.infer<typeof ZLabel>
export type NpsMetric = z.infer<typeof ZNpsMetric>
export type NpsCell = NpsMetric['total']
export type NpsGroup = NpsMetric['groups'][number]
export type CsatMetric = z.infer<typeof ZCsatMetric>
export type ReasonsMetric = z.infer<typeof ZReasonsMetric>
export type ThemesMetric = z.infer<typeof ZThemesMetric>
export type LoopMetric = z.infer<typeof ZLoopMetric>
export type OutcomesMetric = z.infer<typeof ZOutcomesMetric>
