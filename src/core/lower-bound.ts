/**
 * Binary search over anything sorted: the first index in `[0, length)` whose key is at
 * least `value`, keys ascending (`length` if none).
 */
export function lowerBound(length: number, value: number, key: (n: number) => number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
