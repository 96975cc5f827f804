import { attentionWidth, kvWidth, type ModelConfig } from '../models/types.ts';
import { scoresPerHead } from './attention.ts';
import { countLayerParameters, countParameters } from './parameters.ts';
import type { ScalingSettings } from './settings.ts';

/**
 * FLOPs of one step for b sequences of s tokens: forward and backward when
 * training, one forward pass over the prompt (prefill) in inference.
 */
export interface StepFlops {
  /** Matrix multiplications of the dense layers (QKV, output projection, MLP), all layers. */
  dense: number;
  /** QKᵀ and score·V (or the variant's equivalent), all layers. */
  attention: number;
  /** The output projection onto the vocabulary. */
  logits: number;
  /** dense + attention + logits: the model FLOPs used for MFU. */
  model: number;
  /** FLOPs the hardware executes, including recomputation: the basis of HFU. */
  hardware: number;
  /** attention / model. */
  attentionShare: number;
}

/**
 * Forward FLOPs of attention in one layer for one sequence: 2·s·keys·width for
 * QKᵀ and again for the weighted sum of V, so 4·s²·(a·d_head) for dense attention.
 */
export function attentionForwardFlops(model: ModelConfig, settings: ScalingSettings, s: number): number {
  const width = attentionWidth(model);
  const attention = settings.attention;
  let flops: number;
  switch (attention.variant) {
    case 'random-features':
      // φ(Q) and φ(K) (2·s·d·m each per head), then φ(K)ᵀV and φ(Q)·(φ(K)ᵀV) (2·s·m·d each per head).
      flops = 8 * s * attention.features * width;
      break;
    case 'lowrank': {
      // Projecting K and V from s rows to k (2·s·k·kv width each), then attention over k keys.
      const k = Math.min(attention.rank, s);
      flops = 4 * s * k * kvWidth(model) + 4 * scoresPerHead(attention, s) * model.headDim * model.heads;
      break;
    }
    default:
      flops = 4 * scoresPerHead(attention, s) * width;
  }
  const skipsMaskedHalf = settings.causalSkip && (attention.variant === 'materialised' || attention.variant === 'tiled');
  return skipsMaskedHalf ? flops / 2 : flops;
}

/**
 * Model and hardware FLOPs per step. For a GPT-style model with d_ff = 4h this
 * is Megatron-LM's F = 72·b·s·L·h²·(1 + s/(6h) + V/(12·h·L)) (Korthikanti et
 * al., arXiv 2205.05198, appendix A): forward is 2 FLOPs per weight per token
 * plus attention, and backward is twice forward. Hardware FLOPs follow the
 * same appendix. Selective recomputation doubles the attention term (s/(6h)
 * becomes s/(3h)). Full recomputation reruns the forward of every layer, so the
 * layer terms grow by 4/3 (72 becomes 96) and the logits do not.
 */
export function stepFlops(model: ModelConfig, settings: ScalingSettings, s: number): StepFlops {
  const b = settings.batch;
  const training = settings.mode === 'train';
  // Backward costs twice the forward, so a training step is three forward passes.
  const passes = training ? 3 : 1;
  const layerMatmul = countLayerParameters(model).matmul;
  const dense = passes * 2 * b * s * layerMatmul * model.layers;
  const attention = passes * b * attentionForwardFlops(model, settings, s) * model.layers;
  const logits = passes * 2 * b * s * model.hidden * model.vocab;
  const modelFlops = dense + attention + logits;

  let hardware = modelFlops;
  if (training && settings.recompute === 'selective') hardware = dense + 2 * attention + logits;
  else if (training && settings.recompute === 'full') hardware = (4 / 3) * (dense + attention) + logits;

  return { dense, attention, logits, model: modelFlops, hardware, attentionShare: modelFlops > 0 ? attention / modelFlops : 0 };
}

/** Training FLOPs per token: 6·N + 12·L·(a·d_head)·s (Chowdhery et al., "PaLM", arXiv 2204.02311, appendix B). */
export function flopsPerToken(model: ModelConfig, s: number, parameters = countParameters(model).total): number {
  return 6 * parameters + 12 * model.layers * attentionWidth(model) * s;
}

/** Seconds per step on t devices of the given peak at a fraction `utilisation` of it. */
export function stepSeconds(hardwareFlops: number, peakFlopsPerDevice: number, devices: number, utilisation: number): number {
  return hardwareFlops / (devices * peakFlopsPerDevice * utilisation);
}

/** Model FLOPs utilisation: model FLOPs per second achieved over the devices' peak. */
export function modelFlopsUtilisation(modelFlops: number, secondsPerStep: number, devices: number, peakFlopsPerDevice: number): number {
  return modelFlops / (secondsPerStep * devices * peakFlopsPerDevice);
}

/**
 * Finds the smallest sequence length at which attention FLOPs reach the dense-layer
 * FLOPs, or null when they never do (a fixed window, for instance). For exact
 * attention this is s = P_layer / (2·a·d_head), which is 6h for a GPT-style layer.
 */
export function attentionCrossover(model: ModelConfig, settings: ScalingSettings, maxSeq = 2 ** 40): number | null {
  const reaches = (s: number): boolean => {
    const flops = stepFlops(model, { ...settings, batch: 1 }, s);
    return flops.attention >= flops.dense;
  };
  if (!reaches(maxSeq)) return null;
  let low = 1;
  let high = maxSeq;
  if (reaches(low)) return low;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reaches(middle)) high = middle;
    else low = middle;
  }
  return high;
}
