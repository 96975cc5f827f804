import { attentionWidth, kvWidth, type ModelConfig } from '../models/types.ts';
import { attentionForwardFlops } from '../scaling/flops.ts';
import { countLayerParameters } from '../scaling/parameters.ts';
import type { ScalingSettings } from '../scaling/settings.ts';

/** Bytes per streamed weight: fp16 weights and weight gradients. */
export const STREAMED_BYTES_PER_PARAMETER = 2;

/** How many times each kind of work runs in one training step, by phase. */
export interface PassCounts {
  /** Dense (matmul) forward-equivalents: forward 1; backward 2, plus 1 to recompute under full recomputation. */
  denseForward: number;
  denseBackward: number;
  /** Attention forward-equivalents: forward 1; backward 2, plus 1 to recompute under selective or full recomputation. */
  attentionForward: number;
  attentionBackward: number;
}

export function passCounts(settings: ScalingSettings): PassCounts {
  const recomputeDense = settings.recompute === 'full' ? 1 : 0;
  const recomputeAttention = settings.recompute === 'none' ? 0 : 1;
  return { denseForward: 1, denseBackward: 2 + recomputeDense, attentionForward: 1, attentionBackward: 2 + recomputeAttention };
}

/** Work of one layer, independent of the hardware that runs it. */
export interface LayerWork {
  tokens: number;
  /** Forward FLOPs of the dense matmuls for all tokens: 2 · T · matmul weights. */
  denseForwardFlops: number;
  /** Forward FLOPs of attention for all b sequences. */
  attentionForwardFlops: number;
  /** Streamed bytes of the layer's weights, once. */
  weightBytes: number;
  /** Activation bytes each token produces across the layer's matmul outputs. */
  outputBytesPerToken: number;
  /** Bytes of one tensor-parallel all-reduce: T · h · activation bytes. */
  allReduceBytes: number;
  passes: PassCounts;
}

export function layerWork(model: ModelConfig, settings: ScalingSettings, s: number): LayerWork {
  const tokens = settings.batch * s;
  const layer = countLayerParameters(model);
  const mlpOutputs = model.ffn * (model.gatedMlp ? 2 : 1);
  // Outputs of Q, K, V, the output projection, the MLP's first matrix (or gate and up) and its second.
  const outputWidth = attentionWidth(model) + 2 * kvWidth(model) + model.hidden + mlpOutputs + model.hidden;
  return {
    tokens,
    denseForwardFlops: 2 * tokens * layer.matmul,
    attentionForwardFlops: settings.batch * attentionForwardFlops(model, settings, s),
    weightBytes: STREAMED_BYTES_PER_PARAMETER * layer.total,
    outputBytesPerToken: outputWidth * settings.activationBytes,
    allReduceBytes: tokens * model.hidden * settings.activationBytes,
    passes: passCounts(settings),
  };
}
