import { findDevicePreset } from '../devices/devices.ts';
import { ValidationError } from '../errors.ts';
import type { ModelConfig } from '../models/types.ts';
import { resolveModel } from '../scenario/resolve.ts';
import type { Scenario } from '../scenario/types.ts';
import { findSettingsProblems, type ScalingSettings } from '../scaling/settings.ts';
import { collectProblems, requireInteger, requireNumber, requireOneOf } from '../validate.ts';
import { findFabricProblems, resolveFabricParameters } from './geometry.ts';
import type { FabricParameters } from './presets.ts';
import { FABRIC_SEQ_LIMITS, GPU_LIMITS, GPU_PARALLELISMS, TILE_KEYS_LIMITS, type FabricScenario } from './scenario.ts';

/** Everything one simulation needs, as plain data that can cross to a worker. */
export interface FabricRunInput {
  model: ModelConfig;
  /** The scaling settings as waferSettings adapts them to one wafer. */
  settings: ScalingSettings;
  fabric: FabricScenario;
  parameters: FabricParameters;
  /** Fraction of peak the GPU cluster reaches. */
  utilisation: number;
  /** Dense peak FLOP/s of one GPU of the cluster. */
  gpuPeakFlops: number;
}

/**
 * Adapts the scaling settings to one wafer: a training step on a single device, so
 * no tensor or sequence parallelism, and the L transformer layers only, so the
 * output layer (final LayerNorm and logits) is left out.
 */
export function waferSettings(settings: ScalingSettings): ScalingSettings {
  return { ...settings, mode: 'train', tensorParallel: 1, sequenceParallel: false, logits: false };
}

/** Collects every problem with the fabric slice of a scenario and its parameters. */
export function findFabricScenarioProblems(fabric: FabricScenario, parameters: FabricParameters): ValidationError[] {
  const problems = [
    ...findFabricProblems(parameters),
    ...collectProblems([
      () => requireInteger('seq', fabric.seq, FABRIC_SEQ_LIMITS),
      () => requireInteger('tileKeys', fabric.tileKeys, TILE_KEYS_LIMITS),
      () => requireInteger('gpus', fabric.gpu.gpus, GPU_LIMITS.gpus),
      () => requireOneOf('parallelism', fabric.gpu.parallelism, GPU_PARALLELISMS),
      () => requireNumber('latencySeconds', fabric.gpu.latencySeconds, 0, GPU_LIMITS.latencyMicroseconds.max * 1e-6, 's'),
      () => requireNumber('linkBandwidth', fabric.gpu.linkBandwidth, GPU_LIMITS.linkGigabytesPerSecond.min * 1e9, GPU_LIMITS.linkGigabytesPerSecond.max * 1e9, 'B/s'),
    ]),
  ];
  if (fabric.source.kind === 'point') {
    const usableColumns = parameters.columns - parameters.reservedWest - parameters.reservedEast;
    const usableRows = parameters.rows - parameters.reservedNorth - parameters.reservedSouth;
    if (fabric.source.x >= usableColumns || fabric.source.y >= usableRows) {
      problems.push(new ValidationError('source', `${fabric.source.x},${fabric.source.y}`, `a usable PE within 0..${usableColumns - 1}, 0..${usableRows - 1}`, 'Pick a PE inside the fabric or use the west edge.'));
    }
  }
  return problems;
}

/** Builds the simulation's input from the shared scenario; throws ValidationError naming the first invalid field. */
export function fabricRunInput(scenario: Scenario): FabricRunInput {
  const model = resolveModel(scenario.model);
  if (!model) throw new ValidationError('model', scenario.model.kind === 'preset' ? scenario.model.id : 'custom', 'a known model preset', 'Choose a model in the Scaling view.');
  const parameters = resolveFabricParameters(scenario.fabric);
  const settings = waferSettings(scenario.scaling);
  const problems = [...findSettingsProblems(settings), ...findFabricScenarioProblems(scenario.fabric, parameters)];
  if (problems.length > 0) throw problems[0]!;
  const gpu = findDevicePreset(scenario.fabric.gpu.deviceId);
  if (!gpu) throw new ValidationError('gpu device', scenario.fabric.gpu.deviceId, 'a GPU preset id such as a100-80gb');
  return { model, settings, fabric: scenario.fabric, parameters, utilisation: scenario.scaling.utilisation, gpuPeakFlops: gpu.peakFlops };
}
