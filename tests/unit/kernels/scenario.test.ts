import { describe, expect, it } from 'vitest';
import { DEFAULT_KERNELS_SCENARIO } from '../../../src/core/kernels/scenario.ts';
import { decodeScenario, encodeScenario } from '../../../src/core/scenario/url.ts';
import { DEFAULT_SCENARIO } from '../../../src/core/scenario/types.ts';
import { sweepJobs } from '../../../src/state/kernelsStore.ts';

describe('kernels scenario in the URL', () => {
  it('round-trips every field', () => {
    const kernels = {
      ...DEFAULT_KERNELS_SCENARIO,
      kernels: ['tiled', 'lowrank'],
      seqLens: [1000, 65536],
      headDim: 128,
      heads: 4,
      causal: true,
      input: 'retrieval' as const,
      window: 100,
      globalTokens: 8,
      block: 64,
      rank: 32,
      features: 512,
      repeats: 5,
      budgetMiB: 2048,
    };
    const query = encodeScenario({ ...DEFAULT_SCENARIO, kernels });
    for (const key of ['ker.k', 'ker.n', 'ker.d', 'ker.h', 'ker.causal', 'ker.input', 'ker.w', 'ker.g', 'ker.b', 'ker.r', 'ker.m', 'ker.rep', 'ker.mem']) {
      expect(query.has(key), key).toBe(true);
    }
    const decoded = decodeScenario(query);
    expect(decoded.ignored).toEqual([]);
    expect(decoded.scenario.kernels).toEqual(kernels);
  });

  it('leaves defaults out of the URL', () => {
    const query = encodeScenario(DEFAULT_SCENARIO);
    expect([...query.keys()].filter((key) => key.startsWith('ker.'))).toEqual([]);
  });

  it('ignores invalid values and keeps the defaults', () => {
    const decoded = decodeScenario('ker.n=100000&ker.input=noise&ker.d=0');
    expect(decoded.scenario.kernels).toEqual(DEFAULT_KERNELS_SCENARIO);
    expect(decoded.ignored.map((field) => field.key).sort()).toEqual(['ker.d', 'ker.input', 'ker.n']);
  });

  it('keeps the known kernels of a list', () => {
    const decoded = decodeScenario('ker.k=tiled,sparse');
    expect(decoded.scenario.kernels.kernels).toEqual(['tiled']);
    expect(decoded.ignored.map((field) => field.key)).toEqual(['ker.k']);
  });

  it('sorts and de-duplicates N', () => {
    expect(decodeScenario('ker.n=4096,256,4096').scenario.kernels.seqLens).toEqual([256, 4096]);
  });

  it('accepts the failing test kernel', () => {
    expect(decodeScenario('ker.k=test-fail,tiled').scenario.kernels.kernels).toEqual(['test-fail', 'tiled']);
  });
});

describe('sweep order', () => {
  it('runs every kernel at one N before the next', () => {
    const jobs = sweepJobs({ ...DEFAULT_KERNELS_SCENARIO, kernels: ['dense', 'tiled'], seqLens: [256, 512] });
    expect(jobs.map((job) => `${job.kernel}@${job.shape.seqLen}`)).toEqual(['dense@256', 'tiled@256', 'dense@512', 'tiled@512']);
  });
});
