// Comparison points for the attention benchmark: tfjs-backend-wasm composing
// matMul, softmax and matMul, and a plain JavaScript triple loop.
import * as tf from '@tensorflow/tfjs-core';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';

/**
 * Single-head exact attention with tfjs on random inputs: K transposed first,
 * then plain matMuls (its fast path). run() computes once and waits for the data.
 */
export async function tfjsAttention(seqLen: number, headDim: number): Promise<{ run(): Promise<void>; dispose(): void; threads: number }> {
  if (tf.getBackend() !== 'wasm') {
    await tf.setBackend('wasm');
    await tf.ready();
  }
  const q = tf.randomNormal([seqLen, headDim]);
  const k = tf.randomNormal([seqLen, headDim]);
  const v = tf.randomNormal([seqLen, headDim]);
  const scale = 1 / Math.sqrt(headDim);
  return {
    async run() {
      const out = tf.tidy(() => {
        const kT = tf.transpose(k);
        const scores = tf.mul(tf.matMul(q, kT), scale);
        return tf.matMul(tf.softmax(scores), v);
      });
      await out.data();
      out.dispose();
    },
    dispose: () => tf.dispose([q, k, v]),
    threads: tfWasm.getThreadsCount(),
  };
}

/** Computes attention with the textbook loop (scores row by row, softmax, weighted sum of V) on one thread without tiling. */
export function plainLoopAttention(q: Float32Array, k: Float32Array, v: Float32Array, seqLen: number, headDim: number): Float32Array {
  const out = new Float32Array(seqLen * headDim);
  const scores = new Float32Array(seqLen);
  const scale = 1 / Math.sqrt(headDim);
  for (let i = 0; i < seqLen; i++) {
    let max = -Infinity;
    for (let j = 0; j < seqLen; j++) {
      let dot = 0;
      for (let c = 0; c < headDim; c++) dot += q[i * headDim + c]! * k[j * headDim + c]!;
      scores[j] = dot * scale;
      if (scores[j]! > max) max = scores[j]!;
    }
    let sum = 0;
    for (let j = 0; j < seqLen; j++) {
      scores[j] = Math.exp(scores[j]! - max);
      sum += scores[j]!;
    }
    for (let j = 0; j < seqLen; j++) {
      const weight = scores[j]! / sum;
      for (let c = 0; c < headDim; c++) out[i * headDim + c] = out[i * headDim + c]! + weight * v[j * headDim + c]!;
    }
  }
  return out;
}
