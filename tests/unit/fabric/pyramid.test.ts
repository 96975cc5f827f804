import { describe, expect, it } from 'vitest';
import { buildMaxPyramid, levelForScale, maxPoolLevel } from '../../../src/core/fabric/pyramid.ts';

describe('max-pooled pyramid', () => {
  it('keeps a single hot cell at every level', () => {
    const width = 757;
    const height = 996;
    for (const [hx, hy] of [[0, 0], [756, 995], [4, 263], [377, 500]] as const) {
      const values = new Float32Array(width * height).fill(1);
      values[hy * width + hx] = 99;
      const levels = buildMaxPyramid(values, width, height);
      expect(levels.at(-1)!.width).toBe(1);
      levels.forEach((level, index) => {
        const cell = (hy >> index) * level.width + (hx >> index);
        expect(level.values[cell], `level ${index}, hot PE (${hx}, ${hy})`).toBe(99);
        const hotCells = level.values.reduce((count, value) => count + (value === 99 ? 1 : 0), 0);
        expect(hotCells, `level ${index}`).toBe(1);
      });
    }
  });

  it('ignores NaN unless a block has nothing else', () => {
    const level = maxPoolLevel({ width: 4, height: 2, values: Float32Array.from([Number.NaN, 2, Number.NaN, Number.NaN, 1, Number.NaN, Number.NaN, Number.NaN]) });
    expect(level.width).toBe(2);
    expect(level.values[0]).toBe(2);
    expect(level.values[1]).toBeNaN();
  });

  it('pools odd edges without losing them', () => {
    const level = maxPoolLevel({ width: 3, height: 3, values: Float32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 5]) });
    expect(level.width).toBe(2);
    expect(level.height).toBe(2);
    expect(Array.from(level.values)).toEqual([0, 0, 0, 5]);
  });

  it('picks the finest level with cells of a device pixel or more', () => {
    expect(levelForScale(2, 11)).toBe(0);
    expect(levelForScale(1, 11)).toBe(0);
    expect(levelForScale(0.68, 11)).toBe(1);
    expect(levelForScale(0.5, 11)).toBe(1);
    expect(levelForScale(0.3, 11)).toBe(2);
    expect(levelForScale(0.25, 11)).toBe(2);
    expect(levelForScale(0.2, 11)).toBe(3);
    expect(levelForScale(1e-9, 11)).toBe(10);
    for (const scale of [0.9, 0.51, 0.34, 0.13, 0.01]) {
      const cellPixels = 2 ** levelForScale(scale, 20) * scale;
      expect(cellPixels, `scale ${scale}`).toBeGreaterThanOrEqual(1);
      expect(cellPixels, `scale ${scale}`).toBeLessThan(2);
    }
  });
});
