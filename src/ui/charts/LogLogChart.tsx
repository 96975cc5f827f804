import { area, line, scaleLinear, scaleLog } from 'd3';
import { ruleLabelBaselines, squeezedLength } from './labels.ts';
import { useMemo, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  /** One value per x; values ≤ 0 are left out of a log chart. */
  values: readonly number[];
  dashed?: boolean;
  /** Drawn as a band stacked on the series before it. */
  stacked?: boolean;
  /** Thicker line for the series the chart is about. */
  emphasis?: boolean;
}

export interface ChartRule {
  key: string;
  label: string;
  value: number;
  color: string;
}

export interface ChartMarker {
  key: string;
  x: number;
  y: number;
  label: string;
  color: string;
}

export interface SecondarySeries {
  label: string;
  color: string;
  /** Fractions from 0 to 1, drawn against a right-hand percentage axis. */
  values: readonly number[];
}

interface Props {
  /** Name used by export and tests: the SVG gets data-chart={name}. */
  name: string;
  title: string;
  xLabel: string;
  yLabel: string;
  xs: readonly number[];
  series: readonly ChartSeries[];
  horizontalRules?: readonly ChartRule[];
  verticalRules?: readonly ChartRule[];
  markers?: readonly ChartMarker[];
  secondary?: SecondarySeries;
  formatY: (value: number) => string;
  formatX: (value: number) => string;
  width: number;
  height: number;
  /** The x under the pointer or keyboard cursor, or null. */
  hoverX: number | null;
  /** Starting point of keyboard steps when nothing is hovered. */
  cursorX?: number;
  onHoverX: (x: number | null) => void;
  /** Text for screen readers summarising the chart. */
  description: string;
  /** Draws the legend inside the SVG below the plot, so an exported file carries it. */
  legend?: boolean;
  /** Marks each value of the line series with a dot, for measured points (a single one has no line). */
  points?: boolean;
  children?: ReactNode;
}

interface LegendItem {
  key: string;
  label: string;
  color: string;
  style: 'fill' | 'line' | 'dashed' | 'dotted';
}

const LEGEND_ROW_HEIGHT = 18;

/** Places legend items in rows that fit the width, estimating text at 6.5 px per character of 12 px type. */
function layoutLegend(items: readonly LegendItem[], width: number): { item: LegendItem; x: number; row: number }[] {
  const placed: { item: LegendItem; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const itemWidth = 24 + item.label.length * 6.5 + 14;
    if (x > 0 && x + itemWidth > width) {
      row += 1;
      x = 0;
    }
    placed.push({ item, x, row });
    x += itemWidth;
  }
  return placed;
}

const MARGIN = { top: 16, right: 56, bottom: 44, left: 84 };

/** Tick values at powers of ten, with 2 and 5 between them when there is room. */
function logTicks(domain: [number, number], maxTicks: number): number[] {
  const [low, high] = domain;
  const ticks: number[] = [];
  for (const steps of [[1, 2, 5], [1, 3], [1]]) {
    ticks.length = 0;
    for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(high)); exponent++) {
      for (const step of steps) {
        const value = step * 10 ** exponent;
        if (value >= low && value <= high) ticks.push(value);
      }
    }
    if (ticks.length <= maxTicks) break;
  }
  if (ticks.length > maxTicks) {
    const stride = Math.ceil(ticks.length / maxTicks);
    return ticks.filter((_, i) => i % stride === 0);
  }
  return ticks;
}

/** Powers of two for a token axis: 512, 1K, 2K ... */
function powerOfTwoTicks(domain: [number, number], maxTicks: number): number[] {
  const ticks: number[] = [];
  for (let exponent = Math.ceil(Math.log2(domain[0])); 2 ** exponent <= domain[1]; exponent++) ticks.push(2 ** exponent);
  const stride = Math.max(1, Math.ceil(ticks.length / maxTicks));
  return ticks.filter((_, i) => i % stride === 0);
}

/** Merges rules at the same value into one line whose label names them all, so labels never overlap. */
function groupRules(rules: readonly ChartRule[]): ChartRule[] {
  const groups: ChartRule[] = [];
  for (const rule of rules) {
    const same = groups.find((group) => group.value === rule.value);
    if (same) {
      same.key = `${same.key}+${rule.key}`;
      same.label = `${same.label.replace(/: [^:]*$/, '')}, ${rule.label}`;
    } else {
      groups.push({ ...rule });
    }
  }
  return groups;
}

