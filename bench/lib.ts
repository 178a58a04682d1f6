import type { LocalStack } from '../functions/local/stack';

/** One measured figure. `budget` (same unit) marks a goal; the table says whether it is met. */
export interface Figure {
  section: string;
  metric: string;
  value: number;
  unit: string;
  budget?: number;
}

export interface BenchContext {
  stack: LocalStack & { faultProxyEndpoint: string };
  /** Seconds for each autocannon run (issue floor: 60). */
  httpSeconds: number;
}

export type BenchSection = (context: BenchContext) => Promise<Figure[]>;

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.section,
    f.metric,
    `${round(f.value)} ${f.unit}`,
    f.budget === undefined ? '' : `${f.value <= f.budget ? 'ok' : 'OVER'} (≤ ${f.budget} ${f.unit})`,
  ]);
  const header = ['section', 'metric', 'value', 'budget'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}
