import { describe, expect, it } from 'vitest';
import { ACCURACY_URL_FIELDS, DEFAULT_ACCURACY_SCENARIO } from '../../../src/core/accuracy/scenario.ts';
import { DEFAULT_SCENARIO } from '../../../src/core/scenario/types.ts';

const field = (key: string) => ACCURACY_URL_FIELDS.find((f) => f.key === key)!;

describe('accuracy URL fields', () => {
  it('use the acc. prefix', () => {
    expect(ACCURACY_URL_FIELDS.length).toBeGreaterThan(0);
    for (const f of ACCURACY_URL_FIELDS) expect(f.key.startsWith('acc.')).toBe(true);
  });

  it('parse windows sorted and unique', () => {
    expect(field('acc.windows').parse('512, 128,128')).toEqual([128, 512]);
    expect(field('acc.windows').format([128, 512])).toBe('128,512');
  });

  it('reject a zero window', () => {
    expect(() => field('acc.windows').parse('0,128')).toThrow(/acc\.windows: "0,128" is invalid/);
  });

  it('write into the accuracy slice', () => {
    const next = field('acc.smooth').set(DEFAULT_SCENARIO, 9);
    expect(next.accuracy).toEqual({ ...DEFAULT_ACCURACY_SCENARIO, smoothing: 9 });
    expect(field('acc.smooth').get(next)).toBe(9);
  });
});
