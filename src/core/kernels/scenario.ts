import { ValidationError } from '../errors.ts';
import { booleanCodec, enumCodec, groupField, idListCodec, integerCodec, type AnyUrlField } from '../scenario/fields.ts';
import type { Scenario } from '../scenario/types.ts';
import { INPUT_KINDS, type InputKind } from './inputs.ts';
import { DEFAULT_KERNEL_PARAMS, KERNEL_IDS, TEST_FAILING_KERNEL } from './types.ts';

/** Parameters of a Kernels sweep: every chosen kernel runs at every chosen N. */
export interface KernelsScenario {
  /** Kernel ids (dense, tiled, window, hierarchical, lowrank, random-features). */
  kernels: string[];
  /** Sequence lengths N in tokens, ascending. */
  seqLens: number[];
  headDim: number;
  heads: number;
  causal: boolean;
  input: InputKind;
  /** Sliding window reach w in tokens (each side; causal: the w ending at the token). */
  window: number;
  /** Global tokens g of the window kernel. */
  globalTokens: number;
  /** Block size B in tokens of the hierarchical kernel. */
  block: number;
  /** Projected length k of the low-rank kernel. */
  rank: number;
  /** Random features m. */
  features: number;
  /** Timed runs per point; the median is reported. */
  repeats: number;
  /** Working memory one point may use, in MiB; larger runs are rejected before they allocate. */
  budgetMiB: number;
}

/** The largest N the view offers; tiled exact attention runs there in about 64 MB of inputs and outputs at d = 64. */
export const MAX_SWEEP_SEQ_LEN = 65536;
export const MIN_SWEEP_SEQ_LEN = 16;

/** Log-spaced choices of N offered in the view, powers of two from 256 to 65,536. */
export const SEQ_LEN_CHOICES: readonly number[] = [256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
export const HEAD_DIM_CHOICES: readonly number[] = [16, 32, 64, 128, 256];

export const DEFAULT_KERNELS_SCENARIO: KernelsScenario = {
  kernels: ['dense', 'tiled', 'window', 'random-features'],
  seqLens: [256, 512, 1024, 2048, 4096],
  headDim: 64,
  heads: 1,
  causal: false,
  input: 'gaussian',
  window: DEFAULT_KERNEL_PARAMS.window,
  globalTokens: DEFAULT_KERNEL_PARAMS.globalTokens,
  block: DEFAULT_KERNEL_PARAMS.block,
  rank: DEFAULT_KERNEL_PARAMS.rank,
  features: DEFAULT_KERNEL_PARAMS.features,
  repeats: 3,
  budgetMiB: 1024,
};

/** Kernel ids a sweep accepts: the six kernels, and the failing one that tests use. */
export function isSweepKernel(id: string): boolean {
  return (KERNEL_IDS as readonly string[]).includes(id) || id === TEST_FAILING_KERNEL;
}

/** A comma-separated list of distinct integers in [min, max], returned ascending. */
export const integerListCodec = (key: string, min: number, max: number, maxItems = 16) => ({
  parse(raw: string): number[] {
    const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
    const allowed = `1 to ${maxItems} comma-separated integers from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
    if (parts.length === 0 || parts.length > maxItems) throw new ValidationError(key, raw, allowed);
    const values = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN));
    if (values.some((value) => !Number.isSafeInteger(value) || value < min || value > max)) throw new ValidationError(key, raw, allowed);
    return [...new Set(values)].sort((a, b) => a - b);
  },
  format: (values: number[]) => values.join(','),
  equals: (a: number[], b: number[]) => a.length === b.length && a.every((value, i) => value === b[i]),
});

/** URL fields of the kernels slice; each reads and writes scenario.kernels. */
export const KERNELS_URL_FIELDS: readonly AnyUrlField<Scenario>[] = [
  groupField<Scenario, 'kernels', 'kernels'>('ker.k', 'kernels', 'kernels', idListCodec('ker.k', isSweepKernel, 8, `kernel ids from ${KERNEL_IDS.join(', ')}`)),
  groupField<Scenario, 'kernels', 'seqLens'>('ker.n', 'kernels', 'seqLens', integerListCodec('ker.n', MIN_SWEEP_SEQ_LEN, MAX_SWEEP_SEQ_LEN)),
  groupField<Scenario, 'kernels', 'headDim'>('ker.d', 'kernels', 'headDim', integerCodec('ker.d', 1, 512)),
  groupField<Scenario, 'kernels', 'heads'>('ker.h', 'kernels', 'heads', integerCodec('ker.h', 1, 64)),
  groupField<Scenario, 'kernels', 'causal'>('ker.causal', 'kernels', 'causal', booleanCodec('ker.causal')),
  groupField<Scenario, 'kernels', 'input'>('ker.input', 'kernels', 'input', enumCodec('ker.input', INPUT_KINDS)),
  groupField<Scenario, 'kernels', 'window'>('ker.w', 'kernels', 'window', integerCodec('ker.w', 0, MAX_SWEEP_SEQ_LEN)),
  groupField<Scenario, 'kernels', 'globalTokens'>('ker.g', 'kernels', 'globalTokens', integerCodec('ker.g', 0, MAX_SWEEP_SEQ_LEN)),
  groupField<Scenario, 'kernels', 'block'>('ker.b', 'kernels', 'block', integerCodec('ker.b', 1, MAX_SWEEP_SEQ_LEN)),
  groupField<Scenario, 'kernels', 'rank'>('ker.r', 'kernels', 'rank', integerCodec('ker.r', 1, 4096)),
  groupField<Scenario, 'kernels', 'features'>('ker.m', 'kernels', 'features', integerCodec('ker.m', 1, 4096)),
  groupField<Scenario, 'kernels', 'repeats'>('ker.rep', 'kernels', 'repeats', integerCodec('ker.rep', 1, 20)),
  groupField<Scenario, 'kernels', 'budgetMiB'>('ker.mem', 'kernels', 'budgetMiB', integerCodec('ker.mem', 16, 65536)),
];
