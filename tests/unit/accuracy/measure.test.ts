import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureAccuracy } from '../../../src/core/accuracy/measure.ts';
import { addPassage, createTally, curveFromTally } from '../../../src/core/accuracy/tally.ts';
import { parseGpt2Config } from '../../../src/core/gpt2/config.ts';
import { forwardLogits } from '../../../src/core/gpt2/forward.ts';
import { loadGpt2Weights } from '../../../src/core/gpt2/weights.ts';

const fixture = new URL('../../fixtures/gpt2-tiny/', import.meta.url);
const weights = loadGpt2Weights(new Uint8Array(readFileSync(new URL('model.safetensors', fixture))), parseGpt2Config(readFileSync(new URL('config.json', fixture), 'utf8')));
const passages = [
  Array.from({ length: 33 }, (_, i) => (i * 7 + 3) % 101),
  Array.from({ length: 33 }, (_, i) => (i * i + 11) % 101),
  Array.from({ length: 12 }, (_, i) => (i * 13) % 101),
];

describe('measureAccuracy on the tiny GPT-2', () => {
  it('equals per-passage tallies of the forward pass', async () => {
    const result = await measureAccuracy(weights, passages, [{ window: null }, { window: 4 }]);
    for (const [index, window] of [null, 4].entries()) {
      const tally = createTally();
      for (const passage of passages) addPassage(tally, forwardLogits(weights, passage.slice(0, 32), { window: window ?? Infinity }), 101, passage);
      const expected = curveFromTally(tally, '', window);
      const curve = result.curves[index]!;
      expect(curve.positions).toEqual(expected.positions);
      expect(curve.top1).toEqual(expected.top1);
      expect(curve.top5).toEqual(expected.top5);
      expect(curve.passages).toEqual(expected.passages);
    }
    expect(result.passagesDone).toBe(3);
    expect(result.curves[0]!.positions).toHaveLength(32);
    expect(result.curves[0]!.passages.slice(10, 12)).toEqual([3, 2]);
    expect(result.curves.map((c) => c.label)).toEqual(['full context', 'window 4']);
  });

  it('keeps finished passages when cancelled', async () => {
    let steps = 0;
    const progress: number[] = [];
    const result = await measureAccuracy(weights, passages, [{ window: null }], {
      onProgress: (p) => progress.push(p.doneSteps),
      // Cancel is checked after each of the two blocks and once in the output head (32 rows):
      // three checks per passage, so the fourth falls in the second passage.
      isCancelled: () => ++steps >= 4,
    });
    expect(result.cancelled).toBe(true);
    expect(result.passagesDone).toBe(1);
    expect(result.curves[0]!.passages.every((count) => count === 1)).toBe(true);
    expect(progress.at(-1)).toBe(3);
  });
});
