import { describe, expect, it } from 'vitest';
import { splitIntoPassages } from '../../../src/core/accuracy/passages.ts';
import { addPassage, createTally, curveFromTally, scorePrediction } from '../../../src/core/accuracy/tally.ts';

const VOCAB = 6;

/** Logits [rows, VOCAB] from rows written out by hand. */
const logitsOf = (rows: number[][]) => new Float32Array(rows.flat());

describe('accuracy bookkeeping', () => {
  // Passage A = tokens [0, 1, 2, 3]: predictions of 1, 2, 3 at positions 1, 2, 3.
  //   row 0 ranks token 1 first (top-1 hit), row 1 ranks token 2 third (top-5 hit only),
  //   row 2 ranks token 3 sixth, last (miss).
  // Passage B = tokens [5, 4, 0]: predictions of 4, 0 at positions 1, 2.
  //   row 0 ranks token 4 fifth (top-5 hit only), row 1 ranks token 0 first (top-1 hit).
  const passageA = [0, 1, 2, 3];
  const logitsA = logitsOf([
    [0, 9, 1, 2, 3, 4],
    [9, 8, 7, 0, 1, 2],
    [5, 4, 3, 0, 2, 1],
  ]);
  const passageB = [5, 4, 0];
  const logitsB = logitsOf([
    [6, 5, 4, 3, 2, 1],
    [7, 1, 2, 3, 4, 5],
  ]);

  it('scores rank and loss of one row', () => {
    const score = scorePrediction(new Float32Array([0, Math.log(3)]), 1);
    expect(score.rank).toBe(0);
    // softmax = [1/4, 3/4], so the loss is −log(3/4).
    expect(score.loss).toBeCloseTo(-Math.log(0.75), 6);
    expect(scorePrediction(new Float32Array([2, 1, 0]), 2).rank).toBe(2);
  });

  it('matches hand-computed accuracy by position', () => {
    const tally = createTally();
    addPassage(tally, logitsA, VOCAB, passageA);
    addPassage(tally, logitsB, VOCAB, passageB);
    const curve = curveFromTally(tally, 'full context', null);

    expect(tally.passages).toBe(2);
    expect(curve.positions).toEqual([1, 2, 3]);
    expect(curve.passages).toEqual([2, 2, 1]);
    // Position 1: A hit top-1, B top-5 only. Position 2: A top-5 only, B top-1. Position 3: A misses.
    expect(curve.top1).toEqual([0.5, 0.5, 0]);
    expect(curve.top5).toEqual([1, 1, 0]);
  });

  it('averages loss by position', () => {
    const tally = createTally();
    addPassage(tally, logitsA, VOCAB, passageA);
    addPassage(tally, logitsB, VOCAB, passageB);
    const curve = curveFromTally(tally, 'full context', null);
    const lossOf = (row: number[], target: number) => Math.log(row.reduce((sum, v) => sum + Math.exp(v), 0)) - row[target]!;
    expect(curve.loss[0]).toBeCloseTo((lossOf([0, 9, 1, 2, 3, 4], 1) + lossOf([6, 5, 4, 3, 2, 1], 4)) / 2, 5);
    expect(curve.loss[2]).toBeCloseTo(lossOf([5, 4, 3, 0, 2, 1], 3), 5);
  });

  it('ignores logits rows beyond the last target', () => {
    const tally = createTally();
    addPassage(tally, logitsOf([[0, 9, 1, 2, 3, 4], [9, 0, 0, 0, 0, 0]]), VOCAB, [0, 1]);
    expect(curveFromTally(tally, 'x', null).positions).toEqual([1]);
  });
});

describe('splitIntoPassages', () => {
  it('cuts context plus one tokens per passage', () => {
    const tokens = Array.from({ length: 11 }, (_, i) => i);
    expect(splitIntoPassages(tokens, 4)).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]);
  });

  it('keeps a tail of two or more tokens', () => {
    expect(splitIntoPassages([0, 1, 2, 3, 4, 5, 6], 4)).toEqual([[0, 1, 2, 3, 4], [5, 6]]);
  });

  it('stops at maxPassages', () => {
    expect(splitIntoPassages(Array.from({ length: 100 }, (_, i) => i), 9, 3)).toHaveLength(3);
  });

  it('rejects zero context', () => {
    expect(() => splitIntoPassages([1, 2], 0)).toThrow(/contextTokens: 0 is invalid/);
  });
});
