import { movingAverage } from '../../core/accuracy/smoothing.ts';
import type { AccuracyCurve } from '../../core/accuracy/tally.ts';
import { SERIES_COLORS } from '../charts/palette.ts';

export type AccuracyMetric = 'top1' | 'top5' | 'loss';

/** One line on a chart: a curve's metric, smoothed, with its raw points. */
export interface ChartLine {
  key: string;
  label: string;
  color: string;
  dashed: boolean;
  positions: number[];
  raw: (number | null)[];
  smoothed: (number | null)[];
  /** The window edge to mark with a rule, when the curve has one. */
  window: number | null;
}

const METRIC_LABELS: Record<AccuracyMetric, string> = { top1: 'top-1', top5: 'top-5', loss: 'loss' };

/** Builds the lines of a chart: one per curve and metric, coloured by curve, top-5 dashed. */
export function buildChartLines(curves: readonly AccuracyCurve[], metrics: readonly AccuracyMetric[], smoothing: number): ChartLine[] {
  const lines: ChartLine[] = [];
  curves.forEach((curve, index) => {
    for (const metric of metrics) {
      const raw: (number | null)[] = metric === 'loss' ? curve.loss : curve[metric].map((v) => (Number.isFinite(v) ? v : null));
      if (raw.every((value) => value === null)) continue;
      lines.push({
        key: `${curve.label}-${metric}`,
        label: `${curve.label}, ${METRIC_LABELS[metric]}`,
        color: SERIES_COLORS[index % SERIES_COLORS.length]!,
        dashed: metric === 'top5',
        positions: curve.positions,
        raw,
        smoothed: movingAverage(raw, smoothing, curve.positions),
        window: curve.window,
      });
    }
  });
  return lines;
}
