import { ValidationError } from '../errors.ts';
import { collectProblems, requireInteger } from '../validate.ts';
import type { ModelConfig } from './types.ts';

/** Allowed ranges for model fields. Wide enough for any published model, narrow enough to stop typos. */
export const MODEL_LIMITS = {
  layers: { min: 1, max: 1_000 },
  hidden: { min: 1, max: 1_000_000 },
  heads: { min: 1, max: 100_000 },
  headDim: { min: 1, max: 100_000 },
  ffn: { min: 1, max: 10_000_000 },
  vocab: { min: 1, max: 10_000_000 },
  contextLength: { min: 1, max: 1_000_000_000 },
  normsPerLayer: { min: 0, max: 4 },
} as const;

/** Returns every problem in a model config; an empty list means the model is usable. */
export function findModelProblems(model: ModelConfig): ValidationError[] {
  return collectProblems([
    () => requireInteger('layers', model.layers, MODEL_LIMITS.layers),
    () => requireInteger('hidden', model.hidden, MODEL_LIMITS.hidden),
    () => requireInteger('heads', model.heads, MODEL_LIMITS.heads),
    () => requireInteger('headDim', model.headDim, MODEL_LIMITS.headDim),
    () => requireInteger('ffn', model.ffn, MODEL_LIMITS.ffn),
    () => requireInteger('vocab', model.vocab, MODEL_LIMITS.vocab),
    () => requireInteger('contextLength', model.contextLength, MODEL_LIMITS.contextLength),
    () => requireInteger('normsPerLayer', model.normsPerLayer, MODEL_LIMITS.normsPerLayer),
    () => {
      requireInteger('kvHeads', model.kvHeads, { min: 1, max: MODEL_LIMITS.heads.max });
      if (Number.isInteger(model.heads) && model.heads % model.kvHeads !== 0) {
        throw new ValidationError('kvHeads', model.kvHeads, `a divisor of heads (${model.heads})`, 'Grouped-query attention shares each key/value head among an equal number of query heads.');
      }
    },
  ]);
}

/** Throws the first problem in a model config, if any. */
export function validateModel(model: ModelConfig): ModelConfig {
  const problems = findModelProblems(model);
  if (problems[0]) throw problems[0];
  return model;
}
