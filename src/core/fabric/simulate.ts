import { findDevicePreset, type Device } from '../devices/devices.ts';
import { longestFit } from '../scaling/fit.ts';
import { SCALING_LIMITS } from '../scaling/settings.ts';
import { describeAssumptions } from './assumptions.ts';
import { fabricGeometry, type FabricGeometry } from './geometry.ts';
import { gpuLayerTime, type GpuLayerTime } from './gpuCluster.ts';
import type { FabricRunInput } from './input.ts';
import { longestSequenceWithoutOverflow } from './maxSeq.ts';
import { memoryRates, storedBytes, type MemoryRates } from './peMemory.ts';
import { placeActivations, type Placement } from './placement.ts';
import type { FabricMetric, GpuParallelism, WavefrontSource } from './scenario.ts';
import { arrivalCycle, crossingCycles } from './wavefront.ts';
import { waferLayerTime, type WaferLayerTime } from './waferTiming.ts';
import { layerWork } from './work.ts';

export interface FabricSummary {
  fabricId: string;
  modelId: string;
  seq: number;
  batch: number;
  tokens: number;
  usablePes: number;
  /** Usable PEs holding at least one token and one feature. */
  activePes: number;
  overflowPes: number;
  /**
   * False when any usable PE overflows. The wafer's times and tokens per second
   * are then what the run would take if it fitted, not an achievable figure.
   */
  fits: boolean;
  sramBytes: number;
  peakBytesPerPe: number;
  /** Mean over usable PEs. */
  meanBytesPerPe: number;
  peakOccupancy: number;
  meanOccupancy: number;
  /** Stored activation and attention bytes summed over every PE. */
  storedActivationBytes: number;
  maxSeqNoOverflow: number | null;
  maxSeqAtLimit: boolean;
  /** The scaling model's longest sequence against the wafer's capacity, output layer left out. */
  analyticMaxSeq: number | null;
  analyticCapacityBytes: number;
  wafer: WaferLayerTime;
  gpu: GpuLayerTime;
  waferTokensPerSecond: number;
  gpuTokensPerSecond: number;
  /** Cycles and seconds for a broadcast to reach the last usable PE. */
  crossingCycles: number;
  crossingSeconds: number;
  /** Per-message latency of one GPU network hop, for comparison. */
  gpuHopSeconds: number;
  source: WavefrontSource;
  gpuParallelism: GpuParallelism;
  cyclesPerHop: number;
  clockHz: number;
  simulateMs: number;
}

export interface FabricResult {
  geometry: FabricGeometry;
  /** One value per fabric PE, row-major (index = row · columns + column); reserved PEs are NaN. */
  metrics: Record<FabricMetric, Float32Array>;
  placement: Placement;
  rates: MemoryRates;
  summary: FabricSummary;
  assumptions: string[];
}

/** Returns the device whose capacity the scaling view uses for this fabric: the wafer preset of the same id, or the fabric's total SRAM. */
export function analyticDevice(input: FabricRunInput): Device {
  const preset = findDevicePreset(input.fabric.fabricId);
  if (preset && preset.kind === 'wafer' && Object.keys(input.fabric.edits).length === 0) return preset;
  const capacity = input.parameters.columns * input.parameters.rows * input.parameters.sramBytes;
  return {
    id: 'fabric-sram', name: 'Fabric SRAM', kind: 'wafer', memory: capacity / 1e9, memoryUnit: 'GB', peakFlops: 0,
    memoryBandwidth: 0, memoryMode: 'weight-streaming', source: 'columns × rows × SRAM per PE',
  };
}

/**
 * Simulates one training step of the scenario on the fabric. It places the
 * activations and computes every PE's memory, compute, traffic and broadcast
 * arrival. It also times one layer on the wafer and on the GPU cluster, and
 * finds the longest sequence with no overflowing PE.
 */
