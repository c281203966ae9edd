/**
 * A small timing loop. Cases run interleaved (a sample of each, round after round) so that drift in
 * the machine's speed hits every case alike; the median sample is reported. A case whose function
 * returns a promise is awaited; a synchronous one is not, so it pays no microtask it would not pay.
 */

export interface BenchCase {
  readonly name: string;
  readonly fn: () => unknown;
}

export interface ThroughputResult {
  readonly name: string;
  /** Median of the samples. */
  readonly opsPerSec: number;
  readonly nsPerOp: number;
  /** Spread of the samples: (max - min) / median, as a fraction. */
  readonly spread: number;
  readonly samples: number;
  /** Operations timed across all samples (warm-up excluded). */
  readonly operations: number;
}

export interface ThroughputOptions {
  /** Time spent warming each case up before sampling. */
  readonly warmupMs?: number;
  /** Target duration of one sample. */
  readonly sampleMs?: number;
  /** Samples per case. */
  readonly samples?: number;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Runs `fn` `count` times and returns the elapsed nanoseconds. */
async function runBatch(fn: () => unknown, async: boolean, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  if (async) {
    for (let i = 0; i < count; i++) await fn();
  } else {
    let sink: unknown;
    for (let i = 0; i < count; i++) sink = fn();
    if (sink === Symbol.for('never')) console.log(sink);
  }
  return Number(process.hrtime.bigint() - start);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Measures ops/s of each case, interleaved. */
export async function compareThroughput(
  cases: readonly BenchCase[],
  options: ThroughputOptions = {},
): Promise<ThroughputResult[]> {
  const { warmupMs = 500, sampleMs = 150, samples = 12 } = options;
  const plans = [];
  for (const c of cases) {
    const async = isThenable(c.fn());
    if (async) await c.fn();
    // Warm up, and learn how many calls fill one sample.
    let count = 1;
    let done = 0;
    let elapsed = 0;
    while (elapsed < warmupMs * 1e6) {
      elapsed += await runBatch(c.fn, async, count);
      done += count;
      count *= 2;
    }
    const perSample = Math.max(1, Math.round((done / elapsed) * sampleMs * 1e6));
    plans.push({ c, async, perSample, rates: [] as number[] });
  }
  for (let round = 0; round < samples; round++) {
    for (const plan of plans) {
      const ns = await runBatch(plan.c.fn, plan.async, plan.perSample);
      plan.rates.push((plan.perSample * 1e9) / ns);
    }
  }
  return plans.map(({ c, rates, perSample }) => {
    const mid = median(rates);
    return {
      name: c.name,
      opsPerSec: mid,
      nsPerOp: 1e9 / mid,
      spread: (Math.max(...rates) - Math.min(...rates)) / mid,
      samples: rates.length,
      operations: perSample * rates.length,
    };
  });
}
