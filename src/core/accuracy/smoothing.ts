/**
 * Centred moving average over a window `width` wide (odd widths are centred
 * exactly; even widths lean one to the left). With `positions` (ascending) the
 * window is counted in positions, else in points. Sparse points, such as an
 * imported table of a few positions, are then averaged only with neighbours
 * that close. Near the ends the window shrinks to the points that exist, and
 * null values are skipped. Width 1 returns the values unchanged.
 */
export function movingAverage(values: readonly (number | null)[], width: number, positions?: readonly number[]): (number | null)[] {
  const span = Math.max(1, Math.floor(width));
  if (span === 1) return [...values];
  const before = Math.floor(span / 2);
  const after = span - 1 - before;
  const ascending = positions !== undefined && positions.length === values.length && positions.every((p, i) => i === 0 || p > positions[i - 1]!);
  const at = (i: number) => (ascending ? positions[i]! : i);
  const result: (number | null)[] = [];
  let first = 0;
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    while (at(first) < at(i) - before) first++;
    while (last + 1 < values.length && at(last + 1) <= at(i) + after) last++;
    let sum = 0;
    let count = 0;
    for (let j = first; j <= last; j++) {
      const value = values[j];
      if (value === null || value === undefined || !Number.isFinite(value)) continue;
      sum += value;
      count++;
    }
    result.push(count === 0 ? null : sum / count);
  }
  return result;
}
