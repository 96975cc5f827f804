import { describe, expect, it } from 'vitest';
import { DEVICE_PRESETS, findDevicePreset, type Device } from '../../../src/core/devices/devices.ts';
import { findModelPreset, MODEL_PRESETS } from '../../../src/core/models/presets.ts';
import {
  ATTENTION_VARIANTS, bytesOnDevice, bytesOnDeviceAt, DEFAULT_SCALING_SETTINGS, stepFlops, longestFit, memoryBreakdown, RECOMPUTE_MODES,
  totalBytes, type ScalingSettings,
} from '../../../src/core/scaling/index.ts';

const base: ScalingSettings = DEFAULT_SCALING_SETTINGS;
const gptj = findModelPreset('gpt-j-6b')!;
const llama70 = findModelPreset('llama-2-70b')!;

/** Every combination of attention variant, recomputation and mode. */
function allSettings(): ScalingSettings[] {
  const list: ScalingSettings[] = [];
  for (const variant of ATTENTION_VARIANTS) {
    for (const recompute of RECOMPUTE_MODES) {
      for (const mode of ['train', 'inference'] as const) {
        list.push({ ...base, mode, recompute, attention: { ...base.attention, variant, globalTokens: 16 } });
      }
    }
  }
  return list;
}

const lengths = [1, 2, 3, 31, 32, 33, 100, 255, 256, 257, 511, 512, 513, 1000, 2048, 4097, 10_000, 65_536, 1_000_000];

describe('memory model properties', () => {
  it('memory never decreases as s grows', () => {
    for (const settings of allSettings()) {
      for (const model of [gptj, llama70]) {
        let previous = -1;
        for (const s of lengths) {
          const total = totalBytes(memoryBreakdown(model, settings, s));
          expect(total, `${model.id} ${settings.mode} ${settings.recompute} ${settings.attention.variant} s=${s}`).toBeGreaterThanOrEqual(previous);
          previous = total;
        }
      }
    }
  });

  it('tiled attention stores no quadratic term', () => {
    const tiled = { ...base, attention: { ...base.attention, variant: 'tiled' as const } };
    for (const s of lengths) expect(memoryBreakdown(gptj, tiled, s).attention).toBe(0);
  });

  it('full and selective recomputation store no scores', () => {
    for (const recompute of ['full', 'selective'] as const) {
      for (const s of lengths) expect(memoryBreakdown(gptj, { ...base, recompute }, s).attention).toBe(0);
    }
  });

  it('full recomputation keeps 2 bytes per hidden value per layer', () => {
    const memory = memoryBreakdown(gptj, { ...base, recompute: 'full', logits: false }, 4096);
    expect(memory.activations).toBe(2 * 4096 * gptj.hidden * gptj.layers);
  });

  it('quadratic term grows as s squared', () => {
    const at = (s: number) => memoryBreakdown(gptj, base, s).attention;
    expect(at(4096) / at(2048)).toBe(4);
  });

  it('window at least s equals dense attention', () => {
    const window = { ...base, attention: { ...base.attention, variant: 'window' as const, window: 8192 } };
    expect(memoryBreakdown(gptj, window, 4096).attention).toBe(memoryBreakdown(gptj, base, 4096).attention);
  });

  it('window attention grows linearly past w', () => {
    const window = { ...base, attention: { ...base.attention, variant: 'window' as const, window: 512 } };
    expect(memoryBreakdown(gptj, window, 8192).attention / memoryBreakdown(gptj, window, 4096).attention).toBe(2);
  });

  it('tensor parallelism follows Korthikanti with and without SP', () => {
    // Per layer: sbh·(10 + 24/t + 5as/(ht)) without SP and sbh/t·(34 + 5as/h) with SP.
    const model = findModelPreset('gpt3-175b')!;
    const [s, h, a, t] = [2048, model.hidden, model.heads, 8];
    const perLayer = (settings: ScalingSettings) => {
      const memory = memoryBreakdown(model, { ...settings, logits: false }, s);
      return (memory.activations + memory.attention) / model.layers;
    };
    expect(perLayer({ ...base, tensorParallel: t })).toBeCloseTo(s * h * (10 + 24 / t + (5 * a * s) / (h * t)), 0);
    expect(perLayer({ ...base, tensorParallel: t, sequenceParallel: true })).toBeCloseTo(((s * h) / t) * (34 + (5 * a * s) / h), 0);
    expect(perLayer({ ...base, tensorParallel: t, sequenceParallel: true, recompute: 'selective' })).toBeCloseTo((34 * s * h) / t, 0);
  });

  it('KV cache honours grouped-query attention', () => {
    const inference = { ...base, mode: 'inference' as const };
    const cache = memoryBreakdown(llama70, inference, 4096).kvCache;
    // 2 · L · n_kv_heads · d_head · s · b · 2 bytes, with 8 KV heads, not 64.
    expect(cache).toBe(2 * 80 * 8 * 128 * 4096 * 2);
    const withoutGqa = memoryBreakdown({ ...llama70, kvHeads: 64 }, inference, 4096).kvCache;
    expect(withoutGqa / cache).toBe(8);
  });

  it('inference has no gradients or optimizer state', () => {
    const memory = memoryBreakdown(gptj, { ...base, mode: 'inference' }, 2048);
    expect(memory.gradients).toBe(0);
    expect(memory.optimizer).toBe(0);
    expect(memory.weights).toBe(2 * 6_050_882_784);
  });

  it('weight streaming counts only on-wafer components', () => {
    const wse = findDevicePreset('wse-2')!;
    const memory = memoryBreakdown(gptj, base, 2048);
    expect(bytesOnDevice(memory, wse)).toBe(memory.activations + memory.attention + memory.logits);
    expect(bytesOnDevice(memory, findDevicePreset('h100-80gb')!)).toBe(totalBytes(memory));
  });
});

