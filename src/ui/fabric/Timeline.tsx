import { axisBottom, scaleBand, scaleLinear, select } from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import type { FabricSummary } from '../../core/fabric/simulate.ts';
import { describeBounds } from '../../core/fabric/waferTiming.ts';
import { formatInteger, formatSeconds } from '../../core/units.ts';
import type { ChartData } from '../export/index.ts';
import { ExportMenu } from '../export/index.ts';

interface Bar {
  lane: string;
  label: string;
  start: number;
  seconds: number;
  colour: string;
}

// Okabe–Ito colours, distinguishable under common colour-vision deficiencies.
const COLOURS = { stream: '#0072b2', compute: '#e69f00', fabric: '#009e73', fill: '#999999', communication: '#cc79a7' };

const WAFER_LANES = ['Wafer: weight stream', 'Wafer: compute', 'Wafer: fabric'];
const GPU_LANES = ['GPUs: compute', 'GPUs: communication'];

/** Lays out the bars of one layer's training step. Wafer resources overlap within a phase, while GPU compute and collectives follow each other. */
export function timelineBars(summary: FabricSummary): Bar[] {
  const bars: Bar[] = [];
  let start = 0;
  for (const phase of ['forward', 'backward'] as const) {
    const time = summary.wafer[phase];
    bars.push(
      { lane: WAFER_LANES[0]!, label: `${phase} weight stream`, start, seconds: time.weightStream, colour: COLOURS.stream },
      { lane: WAFER_LANES[1]!, label: `${phase} compute`, start: start + time.fill, seconds: time.compute, colour: COLOURS.compute },
      { lane: WAFER_LANES[2]!, label: `${phase} fabric broadcast and reduction`, start: start + time.fill, seconds: time.fabric, colour: COLOURS.fabric },
    );
    start += time.total;
  }
  start = 0;
  const collectives = summary.gpuParallelism === 'sequence' ? 'all-gathers and reduce-scatters' : 'all-reduces';
  for (const phase of ['forward', 'backward'] as const) {
    const time = summary.gpu[phase];
    bars.push({ lane: GPU_LANES[0]!, label: `${phase} compute`, start, seconds: time.compute, colour: COLOURS.compute });
    bars.push({ lane: GPU_LANES[1]!, label: `${phase} ${collectives}`, start: start + time.compute, seconds: time.communication, colour: COLOURS.communication });
    start += time.total;
  }
  return bars;
}

/** The timeline's bars as a table, each wafer row marked with whether the wafer fits the run. */
export function timelineData(summary: FabricSummary): ChartData {
  return {
    columns: ['system', 'lane', 'bar', 'start_seconds', 'duration_seconds', 'wafer_fits'],
    rows: timelineBars(summary).map((bar) => {
      const [system, lane] = bar.lane.split(': ');
      return [system!, lane!, bar.label, bar.start, bar.seconds, system === 'Wafer' ? summary.fits : null];
    }),
  };
}

const WIDTH = 640;
const LANE_HEIGHT = 22;
const MARGIN = { left: 160, right: 16, top: 8, bottom: 28 };

