import type { Device } from '../devices/devices.ts';
import { attentionWidth, kvWidth, type ModelConfig } from '../models/types.ts';
import { scoresPerHead } from './attention.ts';
import { countParameters } from './parameters.ts';
import { RECIPES } from './recipes.ts';
import type { ScalingSettings } from './settings.ts';

export const COMPONENT_KEYS = ['weights', 'gradients', 'optimizer', 'activations', 'attention', 'logits', 'kvCache'] as const;
export type ComponentKey = (typeof COMPONENT_KEYS)[number];

export const COMPONENT_LABELS: Record<ComponentKey, string> = {
  weights: 'Weights',
  gradients: 'Gradients',
  optimizer: 'Optimizer state',
  activations: 'Activations (linear in s)',
  attention: 'Attention scores',
  logits: 'Output layer (logits)',
  kvCache: 'KV cache',
};

/** Memory per device in bytes, by component. */
export type MemoryBreakdown = Record<ComponentKey, number>;

/** Components that live on the wafer under weight streaming; the rest stay off-wafer. */
export const ON_WAFER_COMPONENTS: readonly ComponentKey[] = ['activations', 'attention', 'logits', 'kvCache'];

/**
 * Bytes of linear-in-s activations one layer stores per token, per device.
 *
 * Korthikanti et al., arXiv 2205.05198, section 4.1, with p bytes per value and
 * 1-byte dropout masks: attention block 11·h (QKV input p, Q and K 2p, V p,
 * output-projection input p, mask 1), MLP 19·h (fc1 input p, GeLU input 4p,
 * fc2 input 4p, mask 1), two LayerNorm inputs 2p, so 34·h at p = 2. Widths
 * follow the model: Q and the output projection use heads × d_head, K and V use
 * kv_heads × d_head, and the MLP uses d_ff (18h + 4·d_ff at p = 2, the form
 * Megatron-LM's memory estimator uses). A gated MLP stores its third d_ff-wide
 * tensor too. The layout is always two LayerNorms in sequence, so for models
 * with one LayerNorm or parallel blocks (GPT-J, GPT-NeoX) it is approximate.
 */
export function linearActivationBytesPerToken(model: ModelConfig, settings: ScalingSettings): number {
  const p = settings.activationBytes;
  const h = model.hidden;
  const t = settings.tensorParallel;
  if (settings.recompute === 'full') {
    // Only the layer input is stored, and sequence parallelism splits it.
    return (p * h) / (settings.sequenceParallel ? t : 1);
  }
  // Not split by tensor parallelism: LayerNorm inputs, dropout masks, QKV input, fc1 input (10·h at p = 2).
  const replicated = 2 * p * h + 2 * h + p * h + p * h;
  // Split across t devices: Q, K, V, output-projection input, GeLU input, fc2 input (24·h at p = 2).
  const mlpTensors = model.gatedMlp ? 3 : 2;
  const sharded = p * (2 * attentionWidth(model) + 2 * kvWidth(model)) + mlpTensors * p * model.ffn;
  return (settings.sequenceParallel ? replicated / t : replicated) + sharded / t;
}

/**
 * Bytes of attention state one layer stores for one sequence, per device: the
 * term quadratic in s for dense attention, 5·a·s² at p = 2 (softmax output p,
 * its dropout mask 1, dropout output p, per score; Korthikanti section 4.1).
 * Tiled exact attention, selective and full recomputation store none.
 */
