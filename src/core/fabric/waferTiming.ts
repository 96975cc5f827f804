import type { FabricGeometry } from './geometry.ts';
import { largestShare } from './placement.ts';
import type { FabricParameters } from './presets.ts';
import type { LayerWork } from './work.ts';

export const WAFER_RESOURCES = ['weightStream', 'compute', 'fabric'] as const;
export type WaferResource = (typeof WAFER_RESOURCES)[number];

/** Each resource in words, for summaries and captions. */
export const WAFER_RESOURCE_LABELS: Record<WaferResource, string> = {
  weightStream: 'weight streaming',
  compute: 'compute',
  fabric: 'fabric traffic',
};

/** Names the bound of each phase in words, as "weight streaming, forward pass; compute, backward pass". */
export function describeBounds(time: { forward: { bound: WaferResource }; backward: { bound: WaferResource } }): string {
  const forward = WAFER_RESOURCE_LABELS[time.forward.bound];
  const backward = WAFER_RESOURCE_LABELS[time.backward.bound];
  if (forward === backward) return `${forward}, forward and backward passes`;
  return `${forward}, forward pass; ${backward}, backward pass`;
}

/** Seconds of one phase of one layer on the wafer; the resources overlap and the largest bounds the phase. */
export interface WaferPhaseTime {
  weightStream: number;
  compute: number;
  fabric: number;
  /** One broadcast latency to fill the pipeline. */
  fill: number;
  /** max(weightStream, compute, fabric) + fill. */
  total: number;
  bound: WaferResource;
}

export interface WaferLayerTime {
  forward: WaferPhaseTime;
  backward: WaferPhaseTime;
  /** forward.total + backward.total. */
  total: number;
  /** Compute seconds if every PE had the average share: the ideal the largest share is compared with. */
  idealCompute: number;
}

/** Cycle counts of the fabric's collective steps for the PE with the largest shares. */
export interface FabricCycles {
  /** Weight tile down a column: H_u hops plus the column's weight bytes over the link. */
  broadcast: number;
  /** Partial sums across a row: W_u hops plus the row's output bytes over the link. */
  reduction: number;
  /** Hop latency of one broadcast down a column. */
  broadcastLatency: number;
}

export function fabricCycles(work: LayerWork, geometry: FabricGeometry, parameters: FabricParameters, features: number): FabricCycles {
  const columnWeightBytes = (work.weightBytes * largestShare(features, geometry.usableColumns)) / features;
  const rowOutputBytes = largestShare(work.tokens, geometry.usableRows) * work.outputBytesPerToken;
  const broadcastLatency = geometry.usableRows * parameters.cyclesPerHop;
  return {
    broadcast: broadcastLatency + columnWeightBytes / parameters.linkBytesPerCycle,
    reduction: geometry.usableColumns * parameters.cyclesPerHop + rowOutputBytes / parameters.linkBytesPerCycle,
    broadcastLatency,
  };
}

/** FLOPs of one forward pass of the layer for the PE with the largest token, feature and key shares. */
export function peakForwardFlops(work: LayerWork, geometry: FabricGeometry, features: number, keys: number): { dense: number; attention: number } {
  const t = largestShare(work.tokens, geometry.usableRows);
  const f = largestShare(features, geometry.usableColumns);
  const k = largestShare(keys, geometry.usableColumns);
  return {
    dense: (work.denseForwardFlops * t * f) / (work.tokens * features),
    attention: (work.attentionForwardFlops * t * k) / (work.tokens * keys),
  };
}

function phase(weightStream: number, compute: number, fabric: number, fill: number): WaferPhaseTime {
  let bound: WaferResource = 'weightStream';
  if (compute > weightStream && compute >= fabric) bound = 'compute';
  else if (fabric > weightStream && fabric > compute) bound = 'fabric';
  return { weightStream, compute, fabric, fill, total: Math.max(weightStream, compute, fabric) + fill, bound };
}

/**
 * Time of one layer in one training step under weight streaming. The weights
 * cross from off-wafer memory for the forward and the backward pass, and the
 * weight gradients cross back, each at the off-wafer bandwidth. Compute is the
 * fullest PE's FLOPs at its peak. The fabric broadcasts weight tiles down
 * columns (forward once, backward twice: weights in, gradients out) and reduces
 * partial sums across rows once per matmul pass.
 */
export function waferLayerTime(work: LayerWork, geometry: FabricGeometry, parameters: FabricParameters, features: number, keys: number): WaferLayerTime {
  const peFlopsPerSecond = parameters.flopsPerCycle * parameters.clockHz;
  const peak = peakForwardFlops(work, geometry, features, keys);
  const cycles = fabricCycles(work, geometry, parameters, features);
  const streamOnce = work.weightBytes / parameters.weightBandwidth;
  const fill = cycles.broadcastLatency / parameters.clockHz;
  const { passes } = work;

  const forwardCompute = (peak.dense * passes.denseForward + peak.attention * passes.attentionForward) / peFlopsPerSecond;
  const backwardCompute = (peak.dense * passes.denseBackward + peak.attention * passes.attentionBackward) / peFlopsPerSecond;
  const forwardFabric = (cycles.broadcast + cycles.reduction * passes.denseForward) / parameters.clockHz;
  const backwardFabric = (2 * cycles.broadcast + cycles.reduction * (passes.denseBackward - 1)) / parameters.clockHz;

  const forward = phase(streamOnce, forwardCompute, forwardFabric, fill);
  const backward = phase(2 * streamOnce, backwardCompute, backwardFabric, fill);
  const pes = geometry.usableColumns * geometry.usableRows;
  const totalFlops = work.denseForwardFlops * (passes.denseForward + passes.denseBackward) + work.attentionForwardFlops * (passes.attentionForward + passes.attentionBackward);
  return { forward, backward, total: forward.total + backward.total, idealCompute: totalFlops / (pes * peFlopsPerSecond) };
}
