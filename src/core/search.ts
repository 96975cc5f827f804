/** The result of searching for the largest integer that satisfies a monotone condition. */
export interface LargestResult {
  /** The largest n in [1, limit] that satisfies the condition, or null when 1 does not. */
  value: number | null;
  /** True when the limit itself satisfies it, so the value is a lower bound. */
  atLimit: boolean;
}

/**
 * Finds the largest n in [1, limit] for which `holds(n)` is true, assuming it
 * is true up to some n and false beyond. A doubling search then bisection
 * needs about 2·log2(n) calls, and the result is exact to one.
 */
export function largestSatisfying(holds: (n: number) => boolean, limit: number): LargestResult {
  if (!holds(1)) return { value: null, atLimit: false };
  if (holds(limit)) return { value: limit, atLimit: true };
  let low = 1;
  let high = 2;
  while (high < limit && holds(high)) {
    low = high;
    high = Math.min(high * 2, limit);
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (holds(middle)) low = middle;
    else high = middle;
  }
  return { value: low, atLimit: false };
}
