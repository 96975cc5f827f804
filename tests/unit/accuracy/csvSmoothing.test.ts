import { describe, expect, it } from 'vitest';
import { ACCURACY_CSV_COLUMNS, accuracyCurvesToRows, parseAccuracyCsv } from '../../../src/core/accuracy/csv.ts';
import { movingAverage } from '../../../src/core/accuracy/smoothing.ts';

describe('parseAccuracyCsv', () => {
  it('reads one curve with aliases', () => {
    const [curve, ...rest] = parseAccuracyCsv('# measured on GPT-2 medium\nPosition,Top1,Top5,count\n1,0.1,0.3,10\n2,0.2,0.4,9\n');
    expect(rest).toHaveLength(0);
    expect(curve!.positions).toEqual([1, 2]);
    expect(curve!.top1).toEqual([0.1, 0.2]);
    expect(curve!.top5).toEqual([0.3, 0.4]);
    expect(curve!.passages).toEqual([10, 9]);
    expect(curve!.loss).toEqual([null, null]);
  });

  it('splits series and keeps windows', () => {
    const text = 'series,window_tokens,position_tokens,top1_fraction\n"a, full",,1,0.1\nw8,8,1,0.05\nw8,8,2,0.07\n';
    const curves = parseAccuracyCsv(text);
    expect(curves.map((c) => c.label)).toEqual(['a, full', 'w8']);
    expect(curves[1]!.window).toBe(8);
    expect(curves[1]!.positions).toEqual([1, 2]);
    expect(Number.isNaN(curves[0]!.top5[0])).toBe(true);
  });

  it('round-trips exported rows', () => {
    const curves = parseAccuracyCsv('series,window,position,top1,top5,loss\nfull,,1,0.25,0.5,3.5\nfull,,2,0.3,0.6,3.1\n');
    const text = [ACCURACY_CSV_COLUMNS.join(','), ...accuracyCurvesToRows(curves).map((row) => row.map((v) => v ?? '').join(','))].join('\n');
    expect(parseAccuracyCsv(text)).toEqual(curves);
  });

  it('rejects percentages with the line', () => {
    expect(() => parseAccuracyCsv('position,top1\n1,0.1\n2,42\n')).toThrow(/Line 3, column "top1": "42" is invalid; expected a number from 0 to 1\. Write accuracy as a fraction/);
  });

  it('rejects missing position column', () => {
    expect(() => parseAccuracyCsv('pos,top1\n1,0.1\n')).toThrow(/no "position" column/);
  });

  it('rejects unsorted positions', () => {
    expect(() => parseAccuracyCsv('position,top1\n2,0.1\n1,0.2\n')).toThrow(/Line 3: position 1 of series "imported" is not greater/);
  });
});

describe('movingAverage', () => {
  it('averages a centred window', () => {
    expect(movingAverage([1, 2, 3, 4, 5], 3)).toEqual([1.5, 2, 3, 4, 4.5]);
  });

  it('returns raw values for width 1', () => {
    expect(movingAverage([1, null, 3], 1)).toEqual([1, null, 3]);
  });

  it('skips null and NaN', () => {
    expect(movingAverage([1, null, Number.NaN, 5], 3)).toEqual([1, 1, 5, 5]);
  });

  it('counts the window in positions', () => {
    // An imported table of four far-apart positions keeps its rise under a 25-token window.
    expect(movingAverage([0.05, 0.2, 0.3, 0.41], 25, [1, 128, 512, 1024])).toEqual([0.05, 0.2, 0.3, 0.41]);
    expect(movingAverage([1, 2, 3, 10], 3, [1, 2, 3, 10])).toEqual([1.5, 2, 2.5, 10]);
  });

  it('matches points for contiguous positions', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6];
    const positions = values.map((_, i) => i + 1);
    expect(movingAverage(values, 4, positions)).toEqual(movingAverage(values, 4));
  });
});
