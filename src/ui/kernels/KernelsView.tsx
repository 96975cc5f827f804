import { memo, useState, type MouseEvent } from 'react';
import { useAppState } from '../../state/store.ts';
import { kernelsStore, useKernelsState, type KernelFailure } from '../../state/kernelsStore.ts';
import { formatTokens } from '../../core/units.ts';
import { useElementWidth } from '../common/useElementWidth.ts';
import { KernelsCharts } from './KernelsCharts.tsx';
import { KernelsControls } from './KernelsControls.tsx';
import { KernelsTable } from './KernelsTable.tsx';
import { KERNEL_LABELS } from './kernelLabels.ts';
import '../scaling/scaling.css';
import './kernels.css';

// Charts, table and controls are memoised: while a sweep runs, progress
// changes many times a second and only the run bar should redraw, because
// drawing takes the cores the kernels are being timed on.
const MemoCharts = memo(KernelsCharts);
const MemoTable = memo(KernelsTable);
const MemoControls = memo(KernelsControls);

/** Real attention kernels run in this browser's workers: time, memory and error against N. */
export default function KernelsView() {
  const sweep = useAppState((state) => state.scenario.kernels);
  const status = useKernelsState((state) => state.status);
  const results = useKernelsState((state) => state.results);
  const failures = useKernelsState((state) => state.failures);
  const error = useKernelsState((state) => state.error);
  const relaxedSimd = useKernelsState((state) => state.relaxedSimd);
  const { ref, width } = useElementWidth<HTMLDivElement>(720);
  const running = status === 'running';

  return (
    <div className="kernels-view">
      <aside className="kernels-aside" aria-label="Sweep settings">
        <MemoControls disabled={running} />
      </aside>
      <section className="kernels-main" ref={ref}>
        <RunBar hasKernels={sweep.kernels.length > 0} onRun={() => void kernelsStore.getState().runSweep(sweep)} />
        <Failures failures={failures} />
        {error && <p className="error-panel">{error}</p>}
        {status === 'idle' && results.length === 0 && (
          <p className="field-hint">
            Run sweep times each chosen kernel at each N on {typeof navigator === 'undefined' ? 'all' : navigator.hardwareConcurrency || 2} workers in this
            browser, and measures its error against float64 exact attention.
          </p>
        )}
        <MemoCharts kernels={sweep.kernels} seqLens={sweep.seqLens} results={results} width={width} />
        <MemoTable results={results} />
        {relaxedSimd !== null && (
          <p className="field-hint">
            The exact tiled kernel runs as WebAssembly SIMD{relaxedSimd ? ' with fused multiply-add (relaxed SIMD)' : ''}, split by query rows across the
            workers, which share one memory.
          </p>
        )}
      </section>
    </div>
  );
}

/** Run and Cancel buttons, the progress bar and the status line: the only part that follows progress. */
function RunBar({ hasKernels, onRun }: { hasKernels: boolean; onRun: () => void }) {
  const run = useKernelsState((state) => state);
  const [blocked, setBlocked] = useState<string | null>(null);
  const running = run.status === 'running';
  const pointFraction = run.current?.fraction ?? 0;
  const overall = run.pointsTotal === 0 ? 0 : (run.pointsDone + (running ? pointFraction : 0)) / run.pointsTotal;

  const start = (event: MouseEvent<HTMLButtonElement>) => {
    // A field still showing an invalid draft would be run with its last valid value, so it is fixed first.
    const invalid = event.currentTarget.closest('.kernels-view')?.querySelector<HTMLInputElement>('.kernels-aside input[aria-invalid="true"]');
    if (invalid) {
      const label = invalid.labels?.[0]?.textContent ?? 'a field';
      setBlocked(`Fix ${label} first: the sweep would run with its last valid value.`);
      invalid.focus();
      return;
    }
    setBlocked(null);
    onRun();
  };

  return (
    <div className="kernels-runbar">
      <button type="button" className="primary" onClick={start} disabled={running || !hasKernels}>
        Run sweep
      </button>
      <button type="button" onClick={run.cancel} disabled={!running}>
        Cancel
      </button>
      <progress max={1} value={overall} aria-label="Sweep progress" data-progress={overall.toFixed(3)} />
      <span className="kernels-status" role="status" data-status={run.status}>
        {statusText(run)}
      </span>
      {!hasKernels && <p className="field-hint kernels-runbar-note">Choose at least one kernel to run a sweep.</p>}
      {blocked && (
        <p className="field-error kernels-runbar-note" role="alert">
          {blocked}
        </p>
      )}
    </div>
  );
}

const plural = (count: number, noun: string) => `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;

function statusText(run: { status: string; current: { kernel: string; seqLen: number; fraction: number } | null; pointsDone: number; pointsTotal: number; failures: readonly KernelFailure[] }): string {
  if (run.status === 'running' && run.current) {
    const label = KERNEL_LABELS[run.current.kernel] ?? run.current.kernel;
    const point = `Point ${run.pointsDone + 1} of ${run.pointsTotal}: ${label} at N = ${formatTokens(run.current.seqLen)}`;
    // After the timed runs the output is compared with float64 attention, which takes seconds at large N.
    if (run.current.fraction >= 1) return `${point}, measuring error against float64 attention…`;
    return `${point}, ${Math.round(100 * run.current.fraction)}%`;
  }
  if (run.status === 'running') return run.pointsDone === 0 ? 'Starting the workers…' : `Point ${run.pointsDone + 1} of ${run.pointsTotal}: starting…`;
  const without = run.failures.length === 0 ? '' : `, ${run.failures.length} without a result (listed below)`;
  if (run.status === 'cancelled') return `Cancelled after ${run.pointsDone} of ${plural(run.pointsTotal, 'point')}${without}.`;
  if (run.status === 'done') return `Finished ${plural(run.pointsTotal, 'point')}${without}.`;
  return '';
}

/** Lists the points that gave no result, each with its reason, under the run bar. */
function Failures({ failures }: { failures: readonly KernelFailure[] }) {
  if (failures.length === 0) return null;
  return (
    <ul className="kernels-failures" aria-label="Points without a result">
      {failures.map((failure) => (
        <li key={`${failure.kernel}-${failure.seqLen}`} data-failure={failure.kind} data-kernel={failure.kernel}>
          <strong>{failure.kind === 'failed' ? 'Failed' : 'Not run'}:</strong> {failure.message}
        </li>
      ))}
    </ul>
  );
}
