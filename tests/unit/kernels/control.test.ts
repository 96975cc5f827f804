import { describe, expect, it } from 'vitest';
import { claimTask, controlView, readProgress, resetControl, stopClaiming } from '../../../src/core/kernels/control.ts';
import { generateInputs, planLayout, runClaimedTasks, viewBuffers, type KernelJob } from '../../../src/core/kernels/job.ts';
import { exactAttention } from '../../../src/core/kernels/exact.ts';
import { planTasks, taskPairs } from '../../../src/core/kernels/plan.ts';
import { DEFAULT_KERNEL_PARAMS } from '../../../src/core/kernels/types.ts';
import { runMilliseconds } from '../../../src/workers/kernelPool.ts';

const SLOTS = 3;

function setUp(causal: boolean) {
  const job: KernelJob = { kernel: 'tiled', shape: { seqLen: 448, heads: 2, headDim: 32, causal }, input: 'gaussian', params: DEFAULT_KERNEL_PARAMS, seed: 5 };
  const layout = planLayout(job.shape, SLOTS);
  const memory = new WebAssembly.Memory({ initial: layout.pages, maximum: layout.pages, shared: true });
  generateInputs(job, memory, layout);
  const control = controlView(memory, layout);
  resetControl(control);
  const tasks = planTasks(job.shape, SLOTS);
  return { job, layout, memory, control, tasks };
}

describe('control block', () => {
  it('runs each task once', () => {
    const { job, layout, memory, tasks } = setUp(true);
    const ran = [0, 1, 2].map((slot) => runClaimedTasks(job, memory, layout, slot, tasks));
    // The first slot to ask takes every task left, so the others find none.
    expect(ran).toEqual([tasks.length, 0, 0]);
    const { q, k, v, out } = viewBuffers(memory, layout, job.shape);
    const expected = exactAttention(q.slice(), k.slice(), v.slice(), job.shape);
    let maxDifference = 0;
    for (let i = 0; i < expected.length; i++) maxDifference = Math.max(maxDifference, Math.abs(out[i]! - expected[i]!));
    expect(maxDifference).toBeLessThan(1e-6);
  });

  it('progress follows finished work', () => {
    const { job, layout, memory, control, tasks } = setUp(true);
    // Another worker claims the first task and has not reported yet.
    expect(claimTask(control)).toBe(0);
    runClaimedTasks(job, memory, layout, 1, tasks);
    const total = tasks.reduce((sum, task) => sum + taskPairs(task, job.shape), 0);
    const rest = total - taskPairs(tasks[0]!, job.shape);
    // Under the causal mask the tasks hold equal work, not equal rows.
    expect(readProgress(control)).toBeCloseTo(rest / total, 5);
    expect(readProgress(control)).toBeLessThan(1);
  });

  it('stop flag halts claiming', () => {
    const { job, layout, memory, control, tasks } = setUp(false);
    stopClaiming(control);
    expect(runClaimedTasks(job, memory, layout, 0, tasks)).toBe(0);
    expect(readProgress(control)).toBe(0);
    resetControl(control);
    expect(runClaimedTasks(job, memory, layout, 2, tasks)).toBe(tasks.length);
    expect(readProgress(control)).toBeCloseTo(1, 5);
  });

  it('rejects slot outside pool', () => {
    const { job, layout, memory, tasks } = setUp(false);
    expect(() => runClaimedTasks(job, memory, layout, SLOTS, tasks)).toThrow(/slot/);
  });
});

describe('run time', () => {
  it('ends at last worker finish', () => {
    expect(runMilliseconds(1000, [1004, 1006.5], 1012)).toBe(6.5);
  });

  it('falls back to page clock', () => {
    // A worker clock ahead of the page's, or behind the start, cannot be trusted.
    expect(runMilliseconds(1000, [1004, 1020], 1012)).toBe(12);
    expect(runMilliseconds(1000, [990, 995], 1012)).toBe(12);
  });
});
