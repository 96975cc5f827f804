import { describe, expect, it } from 'vitest';
import { simulateFabric } from '../../../src/core/fabric/simulate.ts';
import { arrivalCycle, crossingCycles } from '../../../src/core/fabric/wavefront.ts';
import { bareFabric, runInput, settingsWith, TINY_MODEL } from './helpers.ts';

describe('broadcast wavefront', () => {
  it('arrival is Manhattan distance × cycles per hop', () => {
    const parameters = { ...bareFabric(9, 7, 1e6), cyclesPerHop: 3 };
    const source = { kind: 'point' as const, x: 2, y: 5 };
    const result = simulateFabric(runInput(TINY_MODEL, settingsWith({}), parameters, { seq: 5, source }));
    for (let y = 0; y < 7; y += 1) {
      for (let x = 0; x < 9; x += 1) {
        expect(result.metrics.arrival[y * 9 + x], `PE (${x}, ${y})`).toBe(3 * (Math.abs(x - 2) + Math.abs(y - 5)));
      }
    }
  });

  it('from the west edge reaches column x after x + 1 hops', () => {
    expect(arrivalCycle({ kind: 'west' }, 2, 0, 40)).toBe(2);
    expect(arrivalCycle({ kind: 'west' }, 2, 749, 0)).toBe(1500);
  });

  it('crosses WSE-2 in about 0.7 µs', () => {
    const cycles = crossingCycles({ kind: 'west' }, 1, 750, 994);
    expect(cycles / 1.1e9).toBeCloseTo(0.68e-6, 8);
    const cornerToCorner = crossingCycles({ kind: 'point', x: 0, y: 0 }, 1, 750, 994);
    expect(cornerToCorner).toBe(749 + 993);
    expect(cornerToCorner / 1.1e9).toBeGreaterThan(1.5e-6);
    expect(cornerToCorner / 1.1e9).toBeLessThan(1.7e-6);
  });
});
