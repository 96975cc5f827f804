import { describe, expect, it } from 'vitest';
import { findModelPreset } from '../../../src/core/models/presets.ts';
import type { ModelConfig } from '../../../src/core/models/types.ts';
import {
  attentionBytesPerSequence, attentionCrossover, countParameters, DEFAULT_SCALING_SETTINGS, linearActivationBytesPerToken,
  memoryBreakdown, modelFlopsUtilisation, stepFlops, totalBytes, type ScalingSettings,
} from '../../../src/core/scaling/index.ts';

function preset(id: string): ModelConfig {
  const model = findModelPreset(id);
  if (!model) throw new Error(`preset ${id} missing`);
  return model;
}

/** Relative difference |a − b| / |b|. */
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

const noLogits: ScalingSettings = { ...DEFAULT_SCALING_SETTINGS, logits: false };

describe('published anchor numbers', () => {
  it('activation bytes per layer for GPT-3 175B at s = 2048', () => {
    // Korthikanti et al. section 4: s·b·h·(34 + 5·a·s/h) with s = 2048, b = 1, h = 12288, a = 96.
    const model = preset('gpt3-175b');
    const perLayer = 2048 * linearActivationBytesPerToken(model, noLogits) + attentionBytesPerSequence(model, noLogits, 2048);
    expect(perLayer).toBe(2_868_903_936);
  });

  it('GPT-2 small parameter count', () => {
    expect(countParameters(preset('gpt2')).total).toBe(124_439_808);
  });

  it('presets with exact published counts match them', () => {
    for (const id of ['gpt2', 'gpt2-medium', 'gpt2-large', 'gpt2-xl', 'gpt-neox-20b', 'llama-2-7b', 'llama-2-70b']) {
      const model = preset(id);
      expect(countParameters(model).total, id).toBe(model.publishedParameters);
    }
  });

  it('GPT-J count matches the checkpoint as loaded', () => {
    expect(countParameters(preset('gpt-j-6b')).total).toBe(6_050_882_784);
  });

  it('Narayanan Table 1 parameter counts', () => {
    // P = 12·L·h² + 13·L·h + (V + s)·h for a GPT model with V = 51200, s = 2048.
    const base = preset('gpt3-175b');
    const shape = (layers: number, hidden: number): ModelConfig => ({ ...base, layers, hidden, heads: hidden / 128, kvHeads: hidden / 128, headDim: 128, ffn: 4 * hidden, vocab: 51200, contextLength: 2048 });
    expect(relativeError(countParameters(shape(128, 25600)).total, 1008.0e9)).toBeLessThan(1e-3);
    expect(relativeError(countParameters(shape(80, 12288)).total, 145.6e9)).toBeLessThan(1e-3);
  });

  it('Megatron MFU and HFU for GPT-3 175B', () => {
    // Korthikanti Table 5: B = 64, s = 2048, V = 51200, 13.75 s per step on 64 A100s at 312 TFLOP/s.
    const model: ModelConfig = { ...preset('gpt3-175b'), vocab: 51200 };
    const settings: ScalingSettings = { ...noLogits, batch: 64, recompute: 'selective' };
    const flops = stepFlops(model, settings, 2048);
    const mfu = modelFlopsUtilisation(flops.model, 13.75, 64, 312e12);
    const hfu = modelFlopsUtilisation(flops.hardware, 13.75, 64, 312e12);
    expect(mfu).toBeCloseTo(0.514, 3);
    expect(hfu).toBeCloseTo(0.528, 3);
  });

  it('Megatron formula holds term by term', () => {
    const model = preset('gpt3-175b');
    const [b, s, L, h, V] = [4, 2048, model.layers, model.hidden, model.vocab];
    const flops = stepFlops(model, { ...noLogits, batch: b }, s);
    const expected = 72 * b * s * L * h * h * (1 + s / (6 * h) + V / (12 * h * L));
    // Biases are not matrix multiplications, so the only gap is floating-point rounding.
    expect(relativeError(flops.model, expected)).toBeLessThan(1e-12);
  });

  it('full recomputation raises the leading 72 to 96', () => {
    const model = preset('gpt3-175b');
    const [s, L, h, V] = [2048, model.layers, model.hidden, model.vocab];
    const flops = stepFlops(model, { ...noLogits, recompute: 'full' }, s);
    const expected = 96 * s * L * h * h * (1 + s / (6 * h) + V / (16 * h * L));
    expect(relativeError(flops.hardware, expected)).toBeLessThan(1e-12);
  });

  describe('GPT-J memory to train, 16 B/param, 2 B/activation, b = 1', () => {
    const gptj = preset('gpt-j-6b');

    it('M(2048) with all activations', () => {
      const memory = memoryBreakdown(gptj, noLogits, 2048);
      expect(memory.weights + memory.gradients + memory.optimizer).toBe(96_814_124_544);
      expect(memory.activations).toBe(7_985_954_816);
      expect(memory.attention).toBe(9_395_240_960);
      expect(totalBytes(memory)).toBe(114_195_320_320);
    });

    it('M(2048) without the quadratic term', () => {
      const tiled = { ...noLogits, attention: { ...noLogits.attention, variant: 'tiled' as const } };
      expect(totalBytes(memoryBreakdown(gptj, tiled, 2048)) / 1e9).toBeCloseTo(104.800, 3);
    });

    it('M(2048) with full recomputation', () => {
      expect(totalBytes(memoryBreakdown(gptj, { ...noLogits, recompute: 'full' }, 2048)) / 1e9).toBeCloseTo(97.284, 3);
    });

    it('M(8192)', () => {
      expect(totalBytes(memoryBreakdown(gptj, noLogits, 8192)) / 1e9).toBeCloseTo(279.082, 3);
    });

    it("model card's count adds 39,976,960 bytes", () => {
      const cardCount = gptj.publishedParameters!;
      expect(cardCount).toBe(6_053_381_344);
      const difference = totalBytes(memoryBreakdown(gptj, noLogits, 2048, cardCount)) - totalBytes(memoryBreakdown(gptj, noLogits, 2048));
      expect(difference).toBe(39_976_960);
    });
  });

  it('attention-compute crossover at s = 6h', () => {
    expect(attentionCrossover(preset('gpt-j-6b'), noLogits)).toBe(24_576);
    expect(attentionCrossover(preset('gpt2'), noLogits)).toBe(4_608);
  });

  it('window attention never reaches the crossover', () => {
    const window = { ...noLogits, attention: { ...noLogits.attention, variant: 'window' as const, window: 512 } };
    expect(attentionCrossover(preset('gpt-j-6b'), window)).toBeNull();
  });
});