export function attentionBytesPerSequence(model: ModelConfig, settings: ScalingSettings, s: number): number {
  if (settings.recompute !== 'none') return 0;
  const p = settings.activationBytes;
  const t = settings.tensorParallel;
  const attention = settings.attention;
  switch (attention.variant) {
    case 'tiled':
      // NOTE: the per-row softmax statistics (4 bytes × a × s) are not counted, as in Korthikanti's accounting.
      return 0;
    case 'random-features': {
      // FAVOR+ keeps φ(Q) and φ(K) (s × m per head) and φ(K)ᵀV (m × d_head per head).
      const m = attention.features;
      return (p * model.heads * (2 * s * m + m * model.headDim)) / t;
    }
    case 'lowrank': {
      // Scores s × k per head, plus the projected keys and values (k × kv width).
      const k = Math.min(attention.rank, s);
      return ((2 * p + 1) * model.heads * scoresPerHead(attention, s) + 2 * p * k * kvWidth(model)) / t;
    }
    default:
      return ((2 * p + 1) * model.heads * scoresPerHead(attention, s)) / t;
  }
}

/** Output-layer bytes per token: final LayerNorm input and projection input (p each per hidden value) and fp32 logits. */
export function logitBytesPerToken(model: ModelConfig, settings: ScalingSettings): number {
  const t = settings.tensorParallel;
  const hiddenPart = (2 * settings.activationBytes * model.hidden) / (settings.sequenceParallel ? t : 1);
  return hiddenPart + (4 * model.vocab) / t;
}

/** Memory per device at sequence length s, by component, for training or inference. */
export function memoryBreakdown(model: ModelConfig, settings: ScalingSettings, s: number, parameters = countParameters(model).total): MemoryBreakdown {
  return settings.mode === 'train' ? trainingMemory(model, settings, s, parameters) : inferenceMemory(model, settings, s, parameters);
}

function trainingMemory(model: ModelConfig, settings: ScalingSettings, s: number, parameters: number): MemoryBreakdown {
  const recipe = RECIPES[settings.recipe];
  const t = settings.tensorParallel;
  const b = settings.batch;
  // NOTE: model state is divided evenly by t; embeddings and norms are not split that way in Megatron-LM, and ZeRO sharding is not modelled.
  return {
    weights: (parameters * recipe.weightBytes) / t,
    gradients: (parameters * recipe.gradientBytes) / t,
    optimizer: (parameters * recipe.optimizerBytes) / t,
    activations: model.layers * s * b * linearActivationBytesPerToken(model, settings),
    attention: model.layers * b * attentionBytesPerSequence(model, settings, s),
    logits: settings.logits ? s * b * logitBytesPerToken(model, settings) : 0,
    kvCache: 0,
  };
}

/**
 * Computes inference memory at context s: weights, the KV cache
 * 2·L·kv_heads·d_head·s·b·p (grouped-query attention honoured), and the working
 * set of one layer while the prompt is processed. The working set is the
 * layer's input and MLP intermediate, its scores under the chosen variant, and
 * the last position's fp32 logits.
 */
function inferenceMemory(model: ModelConfig, settings: ScalingSettings, s: number, parameters: number): MemoryBreakdown {
  const p = settings.activationBytes;
  const t = settings.tensorParallel;
  const b = settings.batch;
  const mlpWidth = model.ffn * (model.gatedMlp ? 2 : 1);
  const scores = settings.attention.variant === 'tiled' ? 0 : model.heads * scoresPerHead(settings.attention, s);
  return {
    weights: (parameters * settings.inferenceWeightBytes) / t,
    gradients: 0,
    optimizer: 0,
    activations: (s * b * p * (2 * model.hidden + mlpWidth)) / t,
    attention: (b * p * scores) / t,
    logits: settings.logits ? b * 4 * model.vocab : 0,
    kvCache: (2 * model.layers * kvWidth(model) * s * b * p) / t,
  };
}

export function totalBytes(breakdown: MemoryBreakdown): number {
  let total = 0;
  for (const key of COMPONENT_KEYS) total += breakdown[key];
  return total;
}

/** Bytes that count against the device's own memory: everything on a GPU, the on-wafer part under weight streaming. */
export function bytesOnDevice(breakdown: MemoryBreakdown, device: Pick<Device, 'memoryMode'>): number {
  if (device.memoryMode === 'all') return totalBytes(breakdown);
  let total = 0;
  for (const key of ON_WAFER_COMPONENTS) total += breakdown[key];
  return total;
}
