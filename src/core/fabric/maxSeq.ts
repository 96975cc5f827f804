import type { ModelConfig } from '../models/types.ts';
import { largestSatisfying } from '../search.ts';
import type { ScalingSettings } from '../scaling/settings.ts';
import { fabricGeometry } from './geometry.ts';
import { memoryRates, peakUsedBytes, type WorkingSetOptions } from './peMemory.ts';
import type { FabricParameters } from './presets.ts';

export interface NoOverflowResult {
  /** The longest sequence with no overflowing PE, or null when even one token overflows. */
  maxSeq: number | null;
  /** True when the search limit itself fits, so maxSeq is a lower bound. */
  atLimit: boolean;
}

/** Checks whether every PE fits its SRAM at sequence length s. */
export function fitsWithoutOverflow(model: ModelConfig, settings: ScalingSettings, parameters: FabricParameters, workingSet: WorkingSetOptions, s: number): boolean {
  const geometry = fabricGeometry(parameters);
  const rates = memoryRates(model, settings, s, parameters, workingSet);
  return peakUsedBytes(rates, settings.batch * s, model.hidden, s, geometry.usableColumns, geometry.usableRows) <= parameters.sramBytes;
}

/**
 * Finds the maximum sequence length with no overflowing PE, exact to one
 * token, by a doubling search and then bisection over the fullest PE's bytes,
 * which grow with s.
 */
export function longestSequenceWithoutOverflow(model: ModelConfig, settings: ScalingSettings, parameters: FabricParameters, workingSet: WorkingSetOptions, limit: number): NoOverflowResult {
  const found = largestSatisfying((s) => fitsWithoutOverflow(model, settings, parameters, workingSet, s), limit);
  return { maxSeq: found.value, atLimit: found.atLimit };
}
