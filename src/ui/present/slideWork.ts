import { useEffect } from 'react';
import type { Scenario } from '../../core/scenario/types.ts';
import { useFabricState } from '../../state/fabricStore.ts';
import { kernelsStore, sweepKeyOf, useKernelsState } from '../../state/kernelsStore.ts';

/**
 * Starts the computations a slide's view needs, so that nothing waits for a
 * click on stage, and returns true while the slide's result is not drawn yet.
 * The Fabric view runs its own simulation when it mounts, so only its status
 * is read here. The Kernels sweep starts here for the slide on screen, and
 * ahead of time for the nearest Kernels slide still to come unless a Kernels
 * slide is on screen (a new sweep would cancel the one it shows). Finished
 * sweeps are kept, so going back to a Kernels slide shows it at once.
 */
export function useSlideComputation(scenario: Scenario | undefined, next: Scenario | undefined): boolean {
  const fabricPending = useFabricState((state) => state.status === 'idle' || state.status === 'running');
  const sweepKey = scenario?.view === 'kernels' ? sweepKeyOf(scenario.kernels) : '';
  const kernelsPending = useKernelsState((state) => state.status === 'running' || (state.sweepKey !== sweepKey && state.error === null));

  useEffect(() => {
    if (scenario?.view === 'kernels') void kernelsStore.getState().ensureSweep(scenario.kernels);
    else if (next?.view === 'kernels') void kernelsStore.getState().ensureSweep(next.kernels);
  }, [scenario, next]);

  if (scenario?.view === 'fabric') return fabricPending;
  if (scenario?.view === 'kernels') return kernelsPending;
  return false;
}
