/**
 * Bytes per parameter kept for training, split by what they hold. Each recipe
 * names its source; the UI offers them by name.
 */
export interface Recipe {
  id: RecipeId;
  name: string;
  weightBytes: number;
  gradientBytes: number;
  optimizerBytes: number;
  source: string;
}

export const RECIPE_IDS = ['mixed-adam', 'mixed-adam-fp32-grads', 'weights-adam', 'adam-8bit', 'sgd-momentum', 'pure-bf16'] as const;
export type RecipeId = (typeof RECIPE_IDS)[number];

export const RECIPES: Record<RecipeId, Recipe> = {
  'mixed-adam': {
    id: 'mixed-adam', name: 'Mixed-precision Adam (16 B/param)', weightBytes: 2, gradientBytes: 2, optimizerBytes: 12,
    source: 'Rajbhandari et al., "ZeRO", arXiv 1910.02054, section 3.1: fp16 weights and gradients, fp32 master weights, momentum and variance.',
  },
  'mixed-adam-fp32-grads': {
    id: 'mixed-adam-fp32-grads', name: 'Mixed-precision Adam, fp32 gradients (18 B/param)', weightBytes: 2, gradientBytes: 4, optimizerBytes: 12,
    source: 'EleutherAI cookbook calc/calc_transformer_mem.py and Megatron-LM theoretical_memory_usage.py: gradients accumulated in fp32.',
  },
  'weights-adam': {
    id: 'weights-adam', name: 'fp32 weights + Adam only (12 B/param)', weightBytes: 4, gradientBytes: 0, optimizerBytes: 8,
    source: 'A common shorthand: fp32 weights (4 B) and Adam momentum and variance (8 B), gradients not counted.',
  },
  'adam-8bit': {
    id: 'adam-8bit', name: '8-bit Adam (10 B/param)', weightBytes: 2, gradientBytes: 2, optimizerBytes: 6,
    source: 'Dettmers et al., "8-bit Optimizers via Block-wise Quantization", arXiv 2110.02861: fp32 master weights (4 B) and two 1-byte states.',
  },
  'sgd-momentum': {
    id: 'sgd-momentum', name: 'SGD with momentum (12 B/param)', weightBytes: 2, gradientBytes: 2, optimizerBytes: 8,
    source: 'Mixed precision with fp32 master weights (4 B) and an fp32 momentum buffer (4 B).',
  },
  'pure-bf16': {
    id: 'pure-bf16', name: 'Pure bf16 (8 B/param)', weightBytes: 2, gradientBytes: 2, optimizerBytes: 4,
    source: 'bf16 weights, gradients, momentum and variance, no fp32 master copy.',
  },
};

export function recipeBytesPerParameter(recipe: Recipe): number {
  return recipe.weightBytes + recipe.gradientBytes + recipe.optimizerBytes;
}
