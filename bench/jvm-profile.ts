/**
 * What DynamoDB Local's JVM spends its CPU on while a load runs: a Java Flight Recorder recording,
 * started and stopped with `jcmd` around the load, its execution samples read with `jfr print`. Each
 * sample is filed under the library its innermost frame outside the JDK belongs to: JSON (Jackson:
 * requests and answers, and the items, table descriptions and stream records the engine keeps as JSON
 * in SQLite), HTTP (Jetty), SQLite, or the engine's own code. Separately: the share of samples under the engine's
 * reading of a table's description from SQLite, which it does on every call. Java code only: JFR does
 * not sample a thread while it runs native code, so SQLite's own C code is not in these shares.
 * Needs the JDK's `jcmd` and `jfr` (a JRE alone has neither): without them the bench says so and goes on.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Figure } from './lib';
import { sampleTree } from './rss';

const JVM_ROLE = 'DynamoDB Local (JVM)';
const RECORDING = 'xinsheng-bench';

/**
 * Layers by package. A sample is filed under the layer of its innermost frame outside the JDK: time in
 * a HashMap or a StringBuilder counts for whoever called it.
 */
const LAYERS: { name: string; test: RegExp }[] = [
  { name: 'SQLite (sqlite4java)', test: /^com\.almworks\.sqlite4java\./ },
  { name: 'JSON (Jackson): requests, answers, and items, table descriptions and stream records as stored', test: /^com\.fasterxml\.jackson\./ },
  { name: 'HTTP (Jetty)', test: /^org\.eclipse\.jetty\./ },
  { name: "the engine's own code (expressions, validation, items)", test: /^(com\.amazonaws|software\.amazon)\./ },
];
const JDK = /^(java|javax|jdk|sun|com\.sun)\./;
const REST = 'other libraries, and the JDK on its own (GC, JIT threads)';
/** The engine reading a table's description (a JSON document in SQLite) before it serves a call. */
const TABLE_DESCRIPTION = /\.(getTableSchemaInfo\w*|getTableInfo|getStreamDescription)\(/;

export interface JvmProfile {
  /** Ends the recording now; its breakdown is read afterwards (the reading takes a core for a few seconds). */
  stop(): { figures(): Promise<Figure[]> };
}

const available = (tool: string) => spawnSync(tool, ['--help'], { stdio: 'ignore' }).error === undefined;
const nothing = { figures: async () => [] };

/**
 * Starts recording the stack's JVM (JFR's `profile` settings: a sample every 10 ms). Attaching the
 * recorder slows this JVM down a lot, so nothing else should be measured meanwhile. The breakdown is
 * nothing, with a line on stderr, when it cannot.
 */
export function startJvmProfile(section: string, what: string): JvmProfile {
  const jvm = sampleTree().find((p) => p.role === JVM_ROLE);
  if (!jvm || !available('jcmd') || !available('jfr')) {
    console.error('bench: no JVM profile (needs a running DynamoDB Local and the JDK tools jcmd and jfr)');
    return { stop: () => nothing };
  }
  const pid = String(jvm.pid);
  execFileSync('jcmd', [pid, 'JFR.start', `name=${RECORDING}`, 'settings=profile'], { stdio: 'ignore' });
  return {
    stop: () => {
      const dir = mkdtempSync(join(tmpdir(), 'xinsheng-jfr-'));
      const file = join(dir, 'load.jfr');
      execFileSync('jcmd', [pid, 'JFR.stop', `name=${RECORDING}`, `filename=${file}`], { stdio: 'ignore' });
      return {
        figures: async () => {
          try {
            return await recordingFigures(file, section, what);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
    },
  };
}

/** The breakdown of a recording's execution samples (a JFR file). */
export async function recordingFigures(file: string, section: string, what: string): Promise<Figure[]> {
  return figuresOf(await readSamples(file), section, what);
}

/** Each execution sample's frames (`package.Class.method(…)`, leaf first), read from `jfr print` as it streams. */
async function readSamples(file: string): Promise<string[][]> {
  const child = spawn('jfr', ['print', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const samples: string[][] = [];
  let frames: string[] | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    const text = line.trim();
    if (text === 'stackTrace = [') frames = [];
    else if (frames && text === ']') {
      samples.push(frames);
      frames = undefined;
    } else if (frames && text && text !== '...') frames.push(text);
  }
  return samples;
}

function figuresOf(samples: string[][], section: string, what: string): Figure[] {
  const counts = new Map<string, number>();
  let described = 0;
  for (const frames of samples) {
    const own = frames.find((f) => !JDK.test(f));
    const layer = (own && LAYERS.find((l) => l.test.test(own))?.name) ?? REST;
    counts.set(layer, (counts.get(layer) ?? 0) + 1);
    if (frames.some((f) => TABLE_DESCRIPTION.test(f))) described++;
  }
  if (!samples.length) return [];
  const share = (n: number) => (100 * n) / samples.length;
  return [
    ...[...counts].sort((a, b) => b[1] - a[1]).map(([layer, n]) => ({ section, metric: `DynamoDB Local's CPU during ${what} (JFR, ${samples.length} samples): ${layer}`, value: share(n), unit: '%' })),
    { section, metric: "…of it under reading a table's description from SQLite, which the engine does for every call (at least: stacks are cut at 64 frames)", value: share(described), unit: '%' },
  ];
}
