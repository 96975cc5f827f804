import { memo } from 'react';
import { useAppState } from '../../state/store.ts';
import { kernelsStore, useKernelsState } from '../../state/kernelsStore.ts';
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
        <RunBar canRun={sweep.kernels.length > 0} onRun={() => void kernelsStore.getState().runSweep(sweep)} />
        {error && <p className="error-panel">{error}</p>}
        {status === 'idle' && results.length === 0 && (
          <p className="field-hint">
            Run sweep times each chosen kernel at each N on {typeof navigator === 'undefined' ? 'all' : navigator.hardwareConcurrency || 2} workers in this
            browser, and measures its error against float64 exact attention.
          </p>
        )}
        <MemoCharts kernels={sweep.kernels} seqLens={sweep.seqLens} results={results} width={width} />
        <MemoTable results={results} failures={failures} />
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
function RunBar({ canRun, onRun }: { canRun: boolean; onRun: () => void }) {
  const run = useKernelsState((state) => state);
  const running = run.status === 'running';
  const pointFraction = run.current?.fraction ?? 0;
  const overall = run.pointsTotal === 0 ? 0 : (run.pointsDone + (running ? pointFraction : 0)) / run.pointsTotal;
  return (
    <div className="kernels-runbar">
      <button type="button" className="primary" onClick={onRun} disabled={running || !canRun}>
        Run sweep
      </button>
      <button type="button" onClick={run.cancel} disabled={!running}>
        Cancel
      </button>
      <progress max={1} value={overall} aria-label="Sweep progress" data-progress={overall.toFixed(3)} />
      <span className="kernels-status" role="status" data-status={run.status}>
        {statusText(run)}
      </span>
    </div>
  );
}

function statusText(run: { status: string; current: { kernel: string; seqLen: number; fraction: number } | null; pointsDone: number; pointsTotal: number }): string {
  if (run.status === 'running' && run.current) {
    const label = KERNEL_LABELS[run.current.kernel] ?? run.current.kernel;
    const point = `Point ${run.pointsDone + 1} of ${run.pointsTotal}: ${label} at N = ${formatTokens(run.current.seqLen)}`;
    // After the timed runs the output is compared with float64 attention, which takes seconds at large N.
    if (run.current.fraction >= 1) return `${point}, measuring error against float64 attention…`;
    return `${point}, ${Math.round(100 * run.current.fraction)}%`;
  }
  if (run.status === 'running') return 'Starting the workers…';
  if (run.status === 'cancelled') return `Cancelled after ${run.pointsDone} of ${run.pointsTotal} points.`;
  if (run.status === 'done') return `Finished ${run.pointsTotal} points.`;
  return '';
}
