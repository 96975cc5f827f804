import { extent, max, scaleLinear, line as d3Line } from 'd3';
import { useMemo } from 'react';
import type { ChartLine } from './chartSeries.ts';

interface Props {
  /** The chart's name for export: <svg data-chart="NAME">. */
  name: string;
  title: string;
  yLabel: string;
  lines: ChartLine[];
  /** Accuracy charts run from 0 to 1 (shown as %); loss charts from 0 to the largest value. */
  kind: 'fraction' | 'loss';
  showRaw: boolean;
  width: number;
  height: number;
}

const MARGIN = { top: 12, right: 16, bottom: 40, left: 52 };

/** A line chart of a metric against position in the context, one line per curve and metric. */
export function AccuracyChart({ name, title, yLabel, lines, kind, showRaw, width, height }: Props) {
  const innerWidth = Math.max(50, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(50, height - MARGIN.top - MARGIN.bottom);

  const { x, y } = useMemo(() => {
    const positions = lines.flatMap((l) => l.positions);
    const [minX = 1, maxX = 2] = extent(positions);
    const xScale = scaleLinear().domain([Math.min(1, minX), Math.max(maxX, 2)]).range([0, innerWidth]).nice();
    const top = kind === 'fraction' ? 1 : (max(lines.flatMap((l) => l.raw.filter((v): v is number => v !== null))) ?? 1);
    const yScale = scaleLinear().domain([0, top]).range([innerHeight, 0]).nice();
    return { x: xScale, y: yScale };
  }, [lines, kind, innerWidth, innerHeight]);

  const path = (positions: number[], values: (number | null)[]) =>
    d3Line<number>()
      .defined((i) => values[i] !== null)
      .x((i) => x(positions[i]!))
      .y((i) => y(values[i]!))(positions.map((_, i) => i)) ?? '';

  const formatY = (value: number) => (kind === 'fraction' ? `${Math.round(value * 100)}%` : value.toFixed(1));
  const windows = [...new Set(lines.map((l) => l.window).filter((w): w is number => w !== null && w <= x.domain()[1]!))];

  return (
    <figure className="acc-figure">
      <figcaption className="acc-chart-title">{title}</figcaption>
      <svg data-chart={name} className="acc-chart" width={width} height={height} role="img" aria-label={`${title}: ${lines.map((l) => l.label).join('; ')}`}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {y.ticks(5).map((tick) => (
            <g key={`y${tick}`} transform={`translate(0,${y(tick)})`}>
              <line x2={innerWidth} className="acc-grid" />
              <text x={-6} dy="0.32em" textAnchor="end" className="acc-tick">{formatY(tick)}</text>
            </g>
          ))}
          {x.ticks(8).map((tick) => (
            <g key={`x${tick}`} transform={`translate(${x(tick)},${innerHeight})`}>
              <line y2={5} className="acc-axis" />
              <text y={18} textAnchor="middle" className="acc-tick">{tick}</text>
            </g>
          ))}
          <line y1={innerHeight} y2={innerHeight} x2={innerWidth} className="acc-axis" />
          <line y2={innerHeight} className="acc-axis" />
          {windows.map((w) => (
            <g key={`w${w}`} transform={`translate(${x(w)},0)`}>
              <line y2={innerHeight} className="acc-window-rule" />
              <text y={10} x={4} className="acc-tick">w = {w}</text>
            </g>
          ))}
          {showRaw && lines.map((l) => (
            <path key={`raw-${l.key}`} d={path(l.positions, l.raw)} fill="none" stroke={l.color} strokeOpacity={0.3} strokeWidth={1} data-series-raw={l.key} />
          ))}
          {lines.map((l) => (
            <path key={l.key} d={path(l.positions, l.smoothed)} fill="none" stroke={l.color} strokeWidth={2} strokeDasharray={l.dashed ? '6 3' : undefined} data-series={l.key} />
          ))}
          <text x={innerWidth / 2} y={innerHeight + 34} textAnchor="middle" className="acc-axis-label">Position in the context (tokens seen before the predicted one)</text>
          <text transform={`translate(${-40},${innerHeight / 2}) rotate(-90)`} textAnchor="middle" className="acc-axis-label">{yLabel}</text>
        </g>
      </svg>
      <ul className="acc-legend">
        {lines.map((l) => (
          <li key={l.key}>
            <svg width={26} height={10} aria-hidden="true"><line x1={0} x2={26} y1={5} y2={5} stroke={l.color} strokeWidth={2} strokeDasharray={l.dashed ? '6 3' : undefined} /></svg>
            {l.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
