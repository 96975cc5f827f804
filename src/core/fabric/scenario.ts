// Placeholder: the Fabric view's scenario slice. Replaced by the fabric simulator work.
import type { AnyUrlField } from '../scenario/fields.ts';
import type { Scenario } from '../scenario/types.ts';

export interface FabricScenario {
  fabricId: string;
}

export const DEFAULT_FABRIC_SCENARIO: FabricScenario = { fabricId: 'wse-2' };

/** URL fields of the fabric slice; each reads and writes scenario.fabric. */
export const FABRIC_URL_FIELDS: readonly AnyUrlField<Scenario>[] = [];
