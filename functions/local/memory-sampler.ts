import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Samples this process's memory while something runs: RSS, and the *live* heap — heapUsed right
 * after a full collection, so garbage waiting for the collector (which grows with how long a
 * download runs, not with what it holds) does not count. For the export's memory test and bench.
 */
setFlagsFromString('--expose-gc');
const collect: () => void = runInNewContext('gc');

export interface MemoryFigures {
  /** Live heap and RSS before, in MB. */
  baseHeapMB: number;
  baseRssMB: number;
  /** The highest live heap and RSS seen while sampling, above the base, in MB. */
  peakHeapDeltaMB: number;
  peakRssDeltaMB: number;
  samples: number;
}

const MB = 2 ** 20;

export function startMemorySampler(everyMs = 100): { stop(): MemoryFigures } {
  collect();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  let samples = 0;
  const sample = () => {
    collect();
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    samples++;
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return {
        baseHeapMB: base.heapUsed / MB,
        baseRssMB: base.rss / MB,
        peakHeapDeltaMB: (peakHeap - base.heapUsed) / MB,
        peakRssDeltaMB: (peakRss - base.rss) / MB,
        samples,
      };
    },
  };
}

/** Reads a streamed body chunk by chunk, keeping only its size and line count. */
export async function drain(body: ReadableStream<Uint8Array>): Promise<{ bytes: number; lines: number; chunks: number }> {
  const reader = body.getReader();
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks++;
    bytes += read.value.length;
    for (const byte of read.value) if (byte === 0x0a) lines++;
  }
  return { bytes, lines, chunks };
}
