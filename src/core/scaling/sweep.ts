import { ValidationError } from '../errors.ts';
import type { ModelConfig } from '../models/types.ts';
import { stepFlops, type StepFlops } from './flops.ts';
import { memoryBreakdown, totalBytes, type MemoryBreakdown } from './memory.ts';
import { countParameters } from './parameters.ts';
import type { ScalingSettings } from './settings.ts';

export const MAX_SWEEP_POINTS = 10_000;

/**
 * Integer sequence lengths spaced evenly on a log scale from min to max,
 * both included, without repeats. Rejects more than MAX_SWEEP_POINTS points.
 */
export function logSpacedLengths(min: number, max: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SWEEP_POINTS) {
    throw new ValidationError('points', count, `an integer from 1 to ${MAX_SWEEP_POINTS}`);
  }
  if (min > max) throw new ValidationError('seqMin', min, `at most seqMax (${max})`);
  if (count === 1 || min === max) return [min];
  const lengths: number[] = [];
  const ratio = Math.log(max / min) / (count - 1);
  for (let i = 0; i < count; i++) {
    const s = i === count - 1 ? max : Math.round(min * Math.exp(ratio * i));
    if (lengths.length === 0 || s > lengths[lengths.length - 1]!) lengths.push(s);
  }
  return lengths;
}

export interface SweepPoint {
  seq: number;
  memory: MemoryBreakdown;
  totalBytes: number;
  flops: StepFlops;
}

/** Memory and FLOPs at each sequence length. */
export function sweep(model: ModelConfig, settings: ScalingSettings, lengths: readonly number[]): SweepPoint[] {
  const parameters = countParameters(model).total;
  return lengths.map((seq) => {
    const memory = memoryBreakdown(model, settings, seq, parameters);
    return { seq, memory, totalBytes: totalBytes(memory), flops: stepFlops(model, settings, seq) };
  });
}
