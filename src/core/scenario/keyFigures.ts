import { attentionCrossover } from '../scaling/flops.ts';
import { longestFit } from '../scaling/fit.ts';
import { memoryBreakdown, totalBytes } from '../scaling/memory.ts';
import { countParameters } from '../scaling/parameters.ts';
import { resolveDevices, resolveModel } from './resolve.ts';
import type { Scenario } from './types.ts';

export interface DeviceFit {
  deviceId: string;
  deviceName: string;
  /** Longest sequence that fits, in tokens, or null when no length fits. */
  maxSeqTokens: number | null;
  capacityBytes: number;
  /** Memory needed on the device before any token. */
  fixedBytes: number;
}

/** The headline numbers of a scaling scenario, the same the command line prints. */
export interface KeyFigures {
  modelName: string;
  parameters: number;
  /** Total memory at the chart's shortest and longest sequence (the `memory` command's total_bytes). */
  memoryAtSeqMin: { seqTokens: number; totalBytes: number };
  memoryAtSeqMax: { seqTokens: number; totalBytes: number };
  /** Per device, as the `fit` command computes it. */
  fits: DeviceFit[];
  /** Sequence length where attention FLOPs reach the dense layers', or null when they never do. */
  crossoverTokens: number | null;
}

/** Computes the key figures, or returns undefined when the scenario's model is unknown. */
export function scenarioKeyFigures(scenario: Scenario): KeyFigures | undefined {
  const model = resolveModel(scenario.model);
  if (!model) return undefined;
  const settings = scenario.scaling;
  const parameters = countParameters(model).total;
  const memoryAt = (seqTokens: number) => ({ seqTokens, totalBytes: totalBytes(memoryBreakdown(model, settings, seqTokens, parameters)) });
  return {
    modelName: model.name,
    parameters,
    memoryAtSeqMin: memoryAt(settings.seqMin),
    memoryAtSeqMax: memoryAt(settings.seqMax),
    fits: resolveDevices(settings).map((device) => {
      const fit = longestFit(model, settings, device);
      return { deviceId: device.id, deviceName: device.name, maxSeqTokens: fit.maxSeq, capacityBytes: fit.capacityBytes, fixedBytes: fit.fixedBytes };
    }),
    crossoverTokens: attentionCrossover(model, settings),
  };
}
