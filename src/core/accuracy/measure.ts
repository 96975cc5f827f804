import { forwardHiddenSteps, logitsForRows } from '../gpt2/forward.ts';
import type { Gpt2Weights } from '../gpt2/weights.ts';
import { addPrediction, createTally, curveFromTally, scorePrediction, type AccuracyCurve, type AccuracyTally } from './tally.ts';

/** One context setting: full causal attention, or attention limited to the last `window` tokens. */
export interface ContextSetting {
  /** Tokens each query attends to, itself included, or null for the full context. */
  window: number | null;
}

export function contextLabel(setting: ContextSetting): string {
  return setting.window === null ? 'full context' : `window ${setting.window}`;
}

export interface MeasureProgress {
  /** Forward-pass blocks finished so far, over all passages and settings. */
  doneSteps: number;
  totalSteps: number;
  /** Passages finished under every setting. */
  donePassages: number;
  totalPassages: number;
}

export interface MeasureHooks {
  /** Called after every transformer block, and with the curves after each finished passage. */
  onProgress?(progress: MeasureProgress, curves?: AccuracyCurve[]): void;
  /** Checked between blocks; when it returns true the measurement stops and returns what it has. */
  isCancelled?(): boolean;
  /** Awaited between blocks so that the caller can handle messages such as Cancel. */
  pause?(): Promise<void>;
}

export interface MeasureResult {
  curves: AccuracyCurve[];
  /** Passages measured under every setting; the curves contain only these. */
  passagesDone: number;
  cancelled: boolean;
}

/** Rows of logits computed at a time, so that only rows × vocab floats are held; the SIMD head reuses each embedding tile across them. */
const LOGIT_ROWS = 64;

/**
 * Measures next-token top-1 and top-5 accuracy and loss by position over the
 * passages, once per context setting. A passage of n tokens is run on its
 * first min(n − 1, contextTokens) tokens. Cancelling keeps every passage
 * finished under all settings.
 */
export async function measureAccuracy(weights: Gpt2Weights, passages: readonly (readonly number[])[], settings: readonly ContextSetting[], hooks: MeasureHooks = {}): Promise<MeasureResult> {
  const { layers, vocab, contextTokens } = weights.config;
  const tallies: AccuracyTally[] = settings.map(() => createTally());
  const totalSteps = passages.length * settings.length * layers;
  let doneSteps = 0;
  let passagesDone = 0;
  const curves = () => settings.map((setting, i) => curveFromTally(tallies[i]!, contextLabel(setting), setting.window));
  const progress = (): MeasureProgress => ({ doneSteps, totalSteps, donePassages: passagesDone, totalPassages: passages.length });
  const logits = new Float32Array(LOGIT_ROWS * vocab);

  for (const passage of passages) {
    const inputs = passage.slice(0, Math.min(passage.length - 1, contextTokens));
    if (inputs.length < 1) continue;
    const passageTallies: AccuracyTally[] = [];
    for (const setting of settings) {
      const steps = forwardHiddenSteps(weights, inputs, { window: setting.window ?? Infinity });
      let step = steps.next();
      while (!step.done) {
        doneSteps++;
        hooks.onProgress?.(progress());
        await hooks.pause?.();
        if (hooks.isCancelled?.()) return { curves: curves(), passagesDone, cancelled: true };
        step = steps.next();
      }
      const tally = createTally();
      for (let first = 0; first < inputs.length; first += LOGIT_ROWS) {
        // The output head is about a third of the pass for GPT-2 small, so Cancel is checked here too.
        await hooks.pause?.();
        if (hooks.isCancelled?.()) return { curves: curves(), passagesDone, cancelled: true };
        const rows = Math.min(LOGIT_ROWS, inputs.length - first);
        logitsForRows(weights, step.value, first, rows, logits);
        for (let r = 0; r < rows; r++) {
          const t = first + r;
          addPrediction(tally, t + 1, scorePrediction(logits.subarray(r * vocab, (r + 1) * vocab), passage[t + 1]!));
        }
      }
      passageTallies.push(tally);
    }
    // A passage counts only once it has run under every setting, so the curves always compare the same passages.
    passageTallies.forEach((tally, i) => mergeTally(tallies[i]!, tally));
    passagesDone++;
    hooks.onProgress?.(progress(), curves());
  }
  return { curves: curves(), passagesDone, cancelled: false };
}

function mergeTally(into: AccuracyTally, from: AccuracyTally): void {
  for (let i = 0; i < from.predictions.length; i++) {
    while (into.predictions.length <= i) {
      into.top1Hits.push(0);
      into.top5Hits.push(0);
      into.predictions.push(0);
      into.lossSum.push(0);
    }
    into.top1Hits[i]! += from.top1Hits[i]!;
    into.top5Hits[i]! += from.top5Hits[i]!;
    into.predictions[i]! += from.predictions[i]!;
    into.lossSum[i]! += from.lossSum[i]!;
  }
  into.passages += 1;
}
