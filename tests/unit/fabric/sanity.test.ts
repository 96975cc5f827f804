import { describe, expect, it } from 'vitest';
import { fabricGeometry } from '../../../src/core/fabric/geometry.ts';
import { longestSequenceWithoutOverflow } from '../../../src/core/fabric/maxSeq.ts';
import { simulateFabric } from '../../../src/core/fabric/simulate.ts';
import { waferLayerTime } from '../../../src/core/fabric/waferTiming.ts';
import { layerWork } from '../../../src/core/fabric/work.ts';
import type { ScalingSettings } from '../../../src/core/scaling/settings.ts';
import { GPT_J, runInput, settingsWith, WSE2 } from './helpers.ts';

const WORKING_SET = { tileKeys: 64, include: true };
const geometry = fabricGeometry(WSE2);

function forwardAt(settings: ScalingSettings, s: number) {
  const work = layerWork(GPT_J, settings, s);
  const time = waferLayerTime(work, geometry, WSE2, GPT_J.hidden, s);
  // The ideal forward compute is one of the three (forward, 2 × backward) passes without recomputation.
  return { ...time.forward, idealCompute: time.idealCompute / 3 };
}

/** Finds the smallest value of n in [low, high] at which the predicate turns true, by bisection. */
function firstTrue(low: number, high: number, predicate: (n: number) => boolean): number {
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (predicate(middle)) high = middle;
    else low = middle;
  }
  return high;
}

describe('GPT-J on WSE-2 defaults', () => {
  it('weight streaming bounds s = 2048', () => {
    const result = simulateFabric(runInput(GPT_J, settingsWith({}), WSE2, { seq: 2048 }));
    const { forward, backward } = result.summary.wafer;
    expect(forward.bound).toBe('weightStream');
    expect(backward.bound).toBe('weightStream');
    // 403 MB of layer weights at 150 GB/s: about 2.7 ms per pass.
    expect(forward.weightStream).toBeGreaterThan(2.65e-3);
    expect(forward.weightStream).toBeLessThan(2.75e-3);
    expect(backward.weightStream).toBeCloseTo(2 * forward.weightStream, 12);
  });

  it('forward compute is about 0.14 ms', () => {
    const forward = forwardAt(settingsWith({}), 2048);
    // At 6.6 PFLOP/s (745,500 PEs × 8 × 1.1 GHz), within 5%.
    expect(forward.idealCompute).toBeGreaterThan(0.133e-3);
    expect(forward.idealCompute).toBeLessThan(0.147e-3);
    // The fullest PE has 3 of the 2,048 tokens (2.06 on average) and 6 of the 4,096 features (5.46 on average).
    expect(forward.compute / forward.idealCompute).toBeGreaterThan(1.5);
    expect(forward.compute / forward.idealCompute).toBeLessThan(1.65);
  });

  it('bound moves to compute near 23,000 tokens of one sequence', () => {
    const settings = settingsWith({});
    const ideal = firstTrue(2048, 200_000, (s) => {
      const forward = forwardAt(settings, s);
      return forward.idealCompute > forward.weightStream;
    });
    expect(Math.abs(ideal - 23_000) / 23_000).toBeLessThan(0.03);
    // With the fullest PE deciding, column imbalance (6 features against 5.46) moves it about 9% earlier.
    const simulated = firstTrue(2048, 200_000, (s) => forwardAt(settings, s).bound === 'compute');
    expect(Math.abs(simulated - 23_000) / 23_000).toBeLessThan(0.15);
    expect(simulated).toBeLessThan(ideal);
  });

  it('bound moves to compute near 44,000 tokens of batch', () => {
    const ideal = firstTrue(1, 200, (batch) => {
      const forward = forwardAt(settingsWith({ batch }), 2048);
      return forward.idealCompute > forward.weightStream;
    });
    // 44,000 counts the dense FLOPs only; attention at s = 2,048 adds 8% per token, so allow 10%.
    expect(Math.abs(ideal * 2048 - 44_000) / 44_000).toBeLessThan(0.1);
    const simulated = firstTrue(1, 200, (batch) => forwardAt(settingsWith({ batch }), 2048).bound === 'compute');
    expect(simulated).toBeLessThanOrEqual(ideal);
    expect(simulated / ideal).toBeGreaterThan(0.8);
  });
});

describe('longest GPT-J sequence with no overflow on WSE-2', () => {
  const cases: [string, Partial<ScalingSettings> & { variant?: 'tiled' }, number, number][] = [
    // Expected figures, and the analytic fit of all activations against 40 GB.
    ['materialised, no recomputation', {}, 2250, 3444],
    ['tiled exact attention', { variant: 'tiled' }, 3980, 10_258],
    ['full recomputation', { recompute: 'full' }, 120_000, 174_386],
  ];
  for (const [name, patch, expected, analytic] of cases) {
    it(`is about ${expected.toLocaleString('en-US')} with ${name}`, () => {
      const settings = settingsWith(patch);
      const simulated = longestSequenceWithoutOverflow(GPT_J, settings, WSE2, WORKING_SET, 1e9).maxSeq!;
      expect(Math.abs(simulated - expected) / expected).toBeLessThan(0.005);
      const result = simulateFabric(runInput(GPT_J, settings, { ...WSE2 }, { seq: 1024, fabricId: 'wse-2' }));
      expect(result.summary.analyticMaxSeq).toBe(analytic);
      expect(result.summary.maxSeqNoOverflow).toBe(simulated);
    });
  }
});
