import { transfer } from 'comlink';
import type { FabricRunInput } from '../core/fabric/input.ts';
import { resultBuffers, simulateFabric, type FabricResult } from '../core/fabric/simulate.ts';

/** API of the fabric worker over comlink. */
export interface FabricWorkerApi {
  simulate(input: FabricRunInput): FabricResult;
}

/** Creates the worker's API. The result's Float32Arrays are transferred to the caller, not copied. */
export function createFabricApi(simulate: (input: FabricRunInput) => FabricResult = simulateFabric): FabricWorkerApi {
  return {
    simulate(input) {
      const result = simulate(input);
      return transfer(result, resultBuffers(result));
    },
  };
}
