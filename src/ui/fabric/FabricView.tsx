import { useCallback, useState, type FormEvent } from 'react';
import { FABRIC_METRICS, type FabricMetric } from '../../core/fabric/scenario.ts';
import { useFabricState } from '../../state/fabricStore.ts';
import { useAppState } from '../../state/store.ts';
import { ExportMenu } from '../export/index.ts';
import { METRIC_INFO, type ColourScale } from './colour.ts';
import { heatmapWithLegend } from './exportImage.ts';
import { FabricControls } from './FabricControls.tsx';
import { FabricSummaryPanel } from './FabricSummaryPanel.tsx';
import { Heatmap, type HeatmapHandle } from './Heatmap.tsx';
import { Legend } from './Legend.tsx';
import { HoverReadout, PinnedPanel } from './PePanel.tsx';
import { Timeline } from './Timeline.tsx';
import { parseCoordinate } from './parseCoordinate.ts';
import { useFabricSimulation } from './useFabricSimulation.ts';
import { WavefrontControls } from './Wavefront.tsx';
import './fabric.css';

/** Zooms to a PE given in fabric coordinates, reserved edges included, as the hover readout shows them. */
function ZoomToPe({ handle, columns, rows }: { handle: HeatmapHandle | null; columns: number; rows: number }) {
  const [x, setX] = useState('');
  const [y, setY] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const px = parseCoordinate(x, columns);
    const py = parseCoordinate(y, rows);
    if (px === undefined) return setError(`x: "${x}" is invalid; expected a whole number from 0 to ${columns - 1} (fabric columns, reserved included).`);
    if (py === undefined) return setError(`y: "${y}" is invalid; expected a whole number from 0 to ${rows - 1} (fabric rows, reserved included).`);
    setError(undefined);
    handle?.zoomToPe(px, py);
  };
  return (
    <form className="fabric-zoom-to" onSubmit={submit} aria-label="Zoom to a PE">
      <span className="muted fabric-zoom-range">Fabric PE, reserved edges included:</span>
      <label>
        x <input value={x} onChange={(event) => setX(event.target.value)} size={4} inputMode="numeric" aria-label={`PE column x, fabric coordinates 0 to ${columns - 1}`} />
        <span className="muted fabric-zoom-range"> 0–{columns - 1}</span>
      </label>
      <label>
        y <input value={y} onChange={(event) => setY(event.target.value)} size={4} inputMode="numeric" aria-label={`PE row y, fabric coordinates 0 to ${rows - 1}`} />
        <span className="muted fabric-zoom-range"> 0–{rows - 1}</span>
      </label>
      <button type="submit">Zoom to PE</button>
      {error && <span className="field-error" role="alert">{error}</span>}
    </form>
  );
}

function StatusLine() {
  const status = useFabricState((state) => state.status);
  const error = useFabricState((state) => state.error);
  const cancelled = useFabricState((state) => state.cancelledRuns);
  const simulateMs = useFabricState((state) => state.result?.summary.simulateMs);
  const cancelledText = cancelled > 0 ? ` ${cancelled} earlier run${cancelled === 1 ? ' was' : 's were'} cancelled by newer scenarios.` : '';
  if (status === 'error') return <p className="error-panel" role="alert" data-testid="fabric-status" data-status={status}>{error}</p>;
  let text = 'Waiting for the first simulation.';
  if (status === 'running') text = 'Simulating in a worker…';
  else if (status === 'done') text = `Simulated in ${simulateMs?.toFixed(0)} ms.`;
  return (
    <p className="muted" data-testid="fabric-status" data-status={status} aria-live="polite">
      {text}
      {cancelledText}
    </p>
  );
}

/** Renders the Fabric view: the simulated wafer as a zoomable heatmap beside a GPU cluster running the same layer. */
export default function FabricView() {
  useFabricSimulation();
  const result = useFabricState((state) => state.result);
  const metric = useAppState((state) => state.scenario.fabric.metric);
  const setScenario = useAppState((state) => state.setScenario);
  const [scale, setScale] = useState<ColourScale | undefined>();
  const [handle, setHandle] = useState<HeatmapHandle | null>(null);
  const onHandle = useCallback((next: HeatmapHandle | null) => setHandle(next), []);
  const running = useFabricState((state) => state.status === 'running');
  const setMetric = (next: FabricMetric) => setScenario((scenario) => ({ ...scenario, fabric: { ...scenario.fabric, metric: next } }));

  return (
    <div className="fabric-view" aria-busy={running}>
      <div className="fabric-main">
        <div className="fabric-toolbar">
          <label>
            Metric{' '}
            <select value={metric} onChange={(event) => setMetric(event.target.value as FabricMetric)} data-testid="fabric-metric">
              {FABRIC_METRICS.map((value) => (
                <option key={value} value={value}>
                  {METRIC_INFO[value].label}
                </option>
              ))}
            </select>
          </label>
          {result && <ZoomToPe handle={handle} columns={result.geometry.columns} rows={result.geometry.rows} />}
        </div>
        <StatusLine />
        {result ? (
          <>
            <Heatmap result={result} metric={metric} onScale={setScale} handleRef={onHandle} />
            <ExportMenu
              chart="fabric-heatmap"
              canvas={() => {
                const drawn = handle?.canvas() ?? null;
                return drawn && scale ? heatmapWithLegend(drawn, scale) : drawn;
              }}
            />
            {scale && <Legend scale={scale} />}
            <HoverReadout result={result} />
            <WavefrontControls summary={result.summary} />
            <Timeline summary={result.summary} />
          </>
        ) : (
          <div className="fabric-heatmap fabric-placeholder" />
        )}
      </div>
      <aside className="fabric-side">
        {result && <PinnedPanel result={result} />}
        {result && <FabricSummaryPanel summary={result.summary} />}
        <FabricControls />
        {result && (
          <section aria-label="Assumptions">
            <h3>Assumptions</h3>
            <ul className="fabric-assumptions">
              {result.assumptions.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        )}
      </aside>
    </div>
  );
}
