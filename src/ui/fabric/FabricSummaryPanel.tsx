import type { FabricSummary } from '../../core/fabric/simulate.ts';
import { formatBytes, formatInteger, formatSeconds } from '../../core/units.ts';
import { maxSeqText, waferTimeText } from './summaryText.ts';

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
          <dd data-testid="fabric-max-seq">{maxSeqText(summary.maxSeqNoOverflow, summary.maxSeqAtLimit)}</dd>
        </div>
        <div>
          <dt>Analytic fit against {formatBytes(summary.analyticCapacityBytes)}</dt>
          <dd>{maxSeqText(summary.analyticMaxSeq)}</dd>
        </div>
        <div>
          <dt>Time per layer, wafer</dt>
          <dd className={summary.fits ? undefined : 'fabric-not-achievable'} data-testid="fabric-wafer-time" data-fits={summary.fits}>
            {waferTimeText(summary)}
          </dd>
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
