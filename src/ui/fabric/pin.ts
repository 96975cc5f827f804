import type { FabricPe } from '../../core/fabric/scenario.ts';
import { appStore } from '../../state/store.ts';

/** Pins a PE, or unpins with undefined. The pin is part of the scenario and so of the URL. */
export function setPin(pe: FabricPe | undefined): void {
  appStore.getState().setScenario((scenario) => ({ ...scenario, fabric: { ...scenario.fabric, pin: pe } }));
}

/** Returns the PE if it lies inside a fabric of the given size, else undefined. */
export function insideFabric(pe: FabricPe | undefined, columns: number, rows: number): FabricPe | undefined {
  return pe && pe.x < columns && pe.y < rows ? pe : undefined;
}