describe('inference FLOPs', () => {
  it('are one forward pass, a third of a training step', () => {
    const training = stepFlops(gptj, base, 2048);
    const inference = stepFlops(gptj, { ...base, mode: 'inference' }, 2048);
    expect(inference.model * 3).toBe(training.model);
  });

  it('ignore the recomputation mode', () => {
    const inference = stepFlops(gptj, { ...base, mode: 'inference', recompute: 'full' }, 2048);
    expect(inference.hardware).toBe(inference.model);
  });
});

describe('longest fit', () => {
  const checkBoundary = (label: string, settings: ScalingSettings, device: Device) => {
    for (const model of MODEL_PRESETS) {
      const fit = longestFit(model, settings, device);
      if (fit.maxSeq === null || fit.atLimit) continue;
      const onDevice = (s: number) => bytesOnDeviceAt(model, settings, device, s);
      expect(onDevice(fit.maxSeq), `${label} ${model.id} on ${device.id}`).toBeLessThanOrEqual(fit.capacityBytes);
      expect(onDevice(fit.maxSeq + 1), `${label} ${model.id} on ${device.id}`).toBeGreaterThan(fit.capacityBytes);
    }
  };

  it('is the boundary: s fits and s + 1 does not', () => {
    for (const device of DEVICE_PRESETS) {
      checkBoundary('default', base, device);
      checkBoundary('tiled', { ...base, attention: { ...base.attention, variant: 'tiled' } }, device);
      checkBoundary('window', { ...base, attention: { ...base.attention, variant: 'window', window: 256, globalTokens: 8 } }, device);
      checkBoundary('selective tp4', { ...base, recompute: 'selective', tensorParallel: 4, sequenceParallel: true }, device);
      checkBoundary('inference b8', { ...base, mode: 'inference', batch: 8 }, device);
    }
  });

  it('GPT-J does not fit an 80 GB GPU at any length', () => {
    const fit = longestFit(gptj, base, findDevicePreset('a100-80gb')!);
    expect(fit.maxSeq).toBeNull();
    expect(fit.fixedBytes).toBeGreaterThan(96_814_124_544);
  });

  it('GPT-J on WSE-2 matches the analytic fits', () => {
    // 40 GB of activations: 3,444 tokens dense, 10,258 tiled, 174,386 with full recomputation.
    const wse = findDevicePreset('wse-2')!;
    const settings = { ...base, logits: false };
    expect(longestFit(gptj, settings, wse).maxSeq).toBe(3_444);
    expect(longestFit(gptj, { ...settings, attention: { ...settings.attention, variant: 'tiled' } }, wse).maxSeq).toBe(10_258);
    expect(longestFit(gptj, { ...settings, recompute: 'full' }, wse).maxSeq).toBe(174_386);
  });

  it('wafer fit ignores tensor parallelism', () => {
    const wse = findDevicePreset('wse-2')!;
    const single = longestFit(gptj, base, wse).maxSeq;
    expect(longestFit(gptj, { ...base, tensorParallel: 8, sequenceParallel: true }, wse).maxSeq).toBe(single);
    const gpu = findDevicePreset('h200')!;
    const llama7 = findModelPreset('llama-2-7b')!;
    expect(longestFit(llama7, { ...base, tensorParallel: 8 }, gpu).maxSeq).toBeGreaterThan(longestFit(llama7, base, gpu).maxSeq!);
  });

  it('GiB capacity moves the fit by a few per cent', () => {
    const gpt2 = findModelPreset('gpt2-xl')!;
    const decimal = findDevicePreset('a100-80gb')!;
    const binary: Device = { ...decimal, memoryUnit: 'GiB' };
    const a = longestFit(gpt2, base, decimal).maxSeq!;
    const b = longestFit(gpt2, base, binary).maxSeq!;
    expect(b).toBeGreaterThan(a);
    expect(b / a).toBeLessThan(1.07);
  });
});
