// Placeholder: the Accuracy view's settings. Replaced by the accuracy-by-position work.
import type { AnyUrlField } from '../scenario/fields.ts';
import type { Scenario } from '../scenario/types.ts';

export interface AccuracyScenario {
  windows: number[];
}

export const DEFAULT_ACCURACY_SCENARIO: AccuracyScenario = { windows: [] };

/** URL fields of the accuracy slice; each reads and writes scenario.accuracy. */
export const ACCURACY_URL_FIELDS: readonly AnyUrlField<Scenario>[] = [];
