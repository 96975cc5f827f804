import type { FabricSummary } from '../../core/fabric/simulate.ts';
import { formatBytes, formatInteger, formatSeconds } from '../../core/units.ts';

function tokensText(value: number | null, atLimit = false): string {
  if (value === null) return 'none';
  return `${atLimit ? 'at least ' : ''}${formatInteger(value)}`;
}

/** Lists the key figures of one simulation. */
export function FabricSummaryPanel({ summary }: { summary: FabricSummary }) {
  const uneven = summary.maxSeqNoOverflow !== null && summary.analyticMaxSeq !== null && summary.maxSeqNoOverflow < summary.analyticMaxSeq;
  return (
    <section className="fabric-summary" aria-label="Simulation summary">
      <dl>
        <div>
          <dt>Overflowing PEs</dt>
          <dd data-testid="fabric-overflow-pes">{formatInteger(summary.overflowPes)} of {formatInteger(summary.usablePes)}</dd>
        </div>
        <div>
          <dt>Peak per PE</dt>
          <dd>
            {formatBytes(summary.peakBytesPerPe, 'GiB', 4)} of {formatBytes(summary.sramBytes, 'GiB', 4)} ({(100 * summary.peakOccupancy).toFixed(1)}%)
          </dd>
        </div>
        <div>
          <dt>Mean per PE</dt>
          <dd>
            {formatBytes(summary.meanBytesPerPe, 'GiB', 4)} ({(100 * summary.meanOccupancy).toFixed(1)}%)
          </dd>
        </div>
        <div>
          <dt>Stored activations and scores</dt>
          <dd>{formatBytes(summary.storedActivationBytes)}</dd>
        </div>
        <div>
          <dt>Longest sequence with no overflow</dt>
          <dd data-testid="fabric-max-seq">{tokensText(summary.maxSeqNoOverflow, summary.maxSeqAtLimit)} tokens</dd>
        </div>
        <div>
          <dt>Analytic fit against {formatBytes(summary.analyticCapacityBytes)}</dt>
          <dd>{tokensText(summary.analyticMaxSeq)} tokens</dd>
        </div>
        <div>
          <dt>Time per layer, wafer</dt>
          <dd>{formatSeconds(summary.wafer.total)} ({formatInteger(summary.waferTokensPerSecond)} tokens/s)</dd>
        </div>
        <div>
          <dt>Time per layer, GPU cluster</dt>
          <dd>{formatSeconds(summary.gpu.total)} ({formatInteger(summary.gpuTokensPerSecond)} tokens/s)</dd>
        </div>
      </dl>
      {uneven && (
        <p className="muted">
          The wafer fits fewer tokens than the analytic fit because reserved PEs, the per-PE reserve and buffers, and uneven shares count: the fullest PE, not the average, overflows first.
        </p>
      )}
    </section>
  );
}
