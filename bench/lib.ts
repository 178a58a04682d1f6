import autocannon from 'autocannon';
import type { LocalStack } from '../functions/local/stack';
import { postTrigger } from '../functions/local/store-client';

/**
 * One measured figure. `budget` (same unit) is a ceiling to stay under, `floor` one to stay above;
 * the table says whether it is met. `key` names a figure another section computes from (the cost).
 */
export interface Figure {
  section: string;
  metric: string;
  value: number;
  unit: string;
  budget?: number;
  floor?: number;
  key?: string;
}

export interface BenchContext {
  /** The metered stack (functions → capacity-metering proxy → DynamoDB Local), or for the load runs the stack as `npm start` runs it. */
  stack: LocalStack;
  /** Figures of the sections run so far (the cost section reads them). */
  figures: Figure[];
  /** Seconds for each autocannon run (issue floor: 60). */
  httpSeconds: number;
}

export type BenchSection = (context: BenchContext) => Promise<Figure[]>;

/** The capacity meter of a metered stack (the proxy that sums DynamoDB's ConsumedCapacity). */
export function meterOf(ctx: BenchContext): string {
  if (!ctx.stack.faultProxyEndpoint) throw new Error('this section needs the metered stack (faultProxyPort)');
  return ctx.stack.faultProxyEndpoint;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function printTable(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.section,
    f.metric,
    `${round(f.value)} ${f.unit}`,
    f.budget !== undefined ? `${f.value <= f.budget ? 'ok' : 'OVER'} (≤ ${f.budget} ${f.unit})`
      : f.floor !== undefined ? `${f.value >= f.floor ? 'ok' : 'UNDER'} (≥ ${f.floor} ${f.unit})` : '',
  ]);
  const header = ['section', 'metric', 'value', 'budget'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}

// ---------- calls the sections make, as a store and a consumer would ----------

export async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  return { status: res.status, body: (await res.json()) as any };
}

/** A consumer session (the stand-in's `dev-<name>` login code). */
export async function session(api: string, name: string): Promise<string> {
  return (await json(`${api}/v1/session`, { method: 'POST', body: JSON.stringify({ code: `dev-${name}` }) })).body.token;
}

/** `n` receipt invitations of the first demo store: their tokens, ready to answer. */
export async function receiptTokens(ctx: BenchContext, n: number, prefix = 'bench'): Promise<string[]> {
  const key = ctx.stack.storeKeys[0];
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await postTrigger(ctx.stack.apiBaseUrl, key, {
      storeId: key.storeId, orderId: `${prefix}-${Date.now()}-${i}-${Math.random().toString(36).slice(2, 8)}`, touchpoint: 'in_store',
      occurredAt: new Date().toISOString(), customer: {}, channel: 'receipt',
    });
    tokens.push(new URL(String(res.body.surveyUrl).replace('/#/', '/')).searchParams.get('inv')!);
  }
  return tokens;
}

// ---------- HTTP load (autocannon) ----------

export function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Throughput, p50/p99 and errors (non-2xx, socket errors, timeouts) of one autocannon run. */
export function httpFigures(section: string, label: string, result: autocannon.Result, floor?: { rate: number; p99: number }, key?: string): Figure[] {
  // autocannon counts a timeout among `errors` too.
  const errors = result.errors + result.non2xx;
  const statuses = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2')).map(([code, s]) => `${code}×${s.count}`).join(' ');
  const throughput = result.requests.total / result.duration;
  return [
    { section, metric: `${label}: throughput`, value: throughput, unit: 'req/s', ...(floor ? { floor: floor.rate } : {}), ...(key ? { key: `${key}.rate` } : {}) },
    { section, metric: `${label}: p50 latency`, value: result.latency.p50, unit: 'ms' },
    { section, metric: `${label}: p99 latency`, value: result.latency.p99, unit: 'ms', ...(floor ? { budget: floor.p99 } : {}) },
    { section, metric: `${label}: errors (non-2xx ${result.non2xx}${statuses ? ` [${statuses}]` : ''}, socket ${result.errors} incl. ${result.timeouts} timeouts)`, value: errors, unit: `of ${result.requests.total}`, ...(floor ? { budget: 0 } : {}) },
  ];
}
