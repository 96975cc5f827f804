// Placeholder: the Kernels view's sweep parameters. Replaced by the kernels work.
import type { AnyUrlField } from '../scenario/fields.ts';
import type { Scenario } from '../scenario/types.ts';

export interface KernelsScenario {
  kernels: string[];
}

export const DEFAULT_KERNELS_SCENARIO: KernelsScenario = { kernels: ['dense', 'tiled'] };

/** URL fields of the kernels slice; each reads and writes scenario.kernels. */
export const KERNELS_URL_FIELDS: readonly AnyUrlField<Scenario>[] = [];
