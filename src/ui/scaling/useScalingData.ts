import { useMemo } from 'react';
import type { Device } from '../../core/devices/devices.ts';
import type { ModelConfig } from '../../core/models/types.ts';
import { resolveDevices, resolveModel } from '../../core/scenario/resolve.ts';
import type { ScalingScenario } from '../../core/scenario/types.ts';
import {
  attentionCrossover, bytesOnDeviceAt, countParameters, logSpacedLengths, longestFit, sweep, type FitResult, type SweepPoint,
} from '../../core/scaling/index.ts';
import { useAppState } from '../../state/store.ts';

export interface DeviceFit {
  device: Device;
  fit: FitResult;
}

export interface ScalingData {
  model: ModelConfig;
  parameters: number;
  devices: Device[];
  lengths: number[];
  points: SweepPoint[];
  /** The part that stays on a wafer under weight streaming, at each length. */
  onWafer: number[];
  fits: DeviceFit[];
  crossover: number | null;
}

/** Computes every number the Scaling view draws from the scenario; null when the model is unknown. */
export function computeScalingData(model: ModelConfig | undefined, scaling: ScalingScenario): ScalingData | null {
  if (!model) return null;
  const devices = resolveDevices(scaling);
  // A reversed range can reach here from an old link; draw it in order rather than fail.
  const lengths = logSpacedLengths(Math.min(scaling.seqMin, scaling.seqMax), Math.max(scaling.seqMin, scaling.seqMax), scaling.points);
  const points = sweep(model, scaling, lengths);
  const parameters = countParameters(model).total;
  const streaming = { memoryMode: 'weight-streaming' as const };
  return {
    model,
    parameters,
    devices,
    lengths,
    points,
    onWafer: lengths.map((seq) => bytesOnDeviceAt(model, scaling, streaming, seq, parameters)),
    fits: devices.map((device) => ({ device, fit: longestFit(model, scaling, device) })),
    crossover: attentionCrossover(model, scaling),
  };
}

export function useScalingData(): ScalingData | null {
  const modelChoice = useAppState((state) => state.scenario.model);
  const scaling = useAppState((state) => state.scenario.scaling);
  return useMemo(() => computeScalingData(resolveModel(modelChoice), scaling), [modelChoice, scaling]);
}
