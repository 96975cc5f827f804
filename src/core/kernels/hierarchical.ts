import { requireInteger } from '../validate.ts';
import { planTasks } from './plan.ts';
import { rowStride, softmaxScale } from './shape.ts';
import type { AttentionKernel, KernelTask } from './types.ts';

/**
 * Two-level attention in the manner of SMITH (Yang et al., arXiv 2004.12297):
 * a token attends exactly to the tokens of its own block of B, and to every
 * other block (causal: every earlier block) through one summary key and value,
 * the means of that block's keys and values. A summary's logit gains ln(size)
 * so that it weighs as much as the block's tokens would if they were alike.
 */
export const hierarchicalKernel: AttentionKernel = {
  id: 'hierarchical',
  name: 'Hierarchical blocks',
  exact: false,
  source: 'Yang et al., "SMITH", arXiv 2004.12297',
  check(_shape, params) {
    requireInteger('block', params.block, { min: 1, max: 1 << 20 });
  },
  extraBytes(shape, params, workers) {
    const blocks = Math.ceil(shape.seqLen / params.block);
    const perTask = (2 * blocks * shape.headDim + params.block + blocks) * 4;
    return Math.min(workers, planTasks(shape, workers).length) * perTask;
  },
  flops(shape, params) {
    const { seqLen, heads, headDim, causal } = shape;
    const blocks = Math.ceil(seqLen / params.block);
    const keysPerToken = Math.min(params.block, seqLen) + blocks - 1;
    const pairs = seqLen * (causal ? keysPerToken / 2 : keysPerToken);
    // Summaries: one add per key and value element.
    return heads * (4 * headDim * pairs + 2 * seqLen * headDim);
  },
  run(task) {
    runHierarchical(task);
  },
};

interface Summaries {
  keys: Float32Array;
  values: Float32Array;
  logBonus: Float32Array;
}

function summarise(task: KernelTask, blockCount: number): Summaries {
  const { buffers, shape, params, head } = task;
  const { headDim, seqLen } = shape;
  const stride = rowStride(shape);
  const keys = new Float32Array(blockCount * headDim);
  const values = new Float32Array(blockCount * headDim);
  const logBonus = new Float32Array(blockCount);
  for (let b = 0; b < blockCount; b++) {
    const start = b * params.block;
    const end = Math.min(seqLen, start + params.block);
    for (let t = start; t < end; t++) {
      const base = t * stride + head * headDim;
      for (let c = 0; c < headDim; c++) {
        keys[b * headDim + c] = keys[b * headDim + c]! + buffers.k[base + c]!;
        values[b * headDim + c] = values[b * headDim + c]! + buffers.v[base + c]!;
      }
    }
    const size = end - start;
    for (let c = 0; c < headDim; c++) {
      keys[b * headDim + c] = keys[b * headDim + c]! / size;
      values[b * headDim + c] = values[b * headDim + c]! / size;
    }
    logBonus[b] = Math.log(size);
  }
  return { keys, values, logBonus };
}

function runHierarchical(task: KernelTask): void {
  const { buffers, shape, params, head, rowStart, rowEnd, onRows } = task;
  const { q, k, v, out } = buffers;
  const { seqLen, headDim, causal } = shape;
  const stride = rowStride(shape);
  const scale = softmaxScale(headDim);
  const block = params.block;
  const blockCount = causal ? Math.ceil(rowEnd / block) : Math.ceil(seqLen / block);
  const summaries = summarise(task, blockCount);
  const scores = new Float32Array(block + blockCount);

  for (let i = rowStart; i < rowEnd; i++) {
    const qBase = i * stride + head * headDim;
    const own = Math.floor(i / block);
    const tokenStart = own * block;
    const tokenEnd = causal ? i + 1 : Math.min(seqLen, tokenStart + block);
    const summaryEnd = causal ? own : blockCount;
    let max = -Infinity;
    let n = 0;
    for (let j = tokenStart; j < tokenEnd; j++) {
      const kBase = j * stride + head * headDim;
      let dot = 0;
      for (let c = 0; c < headDim; c++) dot += q[qBase + c]! * k[kBase + c]!;
      scores[n] = dot * scale;
      max = Math.max(max, scores[n++]!);
    }
    for (let b = 0; b < summaryEnd; b++) {
      if (b === own) continue;
      let dot = 0;
      for (let c = 0; c < headDim; c++) dot += q[qBase + c]! * summaries.keys[b * headDim + c]!;
      scores[n] = dot * scale + summaries.logBonus[b]!;
      max = Math.max(max, scores[n++]!);
    }

    let sum = 0;
    for (let s = 0; s < n; s++) {
      scores[s] = Math.exp(scores[s]! - max);
      sum += scores[s]!;
    }
    out.fill(0, qBase, qBase + headDim);
    n = 0;
    for (let j = tokenStart; j < tokenEnd; j++) {
      const weight = scores[n++]! / sum;
      const vBase = j * stride + head * headDim;
      for (let c = 0; c < headDim; c++) out[qBase + c] = out[qBase + c]! + weight * v[vBase + c]!;
    }
    for (let b = 0; b < summaryEnd; b++) {
      if (b === own) continue;
      const weight = scores[n++]! / sum;
      for (let c = 0; c < headDim; c++) out[qBase + c] = out[qBase + c]! + weight * summaries.values[b * headDim + c]!;
    }
    if (onRows && ((i - rowStart + 1) % 64 === 0 || i + 1 === rowEnd)) onRows(i - rowStart + 1);
  }
}

