/**
 * Centred moving average over `width` points (odd widths are centred
 * exactly; even widths lean one point to the left). Near the ends the window
 * shrinks to the points that exist, and null values are skipped. Width 1
 * returns the values unchanged.
 */
export function movingAverage(values: readonly (number | null)[], width: number): (number | null)[] {
  const span = Math.max(1, Math.floor(width));
  if (span === 1) return [...values];
  const before = Math.floor(span / 2);
  const after = span - 1 - before;
  const result: (number | null)[] = [];
  for (let i = 0; i < values.length; i++) {
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - before); j <= Math.min(values.length - 1, i + after); j++) {
      const value = values[j];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      sum += value;
      count++;
    }
    result.push(count === 0 ? null : sum / count);
  }
  return result;
}
