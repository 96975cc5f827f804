import { ValidationError } from '../errors.ts';
import { collectProblems, requireBoolean, requireInteger, requireOneOf } from '../validate.ts';
import { RECIPE_IDS, type RecipeId } from './recipes.ts';

export type Mode = 'train' | 'inference';
export const MODES: readonly Mode[] = ['train', 'inference'];

/**
 * Activation recomputation mode, which decides what is kept for the backward pass. "selective" recomputes the attention core
 * (scores, softmax, dropout) and stores the rest; "full" stores only each
 * layer's input. Korthikanti et al., arXiv 2205.05198, sections 4 and 5.
 */
export type Recompute = 'none' | 'selective' | 'full';
export const RECOMPUTE_MODES: readonly Recompute[] = ['none', 'selective', 'full'];

export type AttentionVariant = 'materialised' | 'tiled' | 'window' | 'hierarchical' | 'lowrank' | 'random-features';
export const ATTENTION_VARIANTS: readonly AttentionVariant[] = ['materialised', 'tiled', 'window', 'hierarchical', 'lowrank', 'random-features'];

export const ATTENTION_VARIANT_LABELS: Record<AttentionVariant, string> = {
  materialised: 'Dense, scores materialised',
  tiled: 'Exact, tiled (FlashAttention)',
  window: 'Sliding window (Longformer)',
  hierarchical: 'Hierarchical blocks (SMITH)',
  lowrank: 'Low-rank K, V (Linformer)',
  'random-features': 'Random features (Performer)',
};

export interface AttentionSettings {
  variant: AttentionVariant;
  /** Sliding window width w in tokens (Longformer default 512). */
  window: number;
  /** Global tokens g that attend to, and are attended by, every position. */
  globalTokens: number;
  /** Block size B for hierarchical attention (SMITH sentence block 32). */
  block: number;
  /** Projected length k for low-rank attention (Linformer, e.g. 256). */
  rank: number;
  /** Random features m for Performer (FAVOR+, e.g. 256). */
  features: number;
}

export interface ScalingSettings {
  mode: Mode;
  /** Micro-batch b, sequences per device per step. */
  batch: number;
  recipe: RecipeId;
  /** Bytes per stored activation value (2 for fp16/bf16). */
  activationBytes: number;
  recompute: Recompute;
  attention: AttentionSettings;
  /** Tensor-parallel degree t: memory is per device, FLOPs are for the whole step, timed on t devices. */
  tensorParallel: number;
  /** Sequence parallelism splits the non-tensor-parallel activations by t as well. */
  sequenceParallel: boolean;
  /** Count the output layer's activations (final LayerNorm input, projection input and fp32 logits). */
  logits: boolean;
  /** Bytes per weight in inference mode. */
  inferenceWeightBytes: number;
  /** A causal kernel that skips fully masked blocks runs about half the attention FLOPs. */
  causalSkip: boolean;
}

export const DEFAULT_ATTENTION: AttentionSettings = {
  variant: 'materialised',
  window: 512,
  globalTokens: 0,
  block: 32,
  rank: 256,
  features: 256,
};

export const DEFAULT_SCALING_SETTINGS: ScalingSettings = {
  mode: 'train',
  batch: 1,
  recipe: 'mixed-adam',
  activationBytes: 2,
  recompute: 'none',
  attention: DEFAULT_ATTENTION,
  tensorParallel: 1,
  sequenceParallel: false,
  logits: true,
  inferenceWeightBytes: 2,
  causalSkip: false,
};

/** Allowed ranges for the scaling settings and sequence lengths. */
export const SCALING_LIMITS = {
  seq: { min: 1, max: 1_000_000_000 },
  batch: { min: 1, max: 1_000_000 },
  activationBytes: { min: 1, max: 8 },
  inferenceWeightBytes: { min: 1, max: 8 },
  tensorParallel: { min: 1, max: 4096 },
  window: { min: 1, max: 1_000_000_000 },
  globalTokens: { min: 0, max: 1_000_000 },
  block: { min: 1, max: 1_000_000_000 },
  rank: { min: 1, max: 1_000_000 },
  features: { min: 1, max: 1_000_000 },
} as const;

export function findAttentionProblems(attention: AttentionSettings): ValidationError[] {
  return collectProblems([
    () => requireOneOf('attention', attention.variant, ATTENTION_VARIANTS),
    () => requireInteger('window', attention.window, SCALING_LIMITS.window),
    () => requireInteger('globalTokens', attention.globalTokens, SCALING_LIMITS.globalTokens),
    () => requireInteger('block', attention.block, SCALING_LIMITS.block),
    () => requireInteger('rank', attention.rank, SCALING_LIMITS.rank),
    () => requireInteger('features', attention.features, SCALING_LIMITS.features),
  ]);
}

/** Returns every problem in the settings; an empty list means they are usable. */
export function findSettingsProblems(settings: ScalingSettings): ValidationError[] {
  return [
    ...collectProblems([
      () => requireOneOf('mode', settings.mode, MODES),
      () => requireInteger('batch', settings.batch, SCALING_LIMITS.batch),
      () => requireOneOf('recipe', settings.recipe, RECIPE_IDS),
      () => requireInteger('activationBytes', settings.activationBytes, SCALING_LIMITS.activationBytes),
      () => requireInteger('inferenceWeightBytes', settings.inferenceWeightBytes, SCALING_LIMITS.inferenceWeightBytes),
      () => requireOneOf('recompute', settings.recompute, RECOMPUTE_MODES),
      () => requireInteger('tensorParallel', settings.tensorParallel, SCALING_LIMITS.tensorParallel),
      () => requireBoolean('sequenceParallel', settings.sequenceParallel),
      () => requireBoolean('logits', settings.logits),
      () => requireBoolean('causalSkip', settings.causalSkip),
    ]),
    ...findAttentionProblems(settings.attention),
  ];
}

export function requireSequenceLength(field: string, value: unknown): number {
  return requireInteger(field, value, SCALING_LIMITS.seq);
}
