import { describe, expect, it } from 'vitest';
import { fabricGeometry } from '../../../src/core/fabric/geometry.ts';
import { gpuLayerTime, ringAllReduceSeconds } from '../../../src/core/fabric/gpuCluster.ts';
import { DEFAULT_GPU_CLUSTER } from '../../../src/core/fabric/scenario.ts';
import { fabricCycles, peakForwardFlops, waferLayerTime } from '../../../src/core/fabric/waferTiming.ts';
import { layerWork } from '../../../src/core/fabric/work.ts';
import { bareFabric, settingsWith, TINY_MODEL } from './helpers.ts';

// The tiny model's layer by hand: attention 4 · 6 · 6 weights + 18 + 6 biases = 168, MLP 2 · 6 · 24 + 24 + 6 = 318,
// two LayerNorms 24, so 510 parameters and 1,020 streamed bytes. Matmul outputs per token: Q, K, V 18, projection 6,
// fc1 24, fc2 6 = 54 values, 108 bytes.
const parameters = { ...bareFabric(4, 3, 1000), linkBytesPerCycle: 4, cyclesPerHop: 1, clockHz: 1e9, flopsPerCycle: 2, weightBandwidth: 1e6 };
const geometry = fabricGeometry(parameters);

describe('wafer layer time', () => {
  it('fabric cycles match the hand calculation', () => {
    const work = layerWork(TINY_MODEL, settingsWith({}), 5);
    expect(work.weightBytes).toBe(1020);
    expect(work.outputBytesPerToken).toBe(108);
    // Broadcast: 3 hops down a column plus 2 of 6 features' share of 1,020 bytes (340) over 4 bytes per cycle.
    // Reduction: 4 hops across a row plus 2 tokens × 108 bytes over 4 bytes per cycle.
    expect(fabricCycles(work, geometry, parameters, 6)).toEqual({ broadcast: 3 + 85, reduction: 4 + 54, broadcastLatency: 3 });
  });

  it('fullest PE does its share of the FLOPs', () => {
    const work = layerWork(TINY_MODEL, settingsWith({}), 5);
    // Dense: 2 · 5 tokens · 432 matmul weights = 4,320, of which the fullest PE has 2 · 2 / (5 · 6).
    expect(work.denseForwardFlops).toBe(4320);
    const peak = peakForwardFlops(work, geometry, 6, 5);
    expect(peak.dense).toBeCloseTo((4320 * 4) / 30, 10);
    // Attention: 4 · 25 scores · 6 wide = 600, of which the fullest PE has 2 tokens × 2 keys of 5 × 5.
    expect(work.attentionForwardFlops).toBe(600);
    expect(peak.attention).toBeCloseTo((600 * 4) / 25, 10);
  });

  it('streams weights three times and names the bound', () => {
    const time = waferLayerTime(layerWork(TINY_MODEL, settingsWith({}), 5), geometry, parameters, 6, 5);
    expect(time.forward.weightStream).toBeCloseTo(1020 / 1e6, 15);
    expect(time.backward.weightStream).toBeCloseTo(2040 / 1e6, 15);
    expect(time.forward.bound).toBe('weightStream');
    expect(time.forward.total).toBeCloseTo(1020 / 1e6 + 3 / 1e9, 15);
  });
});

describe('GPU cluster', () => {
  it('ring all-reduce follows 2(G − 1)α + 2(G − 1)/G · n/B', () => {
    expect(ringAllReduceSeconds(1e9, 8, 2e-6, 50e9)).toBeCloseTo(28e-6 + 0.035, 12);
    expect(ringAllReduceSeconds(1e9, 1, 2e-6, 50e9)).toBe(0);
  });

  it('tensor parallelism does two all-reduces per pass', () => {
    const work = layerWork(TINY_MODEL, settingsWith({}), 5);
    const time = gpuLayerTime(work, { ...DEFAULT_GPU_CLUSTER, gpus: 4 }, 1e12, 0.5);
    const allReduce = ringAllReduceSeconds(5 * 6 * 2, 4, 2e-6, 50e9);
    expect(time.forward.communication).toBeCloseTo(2 * allReduce, 15);
    expect(time.backward.communication).toBeCloseTo(2 * allReduce, 15);
    expect(time.forward.compute).toBeCloseTo((4320 + 600) / (4 * 1e12 * 0.5), 20);
    expect(time.backward.compute).toBeCloseTo((2 * 4320 + 2 * 600) / (4 * 1e12 * 0.5), 20);
  });

  it('full recomputation adds a forward pass of collectives', () => {
    const work = layerWork(TINY_MODEL, settingsWith({ recompute: 'full' }), 5);
    const time = gpuLayerTime(work, { ...DEFAULT_GPU_CLUSTER, gpus: 4 }, 1e12, 0.5);
    expect(time.backward.communication).toBeCloseTo(4 * time.allReduceSeconds, 15);
    expect(time.backward.compute).toBeCloseTo((3 * 4320 + 3 * 600) / (4 * 1e12 * 0.5), 20);
  });
});
