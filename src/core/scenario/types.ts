import { DEFAULT_ACCURACY_SCENARIO, type AccuracyScenario } from '../accuracy/scenario.ts';
import { DEFAULT_DEVICE_IDS } from '../devices/devices.ts';
import { DEFAULT_FABRIC_SCENARIO, type FabricScenario } from '../fabric/scenario.ts';
import { DEFAULT_KERNELS_SCENARIO, type KernelsScenario } from '../kernels/scenario.ts';
import { DEFAULT_MODEL_ID } from '../models/presets.ts';
import type { ModelConfig } from '../models/types.ts';
import { DEFAULT_SCALING_SETTINGS, type ScalingSettings } from '../scaling/settings.ts';
import type { MemoryUnit } from '../units.ts';

/** The version written into every scenario URL as v=; older versions keep parsing. */
export const SCENARIO_VERSION = 1;

export const VIEW_IDS = ['scaling', 'fabric', 'kernels', 'accuracy'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** A user's edit of a preset device's figures. */
export interface DeviceOverride {
  memory: number;
  memoryUnit: MemoryUnit;
  /** Dense peak in FLOP/s. */
  peakFlops: number;
}

/** A preset model by id, or a model given in full (typed in or imported from config.json). */
export type ModelChoice = { kind: 'preset'; id: string } | { kind: 'custom'; config: ModelConfig };

export interface ScalingScenario extends ScalingSettings {
  seqMin: number;
  seqMax: number;
  /** Points on the sequence-length axis of the charts. */
  points: number;
  devices: string[];
  deviceOverrides: Record<string, DeviceOverride>;
  /** Components drawn as a stacked area (true) or as separate lines (false). */
  stacked: boolean;
  /** Fraction of peak FLOP/s achieved, for time per step. */
  utilisation: number;
  /** Device whose peak gives the time per step. */
  computeDevice: string;
}

export interface Scenario {
  view: ViewId;
  /** The preset this scenario started from, or '' for none; the URL stores only fields that differ from it. */
  preset: string;
  /** A short title and description the user attaches; shown as text only. */
  title: string;
  description: string;
  model: ModelChoice;
  scaling: ScalingScenario;
  fabric: FabricScenario;
  kernels: KernelsScenario;
  accuracy: AccuracyScenario;
}

export const DEFAULT_SCALING_SCENARIO: ScalingScenario = {
  ...DEFAULT_SCALING_SETTINGS,
  seqMin: 512,
  seqMax: 65536,
  points: 200,
  devices: [...DEFAULT_DEVICE_IDS],
  deviceOverrides: {},
  stacked: true,
  utilisation: 0.5,
  computeDevice: 'a100-80gb',
};

/**
 * The first scenario a new user sees: memory to train GPT-J against sequence
 * length at 16 B per parameter and 2 B per activation, with A100-80GB and
 * H100-80GB against the total and WSE-2 against the activations.
 */
export const DEFAULT_SCENARIO: Scenario = {
  view: 'scaling',
  preset: '',
  title: '',
  description: '',
  model: { kind: 'preset', id: DEFAULT_MODEL_ID },
  scaling: DEFAULT_SCALING_SCENARIO,
  fabric: DEFAULT_FABRIC_SCENARIO,
  kernels: DEFAULT_KERNELS_SCENARIO,
  accuracy: DEFAULT_ACCURACY_SCENARIO,
};
