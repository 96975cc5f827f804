import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestShare, placeActivations, shareOf, shares } from '../../../src/core/fabric/placement.ts';

function sum(values: Int32Array): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('placement', () => {
  it('shares sum to the whole tensor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 2000 }), (total, parts) => {
        expect(sum(shares(total, parts))).toBe(total);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('gives the first remainder slots one extra', () => {
    expect(Array.from(shares(10, 4))).toEqual([3, 3, 2, 2]);
    expect(Array.from(shares(2, 5))).toEqual([1, 1, 0, 0, 0]);
    expect(shareOf(2251, 994, 262)).toBe(3);
    expect(shareOf(2251, 994, 263)).toBe(2);
  });

  it('largest share is the ceiling', () => {
    expect(largestShare(4096, 750)).toBe(6);
    expect(largestShare(2048, 994)).toBe(3);
    expect(largestShare(1500, 750)).toBe(2);
  });

  it('places tokens on rows and features and keys on columns', () => {
    const placement = placeActivations(2 * 2048, 4096, 2048, 750, 994);
    expect(sum(placement.rowTokens)).toBe(4096);
    expect(sum(placement.columnFeatures)).toBe(4096);
    expect(sum(placement.columnKeys)).toBe(2048);
    expect(placement.rowTokens.length).toBe(994);
    expect(placement.columnFeatures.length).toBe(750);
  });
});