export function simulateFabric(input: FabricRunInput): FabricResult {
  const started = performance.now();
  const { model, settings, fabric, parameters } = input;
  const s = fabric.seq;
  const geometry = fabricGeometry(parameters);
  const placement = placeActivations(settings.batch * s, model.hidden, s, geometry.usableColumns, geometry.usableRows);
  const workingSet = { tileKeys: fabric.tileKeys, include: fabric.workingSet };
  const rates = memoryRates(model, settings, s, parameters, workingSet);
  const work = layerWork(model, settings, s);
  const metrics = allocateMetrics(geometry);
  const totals = fillMetrics(metrics, input, geometry, placement, rates, work);

  const wafer = waferLayerTime(work, geometry, parameters, model.hidden, s);
  const gpu = gpuLayerTime(work, fabric.gpu, input.gpuPeakFlops, input.utilisation);
  const noOverflow = longestSequenceWithoutOverflow(model, settings, parameters, workingSet, SCALING_LIMITS.seq.max);
  const device = analyticDevice(input);
  const fit = longestFit(model, settings, device);
  const crossing = crossingCycles(fabric.source, parameters.cyclesPerHop, geometry.usableColumns, geometry.usableRows);
  const usablePes = geometry.usableColumns * geometry.usableRows;

  const summary: FabricSummary = {
    fabricId: fabric.fabricId,
    modelId: model.id,
    seq: s,
    batch: settings.batch,
    tokens: placement.tokens,
    usablePes,
    activePes: totals.activePes,
    overflowPes: totals.overflowPes,
    fits: totals.overflowPes === 0,
    sramBytes: parameters.sramBytes,
    peakBytesPerPe: totals.peakBytes,
    meanBytesPerPe: totals.usedBytes / usablePes,
    peakOccupancy: totals.peakBytes / parameters.sramBytes,
    meanOccupancy: totals.usedBytes / usablePes / parameters.sramBytes,
    storedActivationBytes: totals.storedBytes,
    maxSeqNoOverflow: noOverflow.maxSeq,
    maxSeqAtLimit: noOverflow.atLimit,
    analyticMaxSeq: fit.maxSeq,
    analyticCapacityBytes: fit.capacityBytes,
    wafer,
    gpu,
    waferTokensPerSecond: placement.tokens / (model.layers * wafer.total),
    gpuTokensPerSecond: placement.tokens / (model.layers * gpu.total),
    crossingCycles: crossing,
    crossingSeconds: crossing / parameters.clockHz,
    gpuHopSeconds: fabric.gpu.latencySeconds,
    source: fabric.source,
    gpuParallelism: fabric.gpu.parallelism,
    cyclesPerHop: parameters.cyclesPerHop,
    clockHz: parameters.clockHz,
    simulateMs: 0,
  };
  const result: FabricResult = { geometry, metrics, placement, rates, summary, assumptions: describeAssumptions(input, summary) };
  summary.simulateMs = performance.now() - started;
  return result;
}

function allocateMetrics(geometry: FabricGeometry): Record<FabricMetric, Float32Array> {
  const size = geometry.columns * geometry.rows;
  const make = () => new Float32Array(size).fill(Number.NaN);
  return { memory: make(), compute: make(), traffic: make(), arrival: make(), overflow: make() };
}

interface Totals {
  storedBytes: number;
  usedBytes: number;
  peakBytes: number;
  overflowPes: number;
  activePes: number;
}

function fillMetrics(
  metrics: Record<FabricMetric, Float32Array>,
  input: FabricRunInput,
  geometry: FabricGeometry,
  placement: Placement,
  rates: MemoryRates,
  work: ReturnType<typeof layerWork>,
): Totals {
  const { parameters, fabric } = input;
  const { rowTokens, columnFeatures, columnKeys, tokens, features, keys } = placement;
  const { passes } = work;
  const densePasses = passes.denseForward + passes.denseBackward;
  const attentionPasses = passes.attentionForward + passes.attentionBackward;
  const denseFlopsPerTokenFeature = (work.denseForwardFlops * densePasses) / (tokens * features);
  const attentionFlopsPerTokenKey = (work.attentionForwardFlops * attentionPasses) / (tokens * keys);
  // Weights go in for the forward and the backward pass and gradients come out, so three column broadcasts.
  // Every matmul pass reduces across rows once, except the backward weight-gradient one.
  const columnTrafficPerFeature = (3 * work.weightBytes) / features;
  const rowTrafficPerToken = (densePasses - 1) * work.outputBytesPerToken;
  const sram = parameters.sramBytes;
  const totals: Totals = { storedBytes: 0, usedBytes: 0, peakBytes: 0, overflowPes: 0, activePes: 0 };

  for (let y = 0; y < geometry.usableRows; y += 1) {
    const t = rowTokens[y]!;
    const rowBase = (y + geometry.originY) * geometry.columns + geometry.originX;
    const workingSet = t * rates.workingSetPerToken;
    const rowTraffic = t * rowTrafficPerToken;
    for (let x = 0; x < geometry.usableColumns; x += 1) {
      const f = columnFeatures[x]!;
      const k = columnKeys[x]!;
      const stored = storedBytes(rates, t, f, k);
      const used = stored + workingSet + rates.fixedBytes;
      const index = rowBase + x;
      metrics.memory[index] = used;
      metrics.overflow[index] = used > sram ? 1 : 0;
      metrics.compute[index] = t * (f * denseFlopsPerTokenFeature + k * attentionFlopsPerTokenKey);
      metrics.traffic[index] = f * columnTrafficPerFeature + rowTraffic;
      metrics.arrival[index] = arrivalCycle(fabric.source, parameters.cyclesPerHop, x, y);
      totals.storedBytes += stored;
      totals.usedBytes += used;
      if (used > totals.peakBytes) totals.peakBytes = used;
      if (used > sram) totals.overflowPes += 1;
      if (t > 0 && f > 0) totals.activePes += 1;
    }
  }
  return totals;
}

/** Returns the result's array buffers, for transferring it to another thread without copying. */
export function resultBuffers(result: FabricResult): ArrayBuffer[] {
  return [
    ...Object.values(result.metrics).map((array) => array.buffer as ArrayBuffer),
    result.placement.rowTokens.buffer as ArrayBuffer,
    result.placement.columnFeatures.buffer as ArrayBuffer,
    result.placement.columnKeys.buffer as ArrayBuffer,
  ];
}
