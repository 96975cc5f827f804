import type { AccuracyScenario } from '../../core/accuracy/scenario.ts';
import { appStore, useAppState } from '../../state/store.ts';

/** The accuracy slice of the scenario and a setter that patches it. */
export function useAccuracySettings(): [AccuracyScenario, (patch: Partial<AccuracyScenario>) => void] {
  const settings = useAppState((state) => state.scenario.accuracy);
  const update = (patch: Partial<AccuracyScenario>) =>
    appStore.getState().setScenario((scenario) => ({ ...scenario, accuracy: { ...scenario.accuracy, ...patch } }));
  return [settings, update];
}
