import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Device } from '../../../src/core/devices/devices.ts';
import { deviceCapacityBytes } from '../../../src/core/devices/devices.ts';
import { longestSequenceWithoutOverflow } from '../../../src/core/fabric/maxSeq.ts';
import { simulateFabric } from '../../../src/core/fabric/simulate.ts';
import { findModelPreset } from '../../../src/core/models/presets.ts';
import { longestFit } from '../../../src/core/scaling/fit.ts';
import { memoryBreakdown } from '../../../src/core/scaling/memory.ts';
import type { ScalingSettings } from '../../../src/core/scaling/settings.ts';
import { bareFabric, GPT_J, runInput, settingsWith, TINY_MODEL, WSE2 } from './helpers.ts';

const NO_WORKING_SET = { tileKeys: 64, include: false };

function analyticStored(model: typeof GPT_J, settings: ScalingSettings, s: number): number {
  const breakdown = memoryBreakdown(model, { ...settings, logits: false }, s);
  return breakdown.activations + breakdown.attention;
}

function sramDevice(bytes: number): Device {
  return { id: 'sram', name: 'SRAM', kind: 'wafer', memory: bytes / 1e9, memoryUnit: 'GB', peakFlops: 1, memoryBandwidth: 1, memoryMode: 'weight-streaming', source: 'test' };
}

describe('consistency with the scaling model', () => {
  const cases: [string, Partial<ScalingSettings> & { variant?: ScalingSettings['attention']['variant'] }, number][] = [
    ['materialised', {}, 2048],
    ['materialised, uneven', {}, 2251],
    ['tiled', { variant: 'tiled' }, 3000],
    ['selective', { recompute: 'selective' }, 8192],
    ['full', { recompute: 'full' }, 100_000],
    ['batch of 3', { batch: 3 }, 1000],
  ];
  for (const [name, patch, s] of cases) {
    it(`stored bytes sum exactly, GPT-J ${name}`, () => {
      const settings = settingsWith(patch);
      const result = simulateFabric(runInput(GPT_J, settings, WSE2, { seq: s }));
      expect(result.summary.storedActivationBytes).toBe(analyticStored(GPT_J, settings, s));
    });
  }

  // Rates that are not whole bytes round in float64 over 745,500 PEs: allow 1e-9 relative.
  it('stored bytes sum for gated and grouped-query models', () => {
    for (const id of ['llama-2-7b', 'llama-2-70b', 'gpt2']) {
      const model = findModelPreset(id);
      expect(model, id).toBeDefined();
      if (!model) return;
      for (const variant of ['materialised', 'window', 'lowrank'] as const) {
        const settings = settingsWith({ variant });
        const result = simulateFabric(runInput(model, settings, WSE2, { seq: 1531 }));
        const expected = analyticStored(model, settings, 1531);
        expect(Math.abs(result.summary.storedActivationBytes - expected) / expected, `${id} ${variant}`).toBeLessThan(1e-9);
      }
    }
  });

  it('longest sequence equals the analytic fit on an even fabric', () => {
    // 3 × 4 PEs, h = 6 and s = 12 divide evenly: t = 3, f = 2, k = 4, so 3·2·68 + 20·3·4 = 648 bytes per PE,
    // and the analytic memory 408·s + 20·s² reaches 12 × 648 = 7,776 bytes exactly at s = 12.
    const parameters = bareFabric(3, 4, 648);
    const device = sramDevice(3 * 4 * 648);
    expect(deviceCapacityBytes(device)).toBe(7776);
    const settings = settingsWith({});
    const fit = longestFit(TINY_MODEL, settings, device);
    const simulated = longestSequenceWithoutOverflow(TINY_MODEL, settings, parameters, NO_WORKING_SET, 1_000_000);
    expect(fit.maxSeq).toBe(12);
    expect(simulated.maxSeq).toBe(12);
  });

  it('longest sequence equals the fit for GPT-J on an even fabric', () => {
    // 1,024 columns divide h = 4,096; at s = 4,096 on 512 rows every share is whole (t = 8, f = 4, k = 4).
    const parameters = bareFabric(1024, 512, 1);
    const settings = settingsWith({ variant: 'tiled' });
    const perPe = analyticStored(GPT_J, settings, 4096) / (1024 * 512);
    expect(Number.isInteger(perPe)).toBe(true);
    const sized = { ...parameters, sramBytes: perPe };
    const device = sramDevice(perPe * 1024 * 512);
    expect(deviceCapacityBytes(device)).toBe(perPe * 1024 * 512);
    expect(longestFit(GPT_J, settings, device).maxSeq).toBe(4096);
    expect(longestSequenceWithoutOverflow(GPT_J, settings, sized, NO_WORKING_SET, 1e9).maxSeq).toBe(4096);
  });

  it('longest sequence is never above the analytic fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 200, max: 100_000 }),
        fc.constantFrom('none', 'selective', 'full'),
        fc.constantFrom('materialised', 'tiled', 'window'),
        fc.integer({ min: 1, max: 4 }),
        (columns, rows, sramBytes, recompute, variant, batch) => {
          const parameters = bareFabric(columns, rows, sramBytes);
          const settings = settingsWith({ recompute, variant, batch });
          const simulated = longestSequenceWithoutOverflow(TINY_MODEL, settings, parameters, NO_WORKING_SET, 1e9);
          const fit = longestFit(TINY_MODEL, settings, sramDevice(columns * rows * sramBytes));
          if (simulated.maxSeq === null) return;
          expect(fit.maxSeq).not.toBeNull();
          expect(simulated.maxSeq).toBeLessThanOrEqual(fit.maxSeq!);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('simulated overflow agrees with the longest sequence', () => {
    const settings = settingsWith({});
    const at = simulateFabric(runInput(GPT_J, settings, WSE2, { seq: 2250 }));
    const over = simulateFabric(runInput(GPT_J, settings, WSE2, { seq: 2251 }));
    expect(at.summary.overflowPes).toBe(0);
    expect(at.summary.maxSeqNoOverflow).toBe(2250);
    // Rows 0–262 contain 3 tokens (2,251 mod 994 = 263) and only column 0 contains 4 keys (2,251 mod 750 = 1).
    expect(over.summary.overflowPes).toBe(263);
    const { columns, originX, originY } = over.geometry;
    expect(over.metrics.overflow[(originY + 262) * columns + originX]).toBe(1);
    expect(over.metrics.overflow[(originY + 263) * columns + originX]).toBe(0);
    expect(over.metrics.overflow[originY * columns + originX + 1]).toBe(0);
  });
});
