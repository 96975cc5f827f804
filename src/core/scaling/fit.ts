import { deviceCapacityBytes, type Device } from '../devices/devices.ts';
import type { ModelConfig } from '../models/types.ts';
import { largestSatisfying } from '../search.ts';
import { countParameters } from './parameters.ts';
import { bytesOnDevice, memoryBreakdown } from './memory.ts';
import { SCALING_LIMITS, type ScalingSettings } from './settings.ts';

/**
 * Returns the settings that apply on one device. Tensor and sequence
 * parallelism split a layer across several GPUs. A wafer-scale engine under
 * weight streaming runs the whole layer on one wafer, so for it they are off.
 */
export function settingsForDevice(settings: ScalingSettings, device: Pick<Device, 'memoryMode'>): ScalingSettings {
  if (device.memoryMode === 'all' || (settings.tensorParallel === 1 && !settings.sequenceParallel)) return settings;
  return { ...settings, tensorParallel: 1, sequenceParallel: false };
}

/** Bytes that count against the device's memory at sequence length s. */
export function bytesOnDeviceAt(model: ModelConfig, settings: ScalingSettings, device: Pick<Device, 'memoryMode'>, s: number, parameters = countParameters(model).total): number {
  return bytesOnDevice(memoryBreakdown(model, settingsForDevice(settings, device), s, parameters), device);
}

export interface FitResult {
  /** The longest sequence that fits, or null when even one token does not. */
  maxSeq: number | null;
  /** True when the search limit itself fits, so maxSeq is a lower bound. */
  atLimit: boolean;
  capacityBytes: number;
  /** Bytes counted at s = 1: the part that does not grow with s, plus one token's activations. */
  fixedBytes: number;
}

/**
 * Finds the largest s (other settings fixed) whose on-device memory fits the
 * device's capacity, exact to one token. Memory grows monotonically with s,
 * which the search relies on.
 */
export function longestFit(model: ModelConfig, settings: ScalingSettings, device: Device, limit: number = SCALING_LIMITS.seq.max): FitResult {
  const parameters = countParameters(model).total;
  const capacityBytes = deviceCapacityBytes(device);
  const deviceSettings = settingsForDevice(settings, device);
  const onDevice = (s: number): number => bytesOnDevice(memoryBreakdown(model, deviceSettings, s, parameters), device);
  const fits = (s: number): boolean => onDevice(s) <= capacityBytes;

  const fixedBytes = onDevice(1);
  const found = largestSatisfying(fits, limit);
  return { maxSeq: found.value, atLimit: found.atLimit, capacityBytes, fixedBytes };
}
