import type { AttentionShape } from './shape.ts';

export interface TaskRange {
  head: number;
  rowStart: number;
  rowEnd: number;
}

/** Rows per task are multiples of this, so tiles of 64 rows stay whole. */
const ROW_ALIGN = 64;

/**
 * Splits a run into tasks of one head and a range of rows, about `parts` per
 * head, with equal work: under a causal mask row i costs i + 1 keys, so the
 * boundaries sit at seqLen * sqrt(p / parts) instead of evenly.
 */
export function planTasks(shape: AttentionShape, parts: number): TaskRange[] {
  const { seqLen, heads, causal } = shape;
  const count = Math.max(1, Math.min(parts, Math.ceil(seqLen / ROW_ALIGN)));
  const bounds = [0];
  for (let p = 1; p < count; p++) {
    const fraction = causal ? Math.sqrt(p / count) : p / count;
    const aligned = Math.round((seqLen * fraction) / ROW_ALIGN) * ROW_ALIGN;
    if (aligned > bounds[bounds.length - 1]! && aligned < seqLen) bounds.push(aligned);
  }
  bounds.push(seqLen);
  const tasks: TaskRange[] = [];
  for (let head = 0; head < heads; head++) {
    for (let p = 0; p + 1 < bounds.length; p++) tasks.push({ head, rowStart: bounds[p]!, rowEnd: bounds[p + 1]! });
  }
  return tasks;
}

/** Rows of the largest task of a plan. */
export function maxTaskRows(shape: AttentionShape, parts: number): number {
  return Math.max(...planTasks({ ...shape, heads: 1 }, parts).map((t) => t.rowEnd - t.rowStart));
}

/** Work units (query-key pairs) in a task, for progress that advances evenly under a causal mask. */
export function taskPairs(task: TaskRange, shape: AttentionShape): number {
  const rows = task.rowEnd - task.rowStart;
  if (!shape.causal) return rows * shape.seqLen;
  return (task.rowEnd * (task.rowEnd + 1) - task.rowStart * (task.rowStart + 1)) / 2;
}

/** Query-key pairs from rowStart up to (not including) row, under the shape's mask. */
export function pairsBefore(rowStart: number, row: number, shape: AttentionShape): number {
  return taskPairs({ head: 0, rowStart, rowEnd: row }, shape);
}
