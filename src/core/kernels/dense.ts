import { rowStride, softmaxScale } from './shape.ts';
import { exactFlops } from './flops.ts';
import { maxTaskRows, planTasks } from './plan.ts';
import type { AttentionKernel, KernelTask } from './types.ts';

const PROGRESS_ROWS = 32;

/**
 * Exact attention with the score matrix materialised (Vaswani et al. 2017):
 * a task allocates all of its rows' scores, rows x seqLen floats, so a whole
 * head needs seqLen² x 4 bytes.
 */
export const denseKernel: AttentionKernel = {
  id: 'dense',
  name: 'Exact, scores materialised',
  exact: true,
  source: 'Vaswani et al. 2017, "Attention Is All You Need"',
  check() {},
  extraBytes(shape, _params, workers) {
    const inFlight = Math.min(workers, planTasks(shape, workers).length);
    return inFlight * maxTaskRows(shape, workers) * shape.seqLen * 4;
  },
  flops: (shape) => exactFlops(shape),
  run(task) {
    runDense(task);
  },
};

function runDense({ buffers, shape, head, rowStart, rowEnd, onRows }: KernelTask): void {
  const { q, k, v, out } = buffers;
  const { seqLen, headDim, causal } = shape;
  const stride = rowStride(shape);
  const scale = softmaxScale(headDim);
  const offset = head * headDim;
  const scores = new Float32Array((rowEnd - rowStart) * seqLen);

  for (let i = rowStart; i < rowEnd; i++) {
    const base = (i - rowStart) * seqLen;
    const qBase = i * stride + offset;
    const end = causal ? i + 1 : seqLen;
    let max = -Infinity;
    for (let j = 0; j < end; j++) {
      const kBase = j * stride + offset;
      let dot = 0;
      for (let c = 0; c < headDim; c++) dot += q[qBase + c]! * k[kBase + c]!;
      const score = dot * scale;
      scores[base + j] = score;
      if (score > max) max = score;
    }
    let sum = 0;
    for (let j = 0; j < end; j++) {
      const weight = Math.exp(scores[base + j]! - max);
      scores[base + j] = weight;
      sum += weight;
    }
    const inverse = 1 / sum;
    out.fill(0, qBase, qBase + headDim);
    for (let j = 0; j < end; j++) {
      const weight = scores[base + j]! * inverse;
      const vBase = j * stride + offset;
      for (let c = 0; c < headDim; c++) out[qBase + c] = out[qBase + c]! + weight * v[vBase + c]!;
    }
    if (onRows && ((i - rowStart + 1) % PROGRESS_ROWS === 0 || i + 1 === rowEnd)) onRows(i - rowStart + 1);
  }
}
