/** Summaries of timing samples: medians and tails, which are what noisy machines allow comparing. */
export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

/** The `q` quantile of sorted samples (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export function summary(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: samples.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), mean: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length) };
}
