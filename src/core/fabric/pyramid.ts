/** One level of a max-pooled pyramid: each cell is the maximum of a 2^level × 2^level block of PEs. */
export interface PyramidLevel {
  width: number;
  height: number;
  values: Float32Array;
}

/**
 * Halves the grid with a 2 × 2 maximum. NaN marks a cell with no value (a
 * reserved PE) and loses to any number, so a block is NaN only when all of it is.
 */
export function maxPoolLevel(level: PyramidLevel): PyramidLevel {
  const width = Math.ceil(level.width / 2);
  const height = Math.ceil(level.height / 2);
  const values = new Float32Array(width * height);
  const source = level.values;
  for (let y = 0; y < height; y += 1) {
    const y0 = 2 * y;
    const y1 = Math.min(y0 + 1, level.height - 1);
    for (let x = 0; x < width; x += 1) {
      const x0 = 2 * x;
      const x1 = Math.min(x0 + 1, level.width - 1);
      let best = Number.NaN;
      const a = source[y0 * level.width + x0]!;
      const b = source[y0 * level.width + x1]!;
      const c = source[y1 * level.width + x0]!;
      const d = source[y1 * level.width + x1]!;
      // Written as comparisons so that NaN never wins: NaN > v and v > NaN are both false.
      if (a === a) best = a;
      if (b > best || best !== best) best = b;
      if (c > best || best !== best) best = c;
      if (d > best || best !== best) best = d;
      values[y * width + x] = best;
    }
  }
  return { width, height, values };
}

/** Levels from the full grid (level 0) down to a single cell. */
export function buildMaxPyramid(values: Float32Array, width: number, height: number): PyramidLevel[] {
  if (values.length !== width * height) throw new RangeError(`values: length ${values.length} does not match ${width} × ${height} = ${width * height}.`);
  const levels: PyramidLevel[] = [{ width, height, values }];
  let current = levels[0]!;
  while (current.width > 1 || current.height > 1) {
    current = maxPoolLevel(current);
    levels.push(current);
  }
  return levels;
}

/**
 * Returns the level to draw when one PE covers `devicePixelsPerPe` device pixels: the
 * finest level whose cells cover at least one device pixel. A cell that wide
 * always contains a pixel centre, so nearest-neighbour sampling never drops a
 * cell, and a single hot PE stays visible at any zoom.
 */
export function levelForScale(devicePixelsPerPe: number, levels: number): number {
  if (devicePixelsPerPe >= 1) return 0;
  const level = Math.ceil(Math.log2(1 / devicePixelsPerPe));
  return Math.max(0, Math.min(levels - 1, level));
}
