import { DEVICE_PRESETS, findDevicePreset, type Device } from '../devices/devices.ts';
import { findModelPreset } from '../models/presets.ts';
import type { ModelConfig } from '../models/types.ts';
import type { ModelChoice, ScalingScenario } from './types.ts';

/** The model a scenario names, or undefined for an unknown preset id. */
export function resolveModel(choice: ModelChoice): ModelConfig | undefined {
  return choice.kind === 'preset' ? findModelPreset(choice.id) : choice.config;
}

/** A preset device with the user's edits applied. */
export function resolveDevice(id: string, scaling: Pick<ScalingScenario, 'deviceOverrides'>): Device | undefined {
  const preset = findDevicePreset(id);
  if (!preset) return undefined;
  const override = scaling.deviceOverrides[id];
  return override ? { ...preset, ...override } : preset;
}

/** The scenario's chosen devices, in preset order, with edits applied. */
export function resolveDevices(scaling: Pick<ScalingScenario, 'devices' | 'deviceOverrides'>): Device[] {
  return DEVICE_PRESETS.filter((device) => scaling.devices.includes(device.id)).map((device) => resolveDevice(device.id, scaling)!);
}
