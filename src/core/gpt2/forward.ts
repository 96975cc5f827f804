import { ValidationError } from '../errors.ts';
import { causalSelfAttention } from './attention.ts';
import { addInPlace, geluInPlace, layerNorm, linear as linearJs, outputHead } from './layers.ts';
import type { Gpt2Weights } from './weights.ts';

export interface ForwardOptions {
  /** Tokens each query attends to at most, itself included (a sliding window), or Infinity for full context. */
  window?: number;
}

/** Checks that the tokens fit the model: 1 to contextTokens ids, each below the vocabulary size. */
export function checkTokens(tokens: ArrayLike<number>, weights: Gpt2Weights): void {
  const { contextTokens, vocab } = weights.config;
  if (tokens.length < 1 || tokens.length > contextTokens) {
    throw new ValidationError('tokens', `${tokens.length} tokens`, `1 to ${contextTokens} tokens (the model's n_positions)`, 'Split the text into shorter passages.');
  }
  for (let i = 0; i < tokens.length; i++) {
    const id = tokens[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= vocab) {
      throw new ValidationError(`tokens[${i}]`, id, `a token id from 0 to ${vocab - 1}`);
    }
  }
}

/**
 * Runs the transformer blocks one at a time, yielding the index of each
 * finished block so that a caller can report progress or stop between them,
 * and returns the final LayerNorm's output [tokens, hidden].
 */
export function* forwardHiddenSteps(weights: Gpt2Weights, tokens: ArrayLike<number>, options: ForwardOptions = {}): Generator<number, Float32Array> {
  checkTokens(tokens, weights);
  const { hidden, inner, heads, layerNormEpsilon: epsilon } = weights.config;
  const window = options.window ?? Infinity;
  if (!(window >= 1)) throw new ValidationError('window', window, 'at least 1 token');
  const count = tokens.length;

  const residual = new Float32Array(count * hidden);
  for (let t = 0; t < count; t++) {
    const token = tokens[t]! * hidden;
    const position = t * hidden;
    for (let i = 0; i < hidden; i++) residual[position + i] = weights.tokenEmbedding[token + i]! + weights.positionEmbedding[position + i]!;
  }

  const normed = new Float32Array(count * hidden);
  const qkv = new Float32Array(count * 3 * hidden);
  const attended = new Float32Array(count * hidden);
  const projected = new Float32Array(count * hidden);
  const expanded = new Float32Array(count * inner);
  const attentionShape = { tokens: count, heads, headDim: hidden / heads, window };
  const linear = productFor(weights);

  for (let layer = 0; layer < weights.blocks.length; layer++) {
    const block = weights.blocks[layer]!;
    layerNorm(normed, residual, count, hidden, block.ln1Weight, block.ln1Bias, epsilon);
    linear(qkv, normed, count, hidden, block.attnQkvWeight, block.attnQkvBias, 3 * hidden);
    causalSelfAttention(attended, qkv, attentionShape);
    linear(projected, attended, count, hidden, block.attnProjWeight, block.attnProjBias, hidden);
    addInPlace(residual, projected);

    layerNorm(normed, residual, count, hidden, block.ln2Weight, block.ln2Bias, epsilon);
    linear(expanded, normed, count, hidden, block.mlpFcWeight, block.mlpFcBias, inner);
    geluInPlace(expanded);
    linear(projected, expanded, count, inner, block.mlpProjWeight, block.mlpProjBias, hidden);
    addInPlace(residual, projected);
    yield layer;
  }

  layerNorm(normed, residual, count, hidden, weights.lnFinalWeight, weights.lnFinalBias, epsilon);
  return normed;
}

type Linear = (out: Float32Array, x: Float32Array, rows: number, inWidth: number, weight: Float32Array, bias: Float32Array, outWidth: number) => void;

/** Returns the Conv1D product for these weights: the SIMD kernel for weights packed in its arena, else JavaScript. */
function productFor(weights: Gpt2Weights): Linear {
  const arena = weights.arena;
  if (!arena) return linearJs;
  return (out, x, rows, inWidth, weight, bias, outWidth) => {
    if (arena.isPacked(weight) && arena.owns(bias)) arena.linear(out, x, rows, inWidth, weight, bias, outWidth);
    else linearJs(out, x, rows, inWidth, weight, bias, outWidth);
  };
}

/** Runs the blocks to the end and returns the final hidden states [tokens, hidden]. */
export function forwardHidden(weights: Gpt2Weights, tokens: ArrayLike<number>, options: ForwardOptions = {}): Float32Array {
  const steps = forwardHiddenSteps(weights, tokens, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Logits [rows, vocab] of the tied output head for rows [firstRow, firstRow + rows) of the hidden states. */
export function logitsForRows(weights: Gpt2Weights, hiddenStates: Float32Array, firstRow: number, rows: number, out = new Float32Array(rows * weights.config.vocab)): Float32Array {
  const { hidden, vocab } = weights.config;
  const x = hiddenStates.subarray(firstRow * hidden, (firstRow + rows) * hidden);
  const arena = weights.arena;
  if (arena && hidden % 4 === 0 && arena.owns(weights.tokenEmbedding)) arena.outputHead(out, x, rows, hidden, weights.tokenEmbedding, vocab);
  else outputHead(out, x, rows, hidden, weights.tokenEmbedding, vocab);
  return out;
}

/** Runs the whole forward pass and returns logits [tokens, vocab] for every position. */
export function forwardLogits(weights: Gpt2Weights, tokens: ArrayLike<number>, options: ForwardOptions = {}): Float32Array {
  const hiddenStates = forwardHidden(weights, tokens, options);
  return logitsForRows(weights, hiddenStates, 0, tokens.length);
}

/**
 * FLOPs of one forward pass over the given number of tokens, counting a
 * multiply and an add as two: every matrix product including the output head,
 * and the causal attention's QKᵀ and AV over the keys each query attends to.
 */
export function forwardFlops(weights: Pick<Gpt2Weights, 'config'>, tokens: number, window = Infinity): number {
  const { layers, hidden, inner, vocab } = weights.config;
  const dense = 2 * tokens * (hidden * 3 * hidden + hidden * hidden + 2 * hidden * inner);
  let keysSeen = 0;
  for (let i = 0; i < tokens; i++) keysSeen += Math.min(i + 1, window);
  const attention = 2 * 2 * keysSeen * hidden;
  return layers * (dense + attention) + 2 * tokens * hidden * vocab;
}
