/**
 * Per-position bookkeeping of next-token predictions. Position p is the
 * number of tokens the model has seen when it predicts the next one: the
 * logits at input index t (0-based) predict token t + 1 and count at
 * position t + 1, so a passage of n tokens yields predictions at 1 … n − 1.
 */

/** How many of the highest logits count as a top-k hit. */
export const TOP_K = 5;

/** Running sums for one context setting; index p − 1 holds position p. */
export interface AccuracyTally {
  top1Hits: number[];
  top5Hits: number[];
  /** Predictions made at each position, one per passage long enough to reach it. */
  predictions: number[];
  /** Sum of the cross-entropy loss in nats. */
  lossSum: number[];
  /** Passages added so far. */
  passages: number;
}

export function createTally(): AccuracyTally {
  return { top1Hits: [], top5Hits: [], predictions: [], lossSum: [], passages: 0 };
}

export interface PredictionScore {
  /** Logits strictly greater than the target's: 0 means a top-1 hit. Ties count in the target's favour. */
  rank: number;
  /** −log softmax(logits)[target], in nats. */
  loss: number;
}

/** Scores one prediction from a row of logits. */
export function scorePrediction(logits: Float32Array, target: number): PredictionScore {
  const targetLogit = logits[target]!;
  let rank = 0;
  let max = -Infinity;
  for (let v = 0; v < logits.length; v++) {
    const value = logits[v]!;
    if (value > targetLogit) rank++;
    if (value > max) max = value;
  }
  let sum = 0;
  for (let v = 0; v < logits.length; v++) sum += Math.exp(logits[v]! - max);
  return { rank, loss: max + Math.log(sum) - targetLogit };
}

/** Adds one prediction at a position (1-based). */
export function addPrediction(tally: AccuracyTally, position: number, score: PredictionScore): void {
  const index = position - 1;
  while (tally.predictions.length <= index) {
    tally.top1Hits.push(0);
    tally.top5Hits.push(0);
    tally.predictions.push(0);
    tally.lossSum.push(0);
  }
  tally.predictions[index]! += 1;
  if (score.rank < 1) tally.top1Hits[index]! += 1;
  if (score.rank < TOP_K) tally.top5Hits[index]! += 1;
  tally.lossSum[index]! += score.loss;
}

/**
 * Adds a whole passage given its logits [rows, vocab] for input indices
 * 0 … rows − 1; row t is scored against tokens[t + 1].
 */
export function addPassage(tally: AccuracyTally, logits: Float32Array, vocab: number, tokens: ArrayLike<number>): void {
  const rows = Math.min(logits.length / vocab, tokens.length - 1);
  for (let t = 0; t < rows; t++) {
    addPrediction(tally, t + 1, scorePrediction(logits.subarray(t * vocab, (t + 1) * vocab), tokens[t + 1]!));
  }
  tally.passages += 1;
}

/** Accuracy against position for one context setting, ready to draw or export. */
export interface AccuracyCurve {
  /** Name shown in the legend, e.g. "full context" or "window 128". */
  label: string;
  /** The attention window in tokens, or null for full context and for imported curves without one. */
  window: number | null;
  positions: number[];
  /** Fractions from 0 to 1. */
  top1: number[];
  top5: number[];
  /** Mean loss in nats per position, or null where it was not measured. */
  loss: (number | null)[];
  /** Passages behind each point (or predictions, which is the same: one per passage per position). */
  passages: number[];
}

/** Turns running sums into mean accuracy per position, leaving out positions no passage reached. */
export function curveFromTally(tally: AccuracyTally, label: string, window: number | null): AccuracyCurve {
  const curve: AccuracyCurve = { label, window, positions: [], top1: [], top5: [], loss: [], passages: [] };
  for (let i = 0; i < tally.predictions.length; i++) {
    const count = tally.predictions[i]!;
    if (count === 0) continue;
    curve.positions.push(i + 1);
    curve.top1.push(tally.top1Hits[i]! / count);
    curve.top5.push(tally.top5Hits[i]! / count);
    curve.loss.push(tally.lossSum[i]! / count);
    curve.passages.push(count);
  }
  return curve;
}
