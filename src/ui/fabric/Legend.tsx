import { scaleLinear } from 'd3';
import { METRIC_INFO, OVERFLOW_RGB, RESERVED_RGB, formatMetricValue, type ColourScale } from './colour.ts';

const WIDTH = 240;

function rgb(values: readonly number[]): string {
  return `rgb(${values.join(', ')})`;
}

/** Draws the colour ramp with its axis and unit, and swatches for overflow and reserved PEs. */
export function Legend({ scale }: { scale: ColourScale }) {
  const info = METRIC_INFO[scale.metric];
  const stops = Array.from({ length: 11 }, (_, i) => ({ offset: `${i * 10}%`, colour: info.interpolate(i / 10) }));
  const axis = scaleLinear().domain([scale.min, scale.max]).range([0, WIDTH]);
  const ticks = scale.metric === 'overflow' ? [] : axis.ticks(3);
  return (
    <div className="fabric-legend" aria-label={`Colour legend: ${info.label}, ${info.unit}`}>
      <div className="fabric-legend-title">
        {info.label} <span className="muted">({info.unit})</span>
      </div>
      {scale.metric !== 'overflow' && (
        <svg width={WIDTH + 40} height={34} role="presentation">
          <rect x={20} y={2} width={WIDTH} height={12} style={{ fill: 'url(#fabric-legend-ramp)' }} />
          <defs>
            <linearGradient id="fabric-legend-ramp">
              {stops.map((stop) => (
                <stop key={stop.offset} offset={stop.offset} stopColor={stop.colour} />
              ))}
            </linearGradient>
          </defs>
          {ticks.map((tick) => (
            <g key={tick} transform={`translate(${20 + axis(tick)}, 14)`}>
              <line y2={4} stroke="currentColor" />
              <text y={15} textAnchor="middle" fontSize={10} fill="currentColor">
                {formatMetricValue(scale.metric, tick)}
              </text>
            </g>
          ))}
        </svg>
      )}
      <div className="fabric-swatches">
        {METRIC_INFO[scale.metric].showsOverflow && (
          <span>
            <span className="swatch" style={{ background: rgb(OVERFLOW_RGB) }} /> over SRAM{scale.metric === 'memory' ? ` (${formatMetricValue('memory', scale.max)})` : ''}
          </span>
        )}
        {scale.metric === 'overflow' && (
          <span>
            <span className="swatch" style={{ background: info.interpolate(0) }} /> fits
          </span>
        )}
        <span>
          <span className="swatch" style={{ background: rgb(RESERVED_RGB) }} /> reserved for I/O
        </span>
      </div>
    </div>
  );
}
