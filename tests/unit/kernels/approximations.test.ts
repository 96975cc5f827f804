import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/core/errors.ts';
import { hierarchicalKernel } from '../../../src/core/kernels/hierarchical.ts';
import { lowRankKernel } from '../../../src/core/kernels/lowrank.ts';
import { compareOutputs } from '../../../src/core/kernels/metrics.ts';
import { orthogonalFeatures, randomFeaturesKernel } from '../../../src/core/kernels/randomFeatures.ts';
import { referenceAttention } from '../../../src/core/kernels/reference.ts';
import type { AttentionShape } from '../../../src/core/kernels/shape.ts';
import { DEFAULT_KERNEL_PARAMS, type AttentionKernel, type KernelParams } from '../../../src/core/kernels/types.ts';
import { windowKernel, windowRanges } from '../../../src/core/kernels/window.ts';
import { makeInputs, runKernel } from './helpers.ts';

const NON_CAUSAL: AttentionShape = { seqLen: 512, heads: 1, headDim: 64, causal: false };
const CAUSAL: AttentionShape = { ...NON_CAUSAL, causal: true };

function relativeErrors(kernel: AttentionKernel, shape: AttentionShape, name: keyof KernelParams, values: number[], qkScale = 1): number[] {
  const inputs = makeInputs(shape, 21);
  for (let i = 0; i < inputs.q.length; i++) {
    inputs.q[i] = inputs.q[i]! * qkScale;
    inputs.k[i] = inputs.k[i]! * qkScale;
  }
  const reference = referenceAttention(inputs.q, inputs.k, inputs.v, shape);
  return values.map((value) => compareOutputs(runKernel(kernel, inputs, shape, { [name]: value }), reference, shape).relFrobError);
}

function expectDecreasing(errors: number[]): void {
  for (let i = 1; i < errors.length; i++) expect(errors[i], `error ${i} of ${errors.join(', ')}`).toBeLessThan(errors[i - 1]!);
}

describe('approximation error falls as its parameter grows', { timeout: 30_000 }, () => {
  it('window w, non-causal and causal', () => {
    expectDecreasing(relativeErrors(windowKernel, NON_CAUSAL, 'window', [16, 64, 256]));
    expectDecreasing(relativeErrors(windowKernel, CAUSAL, 'window', [16, 64, 256]));
  });

  it('low rank k', () => {
    expectDecreasing(relativeErrors(lowRankKernel, NON_CAUSAL, 'rank', [16, 64, 256, 1024]));
  });

  // FAVOR+'s variance grows like exp(|q + k|² / sqrt(d)); at unit-variance
  // Q and K with d = 64 it swamps m up to 1024, so the inputs are halved.
  it('random features m, non-causal and causal', () => {
    const short = { seqLen: 256 };
    expectDecreasing(relativeErrors(randomFeaturesKernel, { ...NON_CAUSAL, ...short }, 'features', [8, 64, 512], 0.5));
    expectDecreasing(relativeErrors(randomFeaturesKernel, { ...CAUSAL, ...short }, 'features', [8, 64, 512], 0.5));
  });
});

describe('approximations that become exact', () => {
  for (const shape of [NON_CAUSAL, CAUSAL]) {
    const label = shape.causal ? 'causal' : 'non-causal';
    const inputs = makeInputs(shape, 4);
    const reference = referenceAttention(inputs.q, inputs.k, inputs.v, shape);

    it(`window with w >= N equals exact attention, ${label}`, () => {
      const errors = compareOutputs(runKernel(windowKernel, inputs, shape, { window: shape.seqLen }), reference, shape);
      expect(errors.maxAbsError).toBeLessThan(4e-6);
    });

    it(`hierarchical with B >= N equals exact attention, ${label}`, () => {
      const errors = compareOutputs(runKernel(hierarchicalKernel, inputs, shape, { block: shape.seqLen }), reference, shape);
      expect(errors.maxAbsError).toBeLessThan(4e-6);
    });

    it(`window with every token global equals exact attention, ${label}`, () => {
      const errors = compareOutputs(runKernel(windowKernel, inputs, shape, { window: 1, globalTokens: shape.seqLen }), reference, shape);
      expect(errors.maxAbsError).toBeLessThan(4e-6);
    });
  }
});

describe('window ranges', () => {
  const params = { ...DEFAULT_KERNEL_PARAMS, window: 4, globalTokens: 2 };
  it('non-causal: tokens less than w away plus the global tokens', () => {
    expect(windowRanges(10, { ...NON_CAUSAL, seqLen: 20 }, params)).toEqual([0, 2, 7, 14]);
  });
  it('causal: the four tokens ending at the token', () => {
    expect(windowRanges(10, { ...CAUSAL, seqLen: 20 }, params)).toEqual([0, 2, 7, 11]);
  });
  it('global token sees every key', () => {
    expect(windowRanges(1, { ...NON_CAUSAL, seqLen: 20 }, params)).toEqual([0, 20]);
  });
  it('overlap with the global tokens is not counted twice', () => {
    expect(windowRanges(2, { ...NON_CAUSAL, seqLen: 20 }, params)).toEqual([0, 6]);
  });
});

describe('kernel checks', () => {
  it('lowrank rejects a causal mask', () => {
    expect(() => lowRankKernel.check(CAUSAL, DEFAULT_KERNEL_PARAMS)).toThrow(ValidationError);
  });
  it('random features reject m = 0', () => {
    expect(() => randomFeaturesKernel.check(NON_CAUSAL, { ...DEFAULT_KERNEL_PARAMS, features: 0 })).toThrow('features: 0 is invalid');
  });
});

describe('orthogonal random features', () => {
  it('rows within a block are orthogonal', () => {
    const d = 16;
    const omega = orthogonalFeatures(2 * d, d, 3);
    for (const [a, b] of [[0, 1], [3, 15], [16, 31]] as const) {
      let dot = 0;
      for (let c = 0; c < d; c++) dot += omega[a * d + c]! * omega[b * d + c]!;
      expect(Math.abs(dot)).toBeLessThan(1e-4);
    }
  });
});
