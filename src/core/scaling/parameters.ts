import { attentionWidth, kvWidth, type ModelConfig } from '../models/types.ts';

/** Parameters of one transformer block, by part. */
export interface LayerParameters {
  attention: number;
  mlp: number;
  norms: number;
  total: number;
  /** Weights that take part in matrix multiplications (no biases or norms). */
  matmul: number;
}

export function countLayerParameters(model: ModelConfig): LayerParameters {
  const h = model.hidden;
  const attn = attentionWidth(model);
  const kv = kvWidth(model);
  const qkvBias = model.attentionBias === 'none' ? 0 : attn + 2 * kv;
  const outBias = model.attentionBias === 'all' ? h : 0;
  const attentionMatmul = h * attn + 2 * h * kv + attn * h;
  const attention = attentionMatmul + qkvBias + outBias;

  const mlpMatrices = model.gatedMlp ? 3 : 2;
  const mlpMatmul = mlpMatrices * h * model.ffn;
  // Gated MLPs with biases put one on each of the gate and up matrices.
  const mlpBias = model.mlpBias ? (mlpMatrices - 1) * model.ffn + h : 0;
  const mlp = mlpMatmul + mlpBias;

  const normSize = model.norm === 'layernorm' ? 2 * h : h;
  const norms = model.normsPerLayer * normSize;
  return { attention, mlp, norms, total: attention + mlp + norms, matmul: attentionMatmul + mlpMatmul };
}

export interface ParameterCount {
  layers: number;
  embedding: number;
  positions: number;
  outputHead: number;
  finalNorm: number;
  total: number;
}

/**
 * Counts parameters from the config. For a GPT-2-style model this is
 * 12·L·h² + 13·L·h + V·h + n_ctx·h plus the final LayerNorm (Narayanan et al.,
 * arXiv 2104.04473, section 3.3), with V·h more when the output head is untied.
 */
export function countParameters(model: ModelConfig): ParameterCount {
  const h = model.hidden;
  const layers = model.layers * countLayerParameters(model).total;
  const embedding = model.vocab * h;
  const positions = model.positions === 'learned' ? model.contextLength * h : 0;
  const outputHead = (model.tiedEmbeddings ? 0 : model.vocab * h) + (model.outputBias ? model.vocab : 0);
  const finalNorm = model.norm === 'layernorm' ? 2 * h : h;
  return { layers, embedding, positions, outputHead, finalNorm, total: layers + embedding + positions + outputHead + finalNorm };
}
