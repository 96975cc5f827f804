import { DEFAULT_FABRIC_SCENARIO, type FabricScenario } from '../../../src/core/fabric/scenario.ts';
import type { FabricRunInput } from '../../../src/core/fabric/input.ts';
import { waferSettings } from '../../../src/core/fabric/input.ts';
import { findFabricPreset, type FabricParameters } from '../../../src/core/fabric/presets.ts';
import { findModelPreset } from '../../../src/core/models/presets.ts';
import type { ModelConfig } from '../../../src/core/models/types.ts';
import { DEFAULT_SCALING_SETTINGS, type ScalingSettings } from '../../../src/core/scaling/settings.ts';

/** A tiny GPT-style model whose per-PE bytes are easy to work out by hand: 34·h = 204 bytes per token per layer. */
export const TINY_MODEL: ModelConfig = {
  id: 'tiny', name: 'Tiny', layers: 2, hidden: 6, heads: 2, kvHeads: 2, headDim: 3, ffn: 24, gatedMlp: false,
  vocab: 10, contextLength: 64, positions: 'learned', tiedEmbeddings: true, norm: 'layernorm', attentionBias: 'all',
  mlpBias: true, outputBias: false, parallelBlock: false, normsPerLayer: 2, source: 'test',
};

export const GPT_J = findModelPreset('gpt-j-6b')!;
export const WSE2 = findFabricPreset('wse-2')!.parameters;

/** Builds a fabric with no reserved edges, no reserve and no weight buffer. */
export function bareFabric(columns: number, rows: number, sramBytes: number): FabricParameters {
  return {
    ...WSE2, columns, rows, reservedWest: 0, reservedEast: 0, reservedNorth: 0, reservedSouth: 0,
    sramBytes, reserveBytes: 0, weightTileBytes: 0,
  };
}

export function settingsWith(patch: Partial<ScalingSettings> & { variant?: ScalingSettings['attention']['variant'] }): ScalingSettings {
  const { variant, ...rest } = patch;
  const base = { ...DEFAULT_SCALING_SETTINGS, ...rest };
  return waferSettings(variant ? { ...base, attention: { ...base.attention, variant } } : base);
}

export function runInput(model: ModelConfig, settings: ScalingSettings, parameters: FabricParameters, fabric: Partial<FabricScenario> = {}): FabricRunInput {
  return {
    model,
    settings,
    parameters,
    fabric: { ...DEFAULT_FABRIC_SCENARIO, fabricId: 'custom', ...fabric },
    utilisation: 0.5,
    gpuPeakFlops: 312e12,
  };
}
