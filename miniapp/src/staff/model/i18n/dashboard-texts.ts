import type { Channel, ScoreBand } from '@xinsheng/shared'
import type { MinuteUnits } from '../insight-format'
import type { CustomPeriodIssue, PeriodPreset, TrendGrain } from '../insight-period'
import type { ScopeLevel } from '../insight-scope'

/** Every fixed text of the dashboard (staff subpackage). Numbers come formatted (insight-format.ts). */
export interface DashboardTexts {
  title: string
  /** The link between the two staff screens (header). */
  toWorkbench: string
  toDashboard: string
  refresh: string
  loading: string
  noData: string
  /** Between the parts of one spoken sentence ("，" / ", "). */
  sep: string
  sectionFailed: string
  period: {
    label: string
    presets: Record<PeriodPreset, string>
    from: string
    to: string
    apply: string
    range: (from: string, to: string) => string
    issues: Record<CustomPeriodIssue, string>
  }
  scope: {
    label: string
    /** The root crumb: everything the signed-in person may see. */
    all: string
    levels: Record<ScopeLevel, string>
    current: (name: string) => string
  }
  /** "n = 40" */
  n: (n: string) => string
  smallBase: string
  smallBaseNote: string
  change: { up: (delta: string) => string; down: (delta: string) => string; none: string; noPrevious: string }
  vsRest: { above: (delta: string) => string; below: (delta: string) => string; none: string }
  kpi: {
    label: string
    nps: string
    csat: string
    csatDetail: (topTwoBox: string) => string
    openTasks: string
    openTasksDetail: (created: string) => string
    sla: string
    slaDetail: string
    responseRate: string
    responseRateDetail: (answered: string, sent: string) => string
    /** The response-rate card when no invitation was sent in the period (its value is "—"). */
    nothingSent: string
    channels: Record<Channel, string>
    /** One channel's line, spoken: label, rate, "answered/sent". */
    channelRate: (channel: string, rate: string, counts: string) => string
    receiptScanned: string
    valueWithMargin: (value: string, margin: string) => string
  }
  trend: {
    title: string
    grainLabel: string
    grains: Record<TrendGrain, string>
    scale: (max: string) => string
    bar: (when: string, value: string, n: string, small: boolean) => string
    empty: string
  }
  table: {
    /** By the level shown: what its rows are (a staff member's level has no table). */
    titles: Record<Exclude<ScopeLevel, 'staff'>, string>
    name: string
    n: string
    nps: string
    vsRest: string
    sortNote: string
    empty: string
    open: (name: string) => string
  }
  reasons: { title: string; bands: Record<ScoreBand, string>; item: (count: string, share: string) => string; empty: string }
  themes: {
    title: string
    count: string
    share: string
    nps: string
    impact: string
    impactNote: string
    examples: string
    empty: string
  }
  loop: {
    title: string
    detractors: string
    contacted: string
    firstContactP50: string
    firstContactP90: string
    sla: string
    resolved: string
    recovered: string
    recoveredValue: (recovered: string, resurveyed: string) => string
    scoreChange: (before: string, after: string) => string
    ofTasks: (n: string, created: string) => string
    none: string
    /** At a staff member's level: the loop is counted per store. */
    perStore: string
  }
  outcomes: {
    title: string
    byOrderValue: string
    orderValue: string
    repeat: string
    npsBand: string
    customers: string
    within30: string
    within90: string
    bands: Record<ScoreBand, string>
    below: (yuan: string) => string
    between: (low: string, high: string) => string
    atLeast: (yuan: string) => string
  }
  rox: {
    title: string
    atRisk: string
    wonBack: string
    atRiskFormula: (gap: string, mean: string) => string
    wonBackFormula: (recovered: string, value: string) => string
    assumptionsTitle: string
    assumptions: (a: { promoterRate: string; promoterN: string; detractorRate: string; detractorN: string; mean: string; recovered: string }) => string[]
    noGap: string
    missing: { 'no-repeat-data': string; 'no-order-value': string }
  }
  units: MinuteUnits
}
