import type { WavefrontSource } from './scenario.ts';

/**
 * Returns the cycle at which a broadcast wavelet reaches usable PE (x, y).
 * From the west edge it enters every row at once and reaches column x after
 * x + 1 hops. From one PE it spreads over the mesh and arrives after the
 * Manhattan distance in hops.
 */
export function arrivalCycle(source: WavefrontSource, cyclesPerHop: number, x: number, y: number): number {
  if (source.kind === 'west') return cyclesPerHop * (x + 1);
  return cyclesPerHop * (Math.abs(x - source.x) + Math.abs(y - source.y));
}

/** Cycles until the last usable PE has the wavelet. */
export function crossingCycles(source: WavefrontSource, cyclesPerHop: number, usableColumns: number, usableRows: number): number {
  if (source.kind === 'west') return cyclesPerHop * usableColumns;
  const farX = Math.max(source.x, usableColumns - 1 - source.x);
  const farY = Math.max(source.y, usableRows - 1 - source.y);
  return cyclesPerHop * (farX + farY);
}