/** Draws one layer's phases on the wafer and on the GPU cluster on one time axis. */
export function Timeline({ summary }: { summary: FabricSummary }) {
  const axisRef = useRef<SVGGElement>(null);
  const bars = useMemo(() => timelineBars(summary), [summary]);
  const lanes = [...WAFER_LANES, ...GPU_LANES];
  const end = Math.max(summary.wafer.total, summary.gpu.total);
  const x = useMemo(() => scaleLinear().domain([0, end]).range([MARGIN.left, WIDTH - MARGIN.right]), [end]);
  const y = scaleBand().domain(lanes).range([MARGIN.top, MARGIN.top + lanes.length * LANE_HEIGHT]).padding(0.2);
  const height = MARGIN.top + lanes.length * LANE_HEIGHT + MARGIN.bottom;

  useEffect(() => {
    if (!axisRef.current) return;
    select(axisRef.current).call(axisBottom(x).ticks(5).tickFormat((value) => formatSeconds(Number(value))));
  }, [x]);

  const waferEnd = summary.wafer.forward.total;
  const gpuEnd = summary.gpu.forward.total;
  const waferTop = y(WAFER_LANES[0]!) ?? 0;
  const waferBottom = (y(WAFER_LANES[2]!) ?? 0) + y.bandwidth();
  const overflowText = summary.overflowPes === 1 ? '1 PE overflows' : `${formatInteger(summary.overflowPes)} PEs overflow`;
  const caption = summary.fits
    ? `One layer of one training step: wafer ${formatSeconds(summary.wafer.total)} (bound by ${describeBounds(summary.wafer)}) against the GPU cluster ${formatSeconds(summary.gpu.total)}, ${(100 * summary.gpu.communicationShare).toFixed(0)}% of it in collectives.`
    : `One layer of one training step. The wafer does not fit this run (${overflowText}), so its hatched bars show the time it would take if it did, ${formatSeconds(summary.wafer.total)}, and are no valid comparison with the GPU cluster's ${formatSeconds(summary.gpu.total)}.`;
  return (
    <figure className="fabric-timeline">
      <figcaption data-testid="fabric-timeline-caption">{caption}</figcaption>
      <svg data-chart="fabric-timeline" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label="Timeline of one layer on the wafer and on the GPU cluster">
        <defs>
          <pattern id="fabric-no-fit-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <line x1="0" y1="0" x2="0" y2="6" stroke="#d55e00" strokeWidth="2" />
          </pattern>
        </defs>
        {lanes.map((lane) => (
          <text key={lane} x={MARGIN.left - 8} y={(y(lane) ?? 0) + y.bandwidth() / 2} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="currentColor">
            {lane}
          </text>
        ))}
        {bars.map((bar) => (
          <rect key={`${bar.lane}-${bar.label}`} x={x(bar.start)} y={y(bar.lane)} width={Math.max(1, x(bar.start + bar.seconds) - x(bar.start))} height={y.bandwidth()} fill={bar.colour}>
            <title>{`${bar.lane.split(':')[0]} ${bar.label}: ${formatSeconds(bar.seconds)}${!summary.fits && bar.lane.startsWith('Wafer') ? ' if the run fitted' : ''}`}</title>
          </rect>
        ))}
        <line x1={x(waferEnd)} x2={x(waferEnd)} y1={y(WAFER_LANES[0]!)} y2={(y(WAFER_LANES[2]!) ?? 0) + y.bandwidth()} stroke="currentColor" strokeDasharray="3 3" />
        <line x1={x(gpuEnd)} x2={x(gpuEnd)} y1={y(GPU_LANES[0]!)} y2={(y(GPU_LANES[1]!) ?? 0) + y.bandwidth()} stroke="currentColor" strokeDasharray="3 3" />
        {/* After the dashed lines, so that the label's halo keeps them off its text. */}
        {!summary.fits && (
          <g data-testid="fabric-timeline-no-fit">
            <rect x={MARGIN.left} y={waferTop} width={WIDTH - MARGIN.left - MARGIN.right} height={waferBottom - waferTop} fill="url(#fabric-no-fit-hatch)" fillOpacity={0.6} stroke="#d55e00" strokeWidth={1.5} />
            <text x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={(waferTop + waferBottom) / 2} textAnchor="middle" dominantBaseline="middle" fontSize={13} fontWeight={700} fill="#d55e00" stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
              {`Does not fit: ${overflowText}; time shown if it did`}
            </text>
          </g>
        )}
        <g ref={axisRef} transform={`translate(0, ${MARGIN.top + lanes.length * LANE_HEIGHT + 4})`} />
      </svg>
      <p className="muted">Dashed lines end the forward pass. Bars start after one broadcast latency, which fills the pipeline.</p>
      <ExportMenu chart="fabric-timeline" data={() => timelineData(summary)} />
    </figure>
  );
}
