import { describe, expect, it } from 'vitest';
import { denseKernel } from '../../../src/core/kernels/dense.ts';
import { exactAttention } from '../../../src/core/kernels/exact.ts';
import { compareOutputs } from '../../../src/core/kernels/metrics.ts';
import { referenceAttention } from '../../../src/core/kernels/reference.ts';
import type { AttentionShape } from '../../../src/core/kernels/shape.ts';
import { tiledKernel, tiledScratchBytes } from '../../../src/core/kernels/tiled.ts';
import { attentionInstance } from '../../../src/core/kernels/wasm/engine.ts';
import { makeInputs, runKernel } from './helpers.ts';

// float32 inputs and float32 accumulation over up to a few hundred keys of
// O(1) values: observed errors are about 5e-7, so 4e-6 leaves room without
// hiding a wrong mask or a missed tile (those give errors near 1e-1).
const MAX_ABS_TOLERANCE = 4e-6;

// Sizes include N below, at and across the 64-row tile, and head dimensions
// that take the WebAssembly path (multiples of 8) and the JavaScript one (20).
const SHAPES: AttentionShape[] = [
  { seqLen: 1, heads: 1, headDim: 64, causal: false },
  { seqLen: 17, heads: 2, headDim: 8, causal: true },
  { seqLen: 64, heads: 1, headDim: 64, causal: true },
  { seqLen: 100, heads: 3, headDim: 24, causal: false },
  { seqLen: 257, heads: 1, headDim: 64, causal: true },
  { seqLen: 257, heads: 2, headDim: 64, causal: false },
  { seqLen: 130, heads: 1, headDim: 20, causal: true },
  { seqLen: 70, heads: 2, headDim: 128, causal: false },
];

const describeShape = (s: AttentionShape) => `N ${s.seqLen}, d ${s.headDim}, ${s.heads} head(s), ${s.causal ? 'causal' : 'non-causal'}`;

describe('exact kernels against the float64 reference', () => {
  for (const shape of SHAPES) {
    const inputs = makeInputs(shape);
    const reference = referenceAttention(inputs.q, inputs.k, inputs.v, shape);
    for (const kernel of [denseKernel, tiledKernel]) {
      it(`${kernel.id}: ${describeShape(shape)}`, () => {
        const errors = compareOutputs(runKernel(kernel, inputs, shape), reference, shape);
        expect(errors.maxAbsError).toBeLessThan(MAX_ABS_TOLERANCE);
        expect(errors.relFrobError).toBeLessThan(1e-5);
        expect(errors.meanCosine).toBeGreaterThan(1 - 1e-9);
      });
    }
  }
});

describe('tiled against dense', () => {
  it('agree to float32 rounding at N = 1000', () => {
    const shape = { seqLen: 1000, heads: 1, headDim: 64, causal: true };
    const inputs = makeInputs(shape, 3);
    const tiled = runKernel(tiledKernel, inputs, shape);
    const dense = runKernel(denseKernel, inputs, shape);
    const errors = compareOutputs(tiled, dense, shape);
    expect(errors.maxAbsError).toBeLessThan(2e-6);
  });

  it('causal row 0 copies the first value', () => {
    const shape = { seqLen: 5, heads: 1, headDim: 8, causal: true };
    const inputs = makeInputs(shape, 11);
    const out = runKernel(tiledKernel, inputs, shape);
    for (let c = 0; c < 8; c++) expect(out[c]).toBeCloseTo(inputs.v[c]!, 6);
  });
});

describe('exactAttention', () => {
  it('matches the reference for multi-head causal input', () => {
    const shape = { seqLen: 300, heads: 4, headDim: 32, causal: true };
    const inputs = makeInputs(shape, 5);
    const errors = compareOutputs(exactAttention(inputs.q, inputs.k, inputs.v, shape), referenceAttention(inputs.q, inputs.k, inputs.v, shape), shape);
    expect(errors.maxAbsError).toBeLessThan(MAX_ABS_TOLERANCE);
  });

  it('rejects arrays of the wrong length', () => {
    const shape = { seqLen: 10, heads: 2, headDim: 8, causal: false };
    const inputs = makeInputs(shape);
    expect(() => exactAttention(inputs.q.subarray(1), inputs.k, inputs.v, shape)).toThrow('q.length: 159 is invalid; expected 160');
  });

  it('reuses its memory across calls of different sizes', () => {
    for (const seqLen of [200, 50, 400]) {
      const shape = { seqLen, heads: 1, headDim: 16, causal: false };
      const inputs = makeInputs(shape, seqLen);
      const errors = compareOutputs(exactAttention(inputs.q, inputs.k, inputs.v, shape), referenceAttention(inputs.q, inputs.k, inputs.v, shape), shape);
      expect(errors.maxAbsError).toBeLessThan(MAX_ABS_TOLERANCE);
    }
  });

  it('matches the module scratch size', () => {
    const wasm = attentionInstance(new WebAssembly.Memory({ initial: 2, maximum: 2 }));
    for (const headDim of [8, 64, 128]) expect(tiledScratchBytes(headDim)).toBe(wasm.scratchBytes(headDim));
  });
});
