import { describe, expect, it } from 'vitest';
import { denseKernel } from '../../../src/core/kernels/dense.ts';
import { retrievalAccuracy, retrievalTarget } from '../../../src/core/kernels/inputs.ts';
import { compareOutputs } from '../../../src/core/kernels/metrics.ts';
import { KERNELS } from '../../../src/core/kernels/registry.ts';
import { referenceAttention } from '../../../src/core/kernels/reference.ts';
import type { AttentionShape } from '../../../src/core/kernels/shape.ts';
import { tiledKernel } from '../../../src/core/kernels/tiled.ts';
import { windowKernel } from '../../../src/core/kernels/window.ts';
import { makeInputs, runKernel } from './helpers.ts';

describe('retrieval input', () => {
  for (const causal of [false, true]) {
    const shape: AttentionShape = { seqLen: 1024, heads: 2, headDim: 64, causal };
    const label = causal ? 'causal' : 'non-causal';
    const inputs = makeInputs(shape, 9, 'retrieval');

    it(`exact kernels answer every query, ${label}`, () => {
      expect(retrievalAccuracy(runKernel(tiledKernel, inputs, shape), shape, 9)).toBe(1);
      expect(retrievalAccuracy(runKernel(denseKernel, inputs, shape), shape, 9)).toBe(1);
    });

    it(`window shorter than the distance fails, ${label}`, () => {
      // Chance is 1/d; the target sits N/2 = 512 tokens away.
      expect(retrievalAccuracy(runKernel(windowKernel, inputs, shape, { window: 512 }), shape, 9)).toBeLessThan(0.1);
    });

    it(`window covering the distance succeeds, ${label}`, () => {
      expect(retrievalAccuracy(runKernel(windowKernel, inputs, shape, { window: 513 }), shape, 9)).toBe(1);
    });
  }

  it('targets lie half the sequence away', () => {
    expect(retrievalTarget(3, 10, false)).toBe(8);
    expect(retrievalTarget(7, 10, false)).toBe(2);
    expect(retrievalTarget(7, 10, true)).toBe(2);
    expect(retrievalTarget(4, 10, true)).toBe(-1);
  });
});

describe('numerical safety', () => {
  const shape: AttentionShape = { seqLen: 200, heads: 1, headDim: 64, causal: true };

  it('large logits give finite outputs from every kernel', () => {
    const inputs = makeInputs(shape, 2);
    // Logits of order 1e4: exp would overflow without the running max.
    for (let i = 0; i < inputs.q.length; i++) inputs.q[i] = inputs.q[i]! * 100;
    for (let i = 0; i < inputs.k.length; i++) inputs.k[i] = inputs.k[i]! * 100;
    const reference = referenceAttention(inputs.q, inputs.k, inputs.v, shape);
    for (const kernel of Object.values(KERNELS)) {
      if (kernel.id === 'lowrank') continue;
      const out = runKernel(kernel, inputs, shape);
      expect(out.every(Number.isFinite), kernel.id).toBe(true);
    }
    for (const kernel of [denseKernel, tiledKernel]) {
      expect(compareOutputs(runKernel(kernel, inputs, shape), reference, shape).maxAbsError, kernel.id).toBeLessThan(1e-4);
    }
    const nonCausal = { ...shape, causal: false };
    expect(runKernel(KERNELS.lowrank, inputs, nonCausal).every(Number.isFinite)).toBe(true);
  });

  it('fully masked rows give zero output, not NaN', () => {
    const inputs = makeInputs(shape, 2);
    const out = runKernel(windowKernel, inputs, shape, { window: 0, globalTokens: 0 });
    expect(out.every((value) => value === 0)).toBe(true);
  });

  it('rows masked except for global tokens read only those', () => {
    const tiny: AttentionShape = { seqLen: 8, heads: 1, headDim: 8, causal: false };
    const inputs = makeInputs(tiny, 2);
    const out = runKernel(windowKernel, inputs, tiny, { window: 0, globalTokens: 1 });
    // Every non-global row sees only token 0, so it copies v[0].
    for (let t = 1; t < 8; t++) for (let c = 0; c < 8; c++) expect(out[t * 8 + c]).toBeCloseTo(inputs.v[c]!, 6);
  });
});
