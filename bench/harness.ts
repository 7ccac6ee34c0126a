/**
 * Benchmark harness: each figure is measured over several runs after a warm-up and reported as a median.
 * A group is a file `bench/<group>.bench.ts` whose default export receives a `Bench`.
 */
export type Unit = 'ms' | 'x' | 'KB' | 'per s';

export interface Figure {
  median: number;
  unit: Unit;
  runs: number;
  /** Optional target, printed beside the figure (e.g. "< 100"). */
  target?: string;
}

export interface Bench {
  /** Times `fn` `runs` times after `warmup` untimed runs; records the median in ms. */
  time(id: string, fn: () => unknown | Promise<unknown>, opts?: { runs?: number; warmup?: number; target?: string }): Promise<number[]>;
  /** Records an already measured series (any unit); the median is taken. */
  record(id: string, unit: Unit, samples: number[], target?: string): Figure;
  figures: Record<string, Figure>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function createBench(): Bench {
  const figures: Record<string, Figure> = {};
  const record = (id: string, unit: Unit, samples: number[], target?: string): Figure => {
    const f: Figure = { median: round(median(samples)), unit, runs: samples.length, ...(target ? { target } : {}) };
    figures[id] = f;
    return f;
  };
  return {
    figures,
    record,
    async time(id, fn, opts = {}) {
      const runs = opts.runs ?? 7;
      for (let i = 0; i < (opts.warmup ?? 2); i++) await fn();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      record(id, 'ms', samples, opts.target);
      return samples;
    },
  };
}

function round(x: number): number {
  return Math.abs(x) >= 100 ? Math.round(x * 10) / 10 : Math.round(x * 1000) / 1000;
}
