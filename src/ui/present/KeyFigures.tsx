import { scaleLog } from 'd3';
import { useMemo } from 'react';
import { scenarioKeyFigures, type KeyFigures as Figures } from '../../core/scenario/keyFigures.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { formatBytes } from '../../core/units.ts';
import { ExportMenu, type ChartData } from '../export/index.ts';

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 190;
const CHART_WIDTH = 560;

function tableOf(figures: Figures): ChartData {
  return {
    columns: ['device', 'capacity_bytes', 'fixed_bytes', 'max_seq_tokens'],
    rows: figures.fits.map((fit) => [fit.deviceId, fit.capacityBytes, fit.fixedBytes, fit.maxSeqTokens]),
  };
}

/** Draws the maximum trainable sequence per device as horizontal bars on a log axis. */
function FitBars({ figures }: { figures: Figures }) {
  const lengths = figures.fits.map((fit) => fit.maxSeqTokens ?? 1);
  const x = scaleLog().domain([1, Math.max(10, ...lengths) * 1.5]).range([0, CHART_WIDTH - LABEL_WIDTH - 90]);
  const height = figures.fits.length * (BAR_HEIGHT + 6) + 8;
  return (
    <svg data-chart="longest-sequence" width={CHART_WIDTH} height={height} viewBox={`0 0 ${CHART_WIDTH} ${height}`} role="img"
      aria-label="Longest sequence that trains on each device, log scale">
      {figures.fits.map((fit, i) => {
        const y = 4 + i * (BAR_HEIGHT + 6);
        const width = fit.maxSeqTokens === null ? 0 : x(fit.maxSeqTokens);
        return (
          <g key={fit.deviceId} transform={`translate(0,${y})`}>
            <text x={LABEL_WIDTH - 8} y={BAR_HEIGHT / 2} textAnchor="end" dominantBaseline="middle" fill="currentColor" fontSize={13}>{fit.deviceName}</text>
            <rect x={LABEL_WIDTH} width={width} height={BAR_HEIGHT} fill={`var(--series-${(i % 7) + 1})`} />
            <text x={LABEL_WIDTH + width + 6} y={BAR_HEIGHT / 2} dominantBaseline="middle" fill="currentColor" fontSize={13}>
              {fit.maxSeqTokens === null ? 'does not fit' : `${fit.maxSeqTokens.toLocaleString('en-US')} tokens`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Shows the scenario's headline numbers, the same values the `memory` and `fit` commands print. */
export default function KeyFigures({ scenario }: { scenario: Scenario }) {
  const figures = useMemo(() => scenarioKeyFigures(scenario), [scenario]);
  if (!figures) return null;
  const { memoryAtSeqMin: low, memoryAtSeqMax: high } = figures;
  return (
    <div className="key-figures" data-testid="key-figures">
      <table>
        <tbody>
          <tr>
            <th scope="row">Memory to train at s = {low.seqTokens.toLocaleString('en-US')}</th>
            <td data-testid="memory-at-smin" data-bytes={low.totalBytes}>{formatBytes(low.totalBytes)}</td>
          </tr>
          <tr>
            <th scope="row">Memory to train at s = {high.seqTokens.toLocaleString('en-US')}</th>
            <td data-testid="memory-at-smax" data-bytes={high.totalBytes}>{formatBytes(high.totalBytes)}</td>
          </tr>
          <tr>
            <th scope="row">Attention FLOPs reach the dense layers&apos; at</th>
            <td data-testid="crossover" data-tokens={figures.crossoverTokens ?? ''}>
              {figures.crossoverTokens === null ? 'never' : `s = ${figures.crossoverTokens.toLocaleString('en-US')}`}
            </td>
          </tr>
          {figures.fits.map((fit) => (
            <tr key={fit.deviceId}>
              <th scope="row">Longest sequence on {fit.deviceName}</th>
              <td data-testid={`key-fit-${fit.deviceId}`} data-tokens={fit.maxSeqTokens ?? ''}>
                {fit.maxSeqTokens === null ? `does not fit: ${formatBytes(fit.fixedBytes)} needed before any token` : `${fit.maxSeqTokens.toLocaleString('en-US')} tokens`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {figures.fits.length > 0 && (
        <>
          <FitBars figures={figures} />
          <ExportMenu chart="longest-sequence" data={() => tableOf(figures)} />
        </>
      )}
    </div>
  );
}
