import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FabricResult } from '../core/fabric/simulate.ts';

/** A PE in fabric coordinates (reserved edges included). */
export interface PeCoordinates {
  x: number;
  y: number;
}

/** A d3-zoom transform as plain numbers: screen = world · k + (x, y), in CSS pixels. */
export interface Camera {
  k: number;
  x: number;
  y: number;
}

export type SimulationStatus = 'idle' | 'running' | 'done' | 'error';

/** Transient state of the Fabric view, none of it in the URL. The view and the pin are part of the scenario. */
export interface FabricUiState {
  status: SimulationStatus;
  result: FabricResult | undefined;
  /** Message of the last failed run, or of the problem that stopped the scenario from being simulated. */
  error: string | undefined;
  /** Runs cancelled because a newer scenario started. */
  cancelledRuns: number;
  hover: PeCoordinates | undefined;
  wavefrontPlaying: boolean;
  /** Cycles since the broadcast entered, or undefined when no wavefront is shown. */
  wavefrontCycle: number | undefined;
  /** Animation speed in fabric cycles per second of wall time. */
  wavefrontCyclesPerSecond: number;
  set(patch: Partial<Omit<FabricUiState, 'set'>>): void;
}

export function createFabricStore() {
  return createStore<FabricUiState>()((set) => ({
    status: 'idle',
    result: undefined,
    error: undefined,
    cancelledRuns: 0,
    hover: undefined,
    wavefrontPlaying: false,
    wavefrontCycle: undefined,
    wavefrontCyclesPerSecond: 200,
    set: (patch) => set(patch),
  }));
}

export const fabricStore = createFabricStore();

export function useFabricState<T>(selector: (state: FabricUiState) => T): T {
  return useStore(fabricStore, selector);
}