/**
 * A log-log line chart drawn as SVG: series as lines or stacked bands,
 * horizontal and vertical rules, labelled markers, an optional right-hand
 * percentage axis, and a hover cursor driven by pointer or arrow keys.
 */
export function LogLogChart(props: Props) {
  const { xs, series, width, height, hoverX, onHoverX } = props;
  const innerWidth = Math.max(50, width - MARGIN.left - MARGIN.right);
  const innerHeight = Math.max(50, height - MARGIN.top - MARGIN.bottom);

  const layout = useMemo(() => {
    const drawn: { entry: ChartSeries; lower: number[] | null; upper: number[] }[] = [];
    let running = xs.map(() => 0);
    for (const entry of series) {
      if (!entry.stacked) {
        drawn.push({ entry, lower: null, upper: [...entry.values] });
        continue;
      }
      const upper = running.map((value, i) => value + (entry.values[i] ?? 0));
      drawn.push({ entry, lower: running, upper });
      running = upper;
    }
    const positive: number[] = [];
    for (const item of drawn) for (const value of item.upper) if (value > 0 && Number.isFinite(value)) positive.push(value);
    for (const rule of props.horizontalRules ?? []) if (rule.value > 0) positive.push(rule.value);
    let low = positive.length ? Math.min(...positive) : 1;
    let high = positive.length ? Math.max(...positive) : 10;
    // Round out to whole powers of ten and keep at least one decade visible.
    low = 10 ** Math.floor(Math.log10(low));
    high = 10 ** Math.ceil(Math.log10(high * 1.05));
    if (high / low < 10) high = low * 10;
    const x = scaleLog().domain([xs[0] ?? 1, xs[xs.length - 1] ?? 10]).range([0, innerWidth]);
    const y = scaleLog().domain([low, high]).range([innerHeight, 0]).clamp(true);
    return { drawn, x, y };
  }, [xs, series, props.horizontalRules, innerWidth, innerHeight]);

  const { drawn, x, y } = layout;
  const yFloor = y.domain()[0]!;
  const percent = scaleLinear().domain([0, 1]).range([innerHeight, 0]);

  const linePath = line<number>()
    .defined((value) => value > 0 && Number.isFinite(value))
    .x((_, i) => x(xs[i]!))
    .y((value) => y(value));
  const bandPath = (lower: number[], upper: number[]) =>
    area<number>()
      .defined((value) => value > 0 && Number.isFinite(value))
      .x((_, i) => x(xs[i]!))
      .y0((_, i) => y(Math.max(lower[i] ?? 0, yFloor)))
      .y1((value) => y(Math.max(value, yFloor)))(upper) ?? '';
  const secondaryPath = props.secondary
    ? line<number>()
        .x((_, i) => x(xs[i]!))
        .y((value) => percent(value))(props.secondary.values as number[]) ?? ''
    : '';

  // Labels of close rules go on either side of their lines, and a label wider than a narrow plot is squeezed into it.
  const horizontalRules = groupRules(props.horizontalRules ?? []);
  const ruleBaselines = ruleLabelBaselines(horizontalRules.map((rule) => y(rule.value)));

  const xTicks = powerOfTwoTicks(x.domain() as [number, number], Math.max(2, Math.floor(innerWidth / 70)));
  const yTicks = logTicks(y.domain() as [number, number], Math.max(2, Math.floor(innerHeight / 40)));

  const pickX = (pixel: number) => {
    const value = Math.round(x.invert(Math.min(Math.max(pixel, 0), innerWidth)));
    return Math.min(Math.max(value, xs[0] ?? 1), xs[xs.length - 1] ?? value);
  };
  const onPointerMove = (event: PointerEvent<SVGRectElement>) => {
    const bounds = event.currentTarget.getBoundingClientRect();
    onHoverX(pickX(event.clientX - bounds.left));
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const first = xs[0]!;
    const last = xs[xs.length - 1]!;
    if (event.key === 'Escape') {
      onHoverX(null);
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      onHoverX(event.key === 'Home' ? first : last);
      return;
    }
    const steps: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, PageUp: 10, PageDown: -10 };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const current = hoverX ?? props.cursorX ?? first;
    // One grid point per arrow press, ten per Page Up or Down, a tenth of a point with Shift.
    const ratio = (last / first) ** (1 / Math.max(1, xs.length - 1));
    const factor = ratio ** (Math.abs(step) * (event.shiftKey ? 0.1 : 1));
    const next = Math.round(step > 0 ? Math.max(current + 1, current * factor) : Math.min(current - 1, current / factor));
    onHoverX(Math.min(Math.max(next, first), last));
  };

  const legendItems: LegendItem[] = props.legend
    ? [
        ...series.map((entry): LegendItem => ({ key: entry.key, label: entry.label, color: entry.color, style: entry.stacked ? 'fill' : entry.dashed ? 'dashed' : 'line' })),
        ...(props.secondary ? [{ key: 'secondary', label: `${props.secondary.label} (right axis)`, color: props.secondary.color, style: 'dotted' as const }] : []),
      ]
    : [];
  const legendLayout = layoutLegend(legendItems, width - MARGIN.left);
  const legendHeight = legendItems.length === 0 ? 0 : (Math.max(...legendLayout.map((entry) => entry.row)) + 1) * LEGEND_ROW_HEIGHT + 6;
  const totalHeight = height + legendHeight;

  return (
    <figure className="chart-figure">
      <figcaption className="chart-title">{props.title}</figcaption>
      <svg
        data-chart={props.name}
        className="chart"
        width={width}
        height={totalHeight}
        viewBox={`0 0 ${width} ${totalHeight}`}
        role="img"
        aria-label={`${props.title}. ${props.description}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{props.title}</title>
        <desc>{props.description}</desc>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {yTicks.map((tick) => (
            <g key={`y${tick}`} transform={`translate(0,${y(tick)})`}>
              <line x2={innerWidth} className="grid-line" />
              <text x={-8} dy="0.32em" textAnchor="end" className="tick-label">
                {props.formatY(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <g key={`x${tick}`} transform={`translate(${x(tick)},0)`}>
              <line y2={innerHeight} className="grid-line" />
              <text y={innerHeight + 16} textAnchor="middle" className="tick-label">
                {props.formatX(tick)}
              </text>
            </g>
          ))}
          <line y1={innerHeight} y2={innerHeight} x2={innerWidth} className="axis-line" />
          <line y2={innerHeight} className="axis-line" />
          <text x={innerWidth / 2} y={innerHeight + 36} textAnchor="middle" className="axis-label">
            {props.xLabel}
          </text>
          <text transform={`translate(${-72},${innerHeight / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">
            {props.yLabel}
          </text>

          {drawn.map(({ entry, lower, upper }) =>
            lower ? (
              <path key={entry.key} d={bandPath(lower, upper)} fill={entry.color} fillOpacity={0.75} stroke={entry.color} strokeWidth={0.5} data-series={entry.key} />
            ) : (
              <path
                key={entry.key}
                d={linePath(upper) ?? ''}
                fill="none"
                stroke={entry.color}
                strokeWidth={entry.emphasis ? 3 : 2}
                strokeDasharray={entry.dashed ? '6 4' : undefined}
                data-series={entry.key}
              />
            ),
          )}

          {props.points &&
            drawn.map(({ entry, lower, upper }) =>
              lower ? null : (
                <g key={`points-${entry.key}`} fill={entry.color} data-points={entry.key}>
                  {upper.map((value, i) => (value > 0 && Number.isFinite(value) ? <circle key={i} cx={x(xs[i]!)} cy={y(value)} r={3.5} /> : null))}
                </g>
              ),
            )}

          {props.secondary && (
            <g>
              <path d={secondaryPath} fill="none" stroke={props.secondary.color} strokeWidth={2} strokeDasharray="2 3" data-series="secondary" />
              {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
                <text key={tick} x={innerWidth + 8} y={percent(tick)} dy="0.32em" className="tick-label">
                  {Math.round(tick * 100)}%
                </text>
              ))}
              <text transform={`translate(${innerWidth + 46},${innerHeight / 2}) rotate(90)`} textAnchor="middle" className="axis-label">
                {props.secondary.label}
              </text>
            </g>
          )}

          {horizontalRules.map((rule, i) => (
            <g key={rule.key} data-rule={rule.key}>
              <line x2={innerWidth} y1={y(rule.value)} y2={y(rule.value)} stroke={rule.color} strokeWidth={1.5} strokeDasharray="8 4" />
              <text
                x={innerWidth - 4}
                y={ruleBaselines[i]}
                textAnchor="end"
                className="rule-label"
                fill={rule.color}
                textLength={squeezedLength(rule.label, innerWidth - 8)}
                lengthAdjust="spacingAndGlyphs"
              >
                {rule.label}
              </text>
            </g>
          ))}
          {(props.verticalRules ?? []).map((rule) =>
            rule.value >= x.domain()[0]! && rule.value <= x.domain()[1]! ? (
              <g key={rule.key} data-rule={rule.key}>
                <line x1={x(rule.value)} x2={x(rule.value)} y2={innerHeight} stroke={rule.color} strokeWidth={1.5} strokeDasharray="4 4" />
                {/* Labels on the right part of the plot sit left of their line, clear of the right axis. */}
                <text
                  x={x(rule.value) > innerWidth * 0.6 ? x(rule.value) - 4 : x(rule.value) + 4}
                  y={12}
                  textAnchor={x(rule.value) > innerWidth * 0.6 ? 'end' : 'start'}
                  className="rule-label"
                  fill={rule.color}
                >
                  {rule.label}
                </text>
              </g>
            ) : null,
          )}
          {(props.markers ?? []).map((marker, i) => {
            if (marker.x < x.domain()[0]! || marker.x > x.domain()[1]!) return null;
            // A label goes left of its marker unless it fits better on the right. Too long for either side, it is squeezed.
            const left = x(marker.x) - 8;
            const right = innerWidth - x(marker.x) - 8;
            const onLeft = squeezedLength(marker.label, left) === undefined || left >= right;
            // Alternate labels above and below their markers so neighbours on one capacity line stay apart,
            // and keep a label off the rule label of the marker's own line.
            const markerY = y(marker.y);
            const nearRuleLabel = (offset: number) => ruleBaselines.some((baseline) => Math.abs(baseline - (markerY + offset)) < 13);
            let labelY = i % 2 === 0 ? -8 : 18;
            if (nearRuleLabel(labelY)) labelY = labelY === -8 ? 18 : -8;
            return (
              <g key={marker.key} transform={`translate(${x(marker.x)},${y(marker.y)})`} data-marker={marker.key}>
                <circle r={5} fill={marker.color} stroke="var(--bg)" strokeWidth={1.5} />
                <text
                  x={onLeft ? -8 : 8}
                  y={labelY}
                  textAnchor={onLeft ? 'end' : 'start'}
                  className="marker-label"
                  fill={marker.color}
                  textLength={squeezedLength(marker.label, onLeft ? left : right)}
                  lengthAdjust="spacingAndGlyphs"
                >
                  {marker.label}
                </text>
              </g>
            );
          })}

          {hoverX !== null && (
            <line className="hover-line" x1={x(hoverX)} x2={x(hoverX)} y2={innerHeight} />
          )}
          <rect
            width={innerWidth}
            height={innerHeight}
            fill="transparent"
            onPointerMove={onPointerMove}
            onPointerDown={onPointerMove}
            onPointerLeave={() => onHoverX(null)}
          />
        </g>
        {legendItems.length > 0 && (
          <g transform={`translate(${MARGIN.left},${height + 4})`} className="svg-legend" aria-hidden="true">
            {legendLayout.map(({ item, x: left, row }) => (
              <g key={item.key} transform={`translate(${left},${row * LEGEND_ROW_HEIGHT})`} data-legend={item.key}>
                {item.style === 'fill' ? (
                  <rect y={2} width={16} height={10} fill={item.color} fillOpacity={0.75} />
                ) : (
                  <line
                    x2={18}
                    y1={7}
                    y2={7}
                    stroke={item.color}
                    strokeWidth={item.style === 'line' ? 3 : 2}
                    strokeDasharray={item.style === 'dashed' ? '6 4' : item.style === 'dotted' ? '2 3' : undefined}
                  />
                )}
                <text x={24} y={11} className="legend-label">
                  {item.label}
                </text>
              </g>
            ))}
          </g>
        )}
      </svg>
      {props.children}
    </figure>
  );
}
