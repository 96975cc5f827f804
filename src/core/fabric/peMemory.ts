import type { ModelConfig } from '../models/types.ts';
import { attentionBytesPerSequence, linearActivationBytesPerToken } from '../scaling/memory.ts';
import type { ScalingSettings } from '../scaling/settings.ts';
import { largestShare } from './placement.ts';
import type { FabricParameters } from './presets.ts';

/** Bytes of SRAM that one PE uses, by part. */
export interface PeMemory {
  /** Stored linear activations of every layer. */
  activations: number;
  /** Stored attention scores of every layer (materialised attention without recomputation). */
  attention: number;
  /** Scores of one key tile and the running softmax statistics under tiled exact attention. */
  workingSet: number;
  /** The streamed weight tile, double-buffered. */
  weightBuffer: number;
  /** Code, stack and runtime. */
  reserve: number;
  used: number;
}

/**
 * Per-PE memory rates that do not depend on the PE: multiply by its token,
 * feature and key shares. The stored-activation rates come from the scaling
 * model, so the per-PE bytes sum to its activation and attention bytes.
 */
export interface MemoryRates {
  /** Bytes per (token × feature) over all layers: L · linear bytes per token / h. */
  activationNumerator: number;
  featuresDivisor: number;
  /** Bytes per (query token × key) over all layers: L · attention bytes per sequence / s². */
  attentionPerTokenKey: number;
  /** Working-set bytes per token held by a PE. */
  workingSetPerToken: number;
  /** Reserve plus the double-buffered weight tile. */
  fixedBytes: number;
  weightBuffer: number;
  reserve: number;
}

export interface WorkingSetOptions {
  tileKeys: number;
  /** Leave the working set out, as the analytic fit does. */
  include: boolean;
}

export function memoryRates(model: ModelConfig, settings: ScalingSettings, s: number, parameters: FabricParameters, workingSet: WorkingSetOptions): MemoryRates {
  const L = model.layers;
  const tiled = settings.attention.variant === 'tiled';
  // Scores of one key tile in fp32 (4 B each), plus the running max and sum in fp32 (8 B), per head.
  const workingSetPerToken = tiled && workingSet.include ? model.heads * (workingSet.tileKeys * 4 + 8) : 0;
  const weightBuffer = 2 * parameters.weightTileBytes;
  return {
    activationNumerator: L * linearActivationBytesPerToken(model, settings),
    featuresDivisor: model.hidden,
    // NOTE: window, hierarchical, low-rank and random-feature scores are spread evenly over the key columns,
    // although real kernels keep them near the diagonal or in a few columns, so their per-PE peak is a lower bound.
    attentionPerTokenKey: (L * attentionBytesPerSequence(model, settings, s)) / (s * s),
    workingSetPerToken,
    fixedBytes: weightBuffer + parameters.reserveBytes,
    weightBuffer,
    reserve: parameters.reserveBytes,
  };
}

/** Returns the stored activation and attention bytes of a PE with t tokens, f features and k keys. */
export function storedBytes(rates: MemoryRates, t: number, f: number, k: number): number {
  return (t * f * rates.activationNumerator) / rates.featuresDivisor + t * k * rates.attentionPerTokenKey;
}

/** Bytes a PE uses; a usable PE always keeps its reserve and weight buffer, even when idle. */
export function usedBytes(rates: MemoryRates, t: number, f: number, k: number): number {
  return storedBytes(rates, t, f, k) + t * rates.workingSetPerToken + rates.fixedBytes;
}

export function peMemory(rates: MemoryRates, t: number, f: number, k: number): PeMemory {
  const activations = (t * f * rates.activationNumerator) / rates.featuresDivisor;
  const attention = t * k * rates.attentionPerTokenKey;
  const workingSet = t * rates.workingSetPerToken;
  return {
    activations,
    attention,
    workingSet,
    weightBuffer: rates.weightBuffer,
    reserve: rates.reserve,
    used: activations + attention + workingSet + rates.fixedBytes,
  };
}

/**
 * Returns the maximum any PE uses. Row 0 has the most tokens and column 0 the most
 * features and keys, and every term grows with each share, so PE (0, 0) is
 * always the fullest.
 */
export function peakUsedBytes(rates: MemoryRates, tokens: number, features: number, keys: number, usableColumns: number, usableRows: number): number {
  return usedBytes(rates, largestShare(tokens, usableRows), largestShare(features, usableColumns), largestShare(keys, usableColumns));
}
