import { useState } from 'react';
import { logLogSlope } from '../../core/kernels/slope.ts';
import { formatBytes, formatTokens } from '../../core/units.ts';
import type { KernelRunResult } from '../../workers/kernelPool.ts';
import { LogLogChart, type ChartSeries } from '../charts/LogLogChart.tsx';
import { OKABE_ITO } from '../charts/palette.ts';
import { ExportMenu, type ChartData } from '../export/index.ts';
import { KERNEL_LABELS, kernelColor } from './kernelLabels.ts';

interface Props {
  kernels: readonly string[];
  seqLens: readonly number[];
  results: readonly KernelRunResult[];
  width: number;
}

/** x positions of the charts; a single N gets neighbours so the log axis has a span. */
function axisLengths(seqLens: readonly number[]): number[] {
  if (seqLens.length >= 2) return [...seqLens];
  const only = seqLens[0] ?? 1024;
  return [only / 2, only, only * 2];
}

function seriesOf(kernels: readonly string[], xs: readonly number[], results: readonly KernelRunResult[], value: (r: KernelRunResult) => number): ChartSeries[] {
  return kernels.map((kernel) => ({
    key: kernel,
    label: KERNEL_LABELS[kernel] ?? kernel,
    color: kernelColor(kernel),
    values: xs.map((n) => {
      const result = results.find((r) => r.kernel === kernel && r.seqLen === n);
      return result ? value(result) : Number.NaN;
    }),
  }));
}

/** The sweep's numbers, one row per finished run, with units in the column names. */
export function kernelsTable(results: readonly KernelRunResult[]): ChartData {
  return {
    columns: ['kernel', 'seq_len_tokens', 'head_dim', 'heads', 'causal', 'median_time_ms', 'throughput_gflops_per_second', 'extra_bytes', 'io_bytes', 'rel_frob_error', 'max_abs_error', 'retrieval_accuracy_fraction'],
    rows: results.map((r) => [
      r.kernel, r.seqLen, r.headDim, r.heads, r.causal, r.medianMs, r.gflops, r.extraBytes, r.ioBytes,
      r.errors.relFrobError, r.errors.maxAbsError, r.errors.retrievalAccuracy,
    ]),
  };
}

const formatMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : ms >= 1 ? `${ms.toPrecision(3)} ms` : `${(ms * 1000).toPrecision(3)} µs`);

/** Time, working memory and error against N on log-log axes, one line per kernel; points appear as runs finish. */
export function KernelsCharts({ kernels, seqLens, results, width }: Props) {
  const [hoverX, setHoverX] = useState<number | null>(null);
  const xs = axisLengths(seqLens);
  const height = Math.max(240, Math.min(380, Math.round(width * 0.45)));
  // Legends are drawn inside the SVG, so exported files carry them.
  const common = { xs, width, height, hoverX, onHoverX: setHoverX, xLabel: 'Sequence length N (tokens)', formatX: formatTokens, legend: true, points: true };

  const slopes = new Map(
    kernels.map((kernel) => [kernel, logLogSlope(results.filter((r) => r.kernel === kernel).map((r) => ({ x: r.seqLen, y: r.medianMs })))]),
  );
  const time = seriesOf(kernels, xs, results, (r) => r.medianMs).map((entry) => {
    const slope = slopes.get(entry.key);
    return slope === null || slope === undefined ? entry : { ...entry, label: `${entry.label} — slope ${slope.toFixed(2)}` };
  });
  const memory = seriesOf(kernels, xs, results, (r) => r.extraBytes);
  const ioSeries: ChartSeries = {
    key: 'io',
    label: 'Q, K, V and output (for scale)',
    color: OKABE_ITO.grey,
    dashed: true,
    values: xs.map((n) => results.find((r) => r.seqLen === n)?.ioBytes ?? Number.NaN),
  };
  const error = seriesOf(kernels, xs, results, (r) => r.errors.relFrobError);

  return (
    <div className="kernels-charts">
      <LogLogChart
        {...common}
        name="kernels-time"
        title="Time against N"
        yLabel="Median wall time"
        series={time}
        formatY={formatMs}
        description={`Median time of each kernel at N from ${formatTokens(xs[0]!)} to ${formatTokens(xs[xs.length - 1]!)}.`}
      >
        <p className="field-hint">The slope is the least-squares exponent p of time ≈ c·N^p over the finished points: about 2 for exact attention at large N, about 1 for the approximations.</p>
        <ExportMenu chart="kernels-time" data={() => kernelsTable(results)} />
      </LogLogChart>
      <LogLogChart
        {...common}
        name="kernels-memory"
        title="Working memory against N"
        yLabel="Bytes beyond inputs and output"
        series={[...memory, ioSeries]}
        formatY={(bytes) => formatBytes(bytes, 'GiB', 3)}
        description="Peak working memory of each kernel beyond Q, K, V and the output, from its allocation plan, against N."
      >
        <ExportMenu chart="kernels-memory" data={() => kernelsTable(results)} />
      </LogLogChart>
      <LogLogChart
        {...common}
        name="kernels-error"
        title="Error against float64 exact attention"
        yLabel="Relative Frobenius error"
        series={error}
        formatY={(value) => value.toExponential(0)}
        description="Relative Frobenius error of each kernel's output against a float64 reference, against N."
      >
        <p className="field-hint">Measured on up to 512 evenly spaced query rows per run. Exact kernels sit near float32 rounding (about 1e-7).</p>
        <p className="field-hint">
          On Gaussian inputs the scores are nearly equal, so exact attention averages almost all N values and its output is close to zero. A window, a random
          projection (low rank uses a fixed random one, not a trained one) or random features average other values, so their relative error can exceed 1 and
          grow with N. The retrieval input shows whether each query still finds its one distant key.
        </p>
        <ExportMenu chart="kernels-error" data={() => kernelsTable(results)} />
      </LogLogChart>
    </div>
  );
}
