import { findFabricPreset } from './presets.ts';
import type { FabricRunInput } from './input.ts';
import type { FabricSummary } from './simulate.ts';

/** Writes integers exactly, with thousands separators, and other numbers to 4 significant digits. */
function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

/** Describes the simulation's assumptions in plain sentences, for the view to list beside the heatmap. */
export function describeAssumptions(input: FabricRunInput, summary: FabricSummary): string[] {
  const { parameters: p, settings, fabric } = input;
  const preset = findFabricPreset(fabric.fabricId);
  const usableColumns = p.columns - p.reservedWest - p.reservedEast;
  const usableRows = p.rows - p.reservedNorth - p.reservedSouth;
  const lines = [
    `Fabric of ${formatNumber(p.columns)} × ${formatNumber(p.rows)} PEs; ${p.reservedWest} west and ${p.reservedEast} east columns and ${p.reservedNorth} north and ${p.reservedSouth} south rows are reserved for host I/O, leaving ${formatNumber(usableColumns)} × ${formatNumber(usableRows)} usable PEs. The split of the reserved edges is an assumption.`,
    `Each PE has ${formatNumber(p.sramBytes)} bytes of SRAM, keeps ${formatNumber(p.reserveBytes)} bytes for code, stack and runtime, and double-buffers a ${formatNumber(p.weightTileBytes)}-byte weight tile.`,
    `Tokens (${formatNumber(summary.tokens)} = b · s) lie along rows and the ${formatNumber(input.model.hidden)} features along columns; for attention scores the ${formatNumber(fabric.seq)} keys are split over columns too. The first rows and columns take one extra when the division is uneven, so the fullest PE, not the average, decides overflow.`,
    `Stored activations use the scaling model's bytes per token under recomputation "${settings.recompute}" and attention "${settings.attention.variant}", on one wafer: no tensor or sequence parallelism.`,
    'The output layer (final LayerNorm and logits) is not placed; the Scaling view counts it when its output-layer option is on.',
  ];
  if (settings.attention.variant === 'tiled' && fabric.workingSet) {
    lines.push(`Tiled exact attention keeps a working set of ${formatNumber(fabric.tileKeys)} fp32 scores plus the running max and sum per head and token.`);
  }
  if (!['materialised', 'tiled'].includes(settings.attention.variant)) {
    lines.push('Scores of sparse and approximate attention variants are spread evenly over the key columns; real kernels concentrate them.');
  }
  lines.push(
    `Clock ${formatNumber(p.clockHz / 1e9)} GHz (Hot Chips 34, a secondary source) and ${formatNumber(p.flopsPerCycle)} fp16 FLOPs per PE per cycle (derived from 7.5 PFLOP/s per CS-2); compute time is the fullest PE's FLOPs at that peak.`,
    `Weights stream from off-wafer memory at ${formatNumber(p.weightBandwidth / 1e9)} GB/s at 2 bytes per parameter: once for the forward pass, once for the backward pass, and the weight gradients stream back once.`,
    `Routers move ${formatNumber(p.linkBytesPerCycle)} bytes per link per cycle and a hop takes ${formatNumber(p.cyclesPerHop)} cycle(s); hop latency is not published, so this is an assumption.`,
    'Weight streaming, compute and fabric traffic overlap across weight tiles, so each phase takes the largest of the three plus one broadcast latency to fill the pipeline.',
    `The GPU cluster has ${formatNumber(fabric.gpu.gpus)} GPUs with ${fabric.gpu.parallelism} parallelism, a per-message latency of ${formatNumber(fabric.gpu.latencySeconds * 1e6)} µs and ${formatNumber(fabric.gpu.linkBandwidth / 1e9)} GB/s per GPU link, at ${formatNumber(input.utilisation * 100)}% of peak; its collectives are not overlapped with compute, and whether the layer fits in GPU memory is not checked.`,
  );
  if (preset?.approximateGrid && fabric.fabricId === preset.id) lines.push(`The ${preset.name} grid is approximate: ${preset.source}`);
  if (summary.analyticMaxSeq !== null && summary.maxSeqNoOverflow !== null && summary.maxSeqNoOverflow < summary.analyticMaxSeq) {
    lines.push(`The longest sequence with no overflow (${formatNumber(summary.maxSeqNoOverflow)}) is below the analytic fit against ${formatNumber(summary.analyticCapacityBytes / 1e9)} GB (${formatNumber(summary.analyticMaxSeq)}) because of the reserved PEs, the per-PE reserve, weight buffer and working set, and the uneven shares.`);
  }
  return lines;
}
