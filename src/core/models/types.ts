/** Position encoding: a learned table of n_ctx × h parameters, or rotary (no parameters). */
export type PositionEncoding = 'learned' | 'rotary';
export type NormKind = 'layernorm' | 'rmsnorm';
export type AttentionBias = 'none' | 'qkv' | 'all';

/**
 * A decoder-only transformer, described by the numbers that decide its
 * parameter count, memory and FLOPs. heads × headDim may differ from hidden
 * (GPT-3 XL has 24 heads of 128 on a hidden size of 2,048).
 */
export interface ModelConfig {
  id: string;
  name: string;
  /** L */
  layers: number;
  /** h, d_model */
  hidden: number;
  /** a, query heads */
  heads: number;
  /** Key and value heads; fewer than heads means grouped-query attention. */
  kvHeads: number;
  headDim: number;
  /** d_ff, the MLP's inner width. */
  ffn: number;
  /** A gated MLP (SwiGLU) has three d_ff matrices instead of two. */
  gatedMlp: boolean;
  /** V, including any padding the checkpoint carries. */
  vocab: number;
  /** n_ctx, the trained context length. */
  contextLength: number;
  positions: PositionEncoding;
  tiedEmbeddings: boolean;
  norm: NormKind;
  /** Bias vectors on the attention projections: none, on Q, K and V only (Qwen2), or on all four. */
  attentionBias: AttentionBias;
  /** Bias vectors on the MLP matrices. */
  mlpBias: boolean;
  /** A bias on the output (language-model) head, as GPT-J has. */
  outputBias: boolean;
  /** Attention and MLP read the same input and run side by side (GPT-J, GPT-NeoX). */
  parallelBlock: boolean;
  /** LayerNorms per block: 2 for most models, 1 for GPT-J. */
  normsPerLayer: number;
  source: string;
  /** A parameter count stated by the source, to compare with the computed count. */
  publishedParameters?: number;
  /** Simplifications in the computed figures, and disagreements between sources. */
  note?: string;
}

export function attentionWidth(model: ModelConfig): number {
  return model.heads * model.headDim;
}

export function kvWidth(model: ModelConfig): number {
  return model.kvHeads * model.headDim;
}
