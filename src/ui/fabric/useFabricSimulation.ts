import { useEffect, useRef } from 'react';
import { ValidationError } from '../../core/errors.ts';
import { fabricRunInput, type FabricRunInput } from '../../core/fabric/input.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { fabricStore } from '../../state/fabricStore.ts';
import { useAppState } from '../../state/store.ts';
import { createBrowserFabricClient, SimulationCancelledError, type FabricSimulationClient } from '../../workers/fabricClient.ts';

let sharedClient: FabricSimulationClient | undefined;

function client(): FabricSimulationClient {
  sharedClient ??= createBrowserFabricClient();
  return sharedClient;
}

/** Serialises the input without the fields that change only the picture, so switching the metric, moving the view or pinning a PE does not re-run. */
function simulationKey(input: FabricRunInput): string {
  return JSON.stringify({ ...input, fabric: { ...input.fabric, metric: undefined, camera: undefined, pin: undefined } });
}

function inputOf(scenario: Scenario): FabricRunInput | string {
  try {
    return fabricRunInput(scenario);
  } catch (error) {
    if (error instanceof ValidationError) return `The scenario cannot be simulated: ${error.message}`;
    throw error;
  }
}

/**
 * Runs the simulation in the worker whenever an input it depends on changes.
 * A newer scenario cancels the run in flight; a failure is reported in the
 * store and the last good result stays on screen.
 */
export function useFabricSimulation(): void {
  const scenario = useAppState((state) => state.scenario);
  const lastKey = useRef<string | undefined>(undefined);

  useEffect(() => {
    const input = inputOf(scenario);
    if (typeof input === 'string') {
      lastKey.current = undefined;
      fabricStore.getState().set({ status: 'error', error: input });
      return;
    }
    const key = simulationKey(input);
    if (key === lastKey.current) return;
    lastKey.current = key;
    fabricStore.getState().set({ status: 'running', error: undefined });
    client()
      .run(input)
      .then(
        (result) => fabricStore.getState().set({ status: 'done', result, error: undefined }),
        (error: unknown) => {
          if (error instanceof SimulationCancelledError) {
            fabricStore.getState().set({ cancelledRuns: fabricStore.getState().cancelledRuns + 1 });
            return;
          }
          // A failed run may succeed later (a fresh worker starts), so the same scenario may run again.
          lastKey.current = undefined;
          fabricStore.getState().set({ status: 'error', error: error instanceof Error ? error.message : String(error) });
        },
      );
  }, [scenario]);

  useEffect(() => () => {
    sharedClient?.cancel();
    lastKey.current = undefined;
  }, []);
}
