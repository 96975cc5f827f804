import { formatBytes, formatTokens } from '../../core/units.ts';
import type { KernelRunResult } from '../../workers/kernelPool.ts';
import { KERNEL_LABELS } from './kernelLabels.ts';

function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}
const formatError = (value: number) => (Number.isFinite(value) ? value.toExponential(2) : String(value));

/** Lists every finished point of the sweep, with throughput beside the exact kernels' times. */
export function KernelsTable({ results }: { results: readonly KernelRunResult[] }) {
  if (results.length === 0) return null;
  const rows = [...results].sort((a, b) => a.seqLen - b.seqLen || a.kernel.localeCompare(b.kernel));
  return (
    <div className="table-wrap">
      <table className="data-table" data-table="kernels">
        <caption>Each row is one sweep point; times are medians of the timed runs on all workers.</caption>
        <thead>
          <tr>
            <th scope="col">Kernel</th>
            <th scope="col">N</th>
            <th scope="col">d × heads</th>
            <th scope="col">Median (ms)</th>
            <th scope="col">GFLOP/s</th>
            <th scope="col">Working memory</th>
            <th scope="col">Max abs error</th>
            <th scope="col">Rel. Frobenius</th>
            <th scope="col">Mean cosine</th>
            <th scope="col">Retrieval correct</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kernel}-${r.seqLen}`} data-kernel={r.kernel} data-seq={r.seqLen}>
              <th scope="row">{KERNEL_LABELS[r.kernel] ?? r.kernel}</th>
              <td>{formatTokens(r.seqLen)}</td>
              <td>
                {r.headDim} × {r.heads}
              </td>
              <td data-col="median-ms" data-ms={r.medianMs}>
                {formatMs(r.medianMs)}
              </td>
              <td data-col="gflops" title={r.exact ? `${r.flops.toExponential(3)} FLOP over the median time` : 'Shown for exact kernels only'}>
                {r.exact ? r.gflops.toFixed(1) : '—'}
              </td>
              <td>{formatBytes(r.extraBytes, 'GiB', 3)}</td>
              <td>{formatError(r.errors.maxAbsError)}</td>
              <td>{formatError(r.errors.relFrobError)}</td>
              <td>{r.errors.meanCosine.toFixed(4)}</td>
              <td>{r.errors.retrievalAccuracy === null ? '—' : `${(100 * r.errors.retrievalAccuracy).toFixed(1)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
