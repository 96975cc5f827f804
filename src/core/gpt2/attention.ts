/**
 * Causal multi-head self-attention for the GPT-2 forward pass, reading Q, K
 * and V from the fused c_attn output [tokens, 3 × hidden].
 */

export interface AttentionShape {
  tokens: number;
  heads: number;
  headDim: number;
  /** Each query sees at most this many tokens, itself included; Infinity for full causal attention. */
  window: number;
}

/**
 * Computes softmax(QKᵀ/√d + causal mask) V for every head into out [tokens, hidden],
 * heads side by side as GPT-2 concatenates them before c_proj.
 */
export function causalSelfAttention(out: Float32Array, qkv: Float32Array, shape: AttentionShape): void {
  const { tokens, heads, headDim } = shape;
  const hidden = heads * headDim;
  const stride = 3 * hidden;
  const scale = 1 / Math.sqrt(headDim);
  const scores = new Float32Array(tokens);
  const accumulator = new Float32Array(headDim);
  for (let head = 0; head < heads; head++) {
    const qOffset = head * headDim;
    const kOffset = hidden + head * headDim;
    const vOffset = 2 * hidden + head * headDim;
    for (let i = 0; i < tokens; i++) {
      const first = Number.isFinite(shape.window) ? Math.max(0, i - shape.window + 1) : 0;
      const q = i * stride + qOffset;
      let max = -Infinity;
      for (let j = first; j <= i; j++) {
        const k = j * stride + kOffset;
        let dot = 0;
        for (let d = 0; d < headDim; d++) dot += qkv[q + d]! * qkv[k + d]!;
        const score = dot * scale;
        scores[j] = score;
        if (score > max) max = score;
      }
      accumulator.fill(0);
      let sum = 0;
      for (let j = first; j <= i; j++) {
        const weight = Math.exp(scores[j]! - max);
        sum += weight;
        const v = j * stride + vOffset;
        for (let d = 0; d < headDim; d++) accumulator[d] = accumulator[d]! + weight * qkv[v + d]!;
      }
      const o = i * hidden + head * headDim;
      for (let d = 0; d < headDim; d++) out[o + d] = accumulator[d]! / sum;
    }
  }
}
