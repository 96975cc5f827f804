import { describe, expect, it } from 'vitest';
import { simulateFabric } from '../../../src/core/fabric/simulate.ts';
import { memoryBreakdown } from '../../../src/core/scaling/memory.ts';
import { bareFabric, runInput, settingsWith, TINY_MODEL } from './helpers.ts';

// Worked by hand for a 4 × 3 fabric, s = 5, b = 1, materialised attention, no recomputation:
// tokens per row [2, 2, 1], features per column [2, 2, 1, 1], keys per column [2, 1, 1, 1].
// Activations t·f·204·2/6 = 68·t·f; scores t·k·(5·2 heads)·2 layers = 20·t·k; reserve 100 + 2 × 10 tile = 120.
const EXPECTED_USED = [
  [472, 432, 296, 296],
  [472, 432, 296, 296],
  [296, 276, 208, 208],
];

function smallRun(sramBytes: number) {
  const parameters = { ...bareFabric(4, 3, sramBytes), reserveBytes: 100, weightTileBytes: 10 };
  return simulateFabric(runInput(TINY_MODEL, settingsWith({}), parameters, { seq: 5 }));
}

describe('4 × 3 fabric', () => {
  it('per-PE memory matches the hand calculation', () => {
    const result = smallRun(1000);
    for (let y = 0; y < 3; y += 1) {
      for (let x = 0; x < 4; x += 1) {
        expect(result.metrics.memory[y * 4 + x], `PE (${x}, ${y})`).toBe(EXPECTED_USED[y]![x]);
      }
    }
  });

  it('stored bytes sum to 2,540', () => {
    const result = smallRun(1000);
    expect(result.summary.storedActivationBytes).toBe(2540);
    const analytic = memoryBreakdown(TINY_MODEL, settingsWith({}), 5);
    expect(analytic.activations + analytic.attention).toBe(2540);
  });

  it('counts PEs over their SRAM as overflowing', () => {
    const result = smallRun(300);
    expect(result.summary.overflowPes).toBe(4);
    expect(Array.from(result.metrics.overflow)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(result.summary.peakBytesPerPe).toBe(472);
  });

  it('marks reserved PEs with no value', () => {
    const parameters = { ...bareFabric(6, 4, 1000), reservedWest: 1, reservedEast: 1, reservedNorth: 1, reserveBytes: 100, weightTileBytes: 10 };
    const result = simulateFabric(runInput(TINY_MODEL, settingsWith({}), parameters, { seq: 5 }));
    expect(result.metrics.memory[0]).toBeNaN();
    expect(result.metrics.memory[5]).toBeNaN();
    expect(result.metrics.memory[6 + 1]).toBe(472);
    expect(result.metrics.memory[3 * 6 + 4]).toBe(208);
  });
});
