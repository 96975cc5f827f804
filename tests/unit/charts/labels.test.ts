import { describe, expect, it } from 'vitest';
import { ruleLabelBaselines, squeezedLength } from '../../../src/ui/charts/labels.ts';

describe('chart labels', () => {
  it('puts far rules above their lines', () => {
    expect(ruleLabelBaselines([100, 200])).toEqual([96, 196]);
  });

  it('moves a close rule below its line', () => {
    // 80 GB and 40 GB lines 12 px apart on a small chart.
    const [upper, lower] = ruleLabelBaselines([100, 112]);
    expect(upper).toBe(96);
    expect(lower).toBe(125);
    expect(lower! - upper!).toBeGreaterThanOrEqual(13);
  });

  it('keeps the input order', () => {
    expect(ruleLabelBaselines([112, 100])).toEqual([125, 96]);
  });

  it('squeezes only labels too wide', () => {
    expect(squeezedLength('80.0 GB', 200)).toBeUndefined();
    expect(squeezedLength('Cerebras WSE-2: 40.0 GB on-wafer', 150)).toBe(150);
  });
});
