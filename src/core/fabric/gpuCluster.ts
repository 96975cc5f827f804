import type { GpuClusterSettings } from './scenario.ts';
import type { LayerWork } from './work.ts';

export interface GpuPhaseTime {
  compute: number;
  communication: number;
  /** compute + communication: tensor-parallel collectives sit on the critical path. */
  total: number;
}

export interface GpuLayerTime {
  forward: GpuPhaseTime;
  backward: GpuPhaseTime;
  total: number;
  /** communication / total over both phases. */
  communicationShare: number;
  /** Seconds of one ring all-reduce of the layer's activations. */
  allReduceSeconds: number;
}

/**
 * Returns the seconds of a ring all-reduce of n bytes over G GPUs: 2(G − 1) steps of latency α and
 * 2(G − 1)/G · n bytes over each GPU's link. An all-gather or a reduce-scatter
 * is half of it, so sequence parallelism's pair costs the same as one all-reduce.
 */
export function ringAllReduceSeconds(bytes: number, gpus: number, latencySeconds: number, linkBandwidth: number): number {
  if (gpus <= 1) return 0;
  return 2 * (gpus - 1) * latencySeconds + (2 * (gpus - 1) / gpus) * (bytes / linkBandwidth);
}

/**
 * Times the same layer on a GPU cluster with Megatron-style tensor parallelism: the
 * forward pass does two all-reduces of T · h activations (after attention and
 * after the MLP), the backward pass two more, and a recomputed forward two
 * more. Sequence parallelism replaces each all-reduce by an all-gather and a
 * reduce-scatter of the same bytes. Compute runs at peak × utilisation.
 */
export function gpuLayerTime(work: LayerWork, cluster: GpuClusterSettings, peakFlops: number, utilisation: number): GpuLayerTime {
  const flopsPerSecond = cluster.gpus * peakFlops * utilisation;
  const { passes } = work;
  const allReduceSeconds = ringAllReduceSeconds(work.allReduceBytes, cluster.gpus, cluster.latencySeconds, cluster.linkBandwidth);

  const forwardCompute = (work.denseForwardFlops * passes.denseForward + work.attentionForwardFlops * passes.attentionForward) / flopsPerSecond;
  const backwardCompute = (work.denseForwardFlops * passes.denseBackward + work.attentionForwardFlops * passes.attentionBackward) / flopsPerSecond;
  const recomputedForwards = passes.denseBackward - 2;
  const forward = { compute: forwardCompute, communication: 2 * allReduceSeconds, total: 0 };
  const backward = { compute: backwardCompute, communication: 2 * (1 + recomputedForwards) * allReduceSeconds, total: 0 };
  forward.total = forward.compute + forward.communication;
  backward.total = backward.compute + backward.communication;
  const total = forward.total + backward.total;
  return { forward, backward, total, communicationShare: total > 0 ? (forward.communication + backward.communication) / total : 0, allReduceSeconds };
}
