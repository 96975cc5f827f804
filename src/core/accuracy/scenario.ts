import { ValidationError } from '../errors.ts';
import { booleanCodec, groupField, integerCodec, type AnyUrlField } from '../scenario/fields.ts';
import type { Scenario } from '../scenario/types.ts';

/** Settings of the accuracy-by-position view that a shared URL carries. */
export interface AccuracyScenario {
  /** Sliding windows in tokens measured beside the full context, ascending; empty for full context only. */
  windows: number[];
  /** Points in the moving average drawn over each curve; 1 draws the raw points. */
  smoothing: number;
  /** Draw the raw points under the smoothed lines. */
  showRaw: boolean;
  /** Draw top-5 accuracy beside top-1. */
  showTop5: boolean;
  /** Passages measured at most, from the start of the text. */
  maxPassages: number;
  /** Also plot the mean loss (nats) by position. */
  showLoss: boolean;
}

export const ACCURACY_LIMITS = {
  window: { min: 1, max: 65_536 },
  windows: 8,
  smoothing: { min: 1, max: 1_025 },
  maxPassages: { min: 1, max: 100_000 },
} as const;

export const DEFAULT_ACCURACY_SCENARIO: AccuracyScenario = {
  windows: [],
  smoothing: 25,
  showRaw: false,
  showTop5: true,
  maxPassages: 8,
  showLoss: false,
};

/** Reads a comma-separated list of window sizes in tokens, sorted and without repeats. */
export function parseWindowList(key: string, raw: string): number[] {
  const parts = raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const { min, max } = ACCURACY_LIMITS.window;
  if (parts.length > ACCURACY_LIMITS.windows) throw new ValidationError(key, raw, `at most ${ACCURACY_LIMITS.windows} window sizes`);
  const windows = parts.map((part) => {
    const value = /^\d+$/.test(part) ? Number(part) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new ValidationError(key, raw, `comma-separated window sizes, each an integer from ${min} to ${max.toLocaleString('en-US')} tokens`);
    }
    return value;
  });
  return [...new Set(windows)].sort((a, b) => a - b);
}

const windowListCodec = (key: string) => ({
  parse: (raw: string) => parseWindowList(key, raw),
  format: (windows: number[]) => windows.join(','),
  equals: (a: number[], b: number[]) => a.length === b.length && a.every((value, i) => value === b[i]),
});

/** URL fields of the accuracy slice; each reads and writes scenario.accuracy. */
export const ACCURACY_URL_FIELDS: readonly AnyUrlField<Scenario>[] = [
  groupField<Scenario, 'accuracy', 'windows'>('acc.windows', 'accuracy', 'windows', windowListCodec('acc.windows')),
  groupField<Scenario, 'accuracy', 'smoothing'>('acc.smooth', 'accuracy', 'smoothing', integerCodec('acc.smooth', ACCURACY_LIMITS.smoothing.min, ACCURACY_LIMITS.smoothing.max)),
  groupField<Scenario, 'accuracy', 'showRaw'>('acc.raw', 'accuracy', 'showRaw', booleanCodec('acc.raw')),
  groupField<Scenario, 'accuracy', 'showTop5'>('acc.top5', 'accuracy', 'showTop5', booleanCodec('acc.top5')),
  groupField<Scenario, 'accuracy', 'maxPassages'>('acc.passages', 'accuracy', 'maxPassages', integerCodec('acc.passages', ACCURACY_LIMITS.maxPassages.min, ACCURACY_LIMITS.maxPassages.max)),
  groupField<Scenario, 'accuracy', 'showLoss'>('acc.loss', 'accuracy', 'showLoss', booleanCodec('acc.loss')),
];
