/**
 * Resident memory of the local stack's process tree, sampled from /proc every 500 ms: the peak of
 * each process (by role) and the peak of their sum. Linux only; elsewhere it reports nothing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface Proc {
  pid: number;
  ppid: number;
  rssKiB: number;
  role: string;
}

function readProc(pid: number): Proc | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid, rssKiB, role: roleOf(pid, cmdline) };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** The load generator's process: sampled and shown, but no part of the stack (`npm start` has none). */
export const LOAD_GENERATOR = 'load generator (autocannon; not part of the stack)';

/** What a process of the stack is, from its command line. */
export function roleOf(pid: number, cmdline: string[]): string {
  const line = cmdline.join(' ');
  if (pid === process.pid) return 'bench/start script (stand-ins, stream readers, fault proxy)';
  if (/load-worker/.test(line)) return LOAD_GENERATOR;
  if (/submit-worker/.test(line)) return 'bench worker';
  if (/java/.test(cmdline[0] ?? '') || /DynamoDBLocal/.test(line)) return 'DynamoDB Local (JVM)';
  if (/serverless\.js|serverless offline|sls offline/.test(line)) return 'serverless-offline';
  if (/esbuild/.test(cmdline[0] ?? '') && /--service/.test(line)) return 'esbuild service';
  if (/tsx/.test(line)) return 'tsx launcher';
  if (/\bnpm\b/.test(line)) return 'npm';
  return `other: ${line.slice(0, 60)}`;
}

function allPids(): number[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

/**
 * The stack's root: this process (the bench phase that starts the stack, as `npm start`'s script does)
 * and its children. Not its parent: `npm run bench` runs each phase from a small orchestrator that only
 * waits for it (it held ~165 MiB with every section's modules loaded, and is no part of a stack).
 */
const stackRoot = () => process.pid;

export function sampleTree(root = stackRoot()): Proc[] {
  const procs = allPids().map(readProc).filter((p): p is Proc => Boolean(p));
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const rootProc = procs.find((p) => p.pid === root);
  const tree: Proc[] = rootProc ? [rootProc] : [];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i].pid) ?? []));
  return tree;
}

export interface RssPeaks {
  /** Peak RSS per role in MiB (roles with several processes are summed per sample). */
  perRole: Record<string, number>;
  /** Of this process (the stack's script) at its peak RSS: V8's heap in use and memory outside it (native modules, buffers), MiB. */
  own: { heapUsed: number; heapTotal: number; external: number };
  /** Peak of the whole tree's sum in MiB (one sample, not the sum of the peaks), the load generator left out. */
  total: number;
  samples: number;
}

/**
 * MiB held by a folder's files when it is on a RAM disk (/dev/shm), 0 elsewhere: DynamoDB Local's
 * scratch database lives there, in memory the machine pays for, but in no process's RSS.
 */
export function ramDiskMiB(dir: string | undefined): number {
  if (!dir?.startsWith('/dev/shm/')) return 0;
  try {
    return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0) / 1024 / 1024;
  } catch {
    return 0; // removed meanwhile
  }
}

/** Samples the tree (and `ramDisk`, a folder on a RAM disk counted as memory of the stack) until `stop()` is called. */
export function startRssSampler(intervalMs = 500, ramDisk?: { role: string; dir?: string }): { stop(): RssPeaks } {
  const perRole: Record<string, number> = {};
  let total = 0;
  let samples = 0;
  let ownPeak = 0;
  const own = { heapUsed: 0, heapTotal: 0, external: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    if (usage.rss > ownPeak) {
      ownPeak = usage.rss;
      Object.assign(own, { heapUsed: usage.heapUsed / 2 ** 20, heapTotal: usage.heapTotal / 2 ** 20, external: usage.external / 2 ** 20 });
    }
    if (process.platform !== 'linux') return;
    const byRole: Record<string, number> = {};
    for (const p of sampleTree()) byRole[p.role] = (byRole[p.role] ?? 0) + p.rssKiB / 1024;
    if (ramDisk) byRole[ramDisk.role] = ramDiskMiB(ramDisk.dir);
    for (const [role, mib] of Object.entries(byRole)) perRole[role] = Math.max(perRole[role] ?? 0, mib);
    total = Math.max(total, Object.entries(byRole).reduce((sum, [role, mib]) => sum + (role === LOAD_GENERATOR ? 0 : mib), 0));
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { perRole, own, total, samples };
    },
  };
}

/** User + system CPU seconds a process has used so far (/proc/<pid>/stat, clock ticks of 1/100 s); undefined once gone. */
function cpuSeconds(pid: number): number | undefined {
  try {
    // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime (fields 14 and 15)
  } catch {
    return undefined;
  }
}

export interface CpuUse {
  /** How long the meter ran. */
  seconds: number;
  /** CPU seconds per role over that time. */
  perRole: Record<string, number>;
}

/**
 * CPU time each role of the stack's tree uses while it runs (sampled every `intervalMs`; a process
 * that starts meanwhile counts from zero, one that exits counts until its last sample): where the
 * machine's cores go under a load. Linux only; elsewhere it reports nothing.
 */
export function startCpuMeter(intervalMs = 500): { stop(): CpuUse } {
  const first = new Map<number, number>();
  const last = new Map<number, { role: string; cpu: number }>();
  const started = performance.now();
  const sample = (initial: boolean) => {
    if (process.platform !== 'linux') return;
    for (const p of sampleTree()) {
      const cpu = cpuSeconds(p.pid);
      if (cpu === undefined) continue;
      if (!first.has(p.pid)) first.set(p.pid, initial ? cpu : 0);
      last.set(p.pid, { role: p.role, cpu });
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample(false);
      const perRole: Record<string, number> = {};
      for (const [pid, { role, cpu }] of last) perRole[role] = (perRole[role] ?? 0) + cpu - (first.get(pid) ?? 0);
      return { seconds: (performance.now() - started) / 1000, perRole };
    },
  };
}
