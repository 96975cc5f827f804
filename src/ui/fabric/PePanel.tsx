import { FABRIC_METRICS } from '../../core/fabric/scenario.ts';
import { peMemory } from '../../core/fabric/peMemory.ts';
import type { FabricResult } from '../../core/fabric/simulate.ts';
import { formatBytes } from '../../core/units.ts';
import { useFabricState, type PeCoordinates } from '../../state/fabricStore.ts';
import { useAppState } from '../../state/store.ts';
import { insideFabric, setPin } from './pin.ts';
import { METRIC_INFO, formatMetricValue } from './colour.ts';

function usableCoordinates(result: FabricResult, pe: PeCoordinates): PeCoordinates | undefined {
  const { geometry } = result;
  const x = pe.x - geometry.originX;
  const y = pe.y - geometry.originY;
  if (x < 0 || y < 0 || x >= geometry.usableColumns || y >= geometry.usableRows) return undefined;
  return { x, y };
}

function PeTitle({ result, pe }: { result: FabricResult; pe: PeCoordinates }) {
  const usable = usableCoordinates(result, pe);
  return (
    <>
      PE ({pe.x}, {pe.y}){' '}
      <span className="muted">{usable ? `usable (${usable.x}, ${usable.y})` : 'reserved for I/O'}</span>
    </>
  );
}

/** Shows every metric of the PE under the pointer, with units. */
export function HoverReadout({ result }: { result: FabricResult }) {
  const hover = useFabricState((state) => state.hover);
  if (!hover) return <p className="fabric-readout muted" data-testid="fabric-hover">Point at a PE to read its values; click to pin it.</p>;
  const index = hover.y * result.geometry.columns + hover.x;
  return (
    <div className="fabric-readout" data-testid="fabric-hover" aria-live="polite">
      <strong>
        <PeTitle result={result} pe={hover} />
      </strong>
      <dl>
        {FABRIC_METRICS.map((metric) => (
          <div key={metric}>
            <dt>{METRIC_INFO[metric].label}</dt>
            <dd>{formatMetricValue(metric, result.metrics[metric][index]!)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** Shows the pinned PE's shares and its memory by part. */
export function PinnedPanel({ result }: { result: FabricResult }) {
  const pinned = useAppState((state) => state.scenario.fabric.pin);
  if (!pinned) return null;
  const usable = usableCoordinates(result, pinned);
  const unpin = () => setPin(undefined);
  const { columns, rows: fabricRows } = result.geometry;
  if (!insideFabric(pinned, columns, fabricRows)) {
    // A link can pin a PE of a larger fabric than the one now simulated.
    return (
      <section className="fabric-pinned" aria-label="Pinned PE">
        <h3>PE ({pinned.x}, {pinned.y})</h3>
        <p>
          This PE lies outside the {columns.toLocaleString('en-US')} × {fabricRows.toLocaleString('en-US')} fabric now shown. Click a PE on the heatmap to pin
          another.
        </p>
        <button type="button" onClick={unpin}>Unpin</button>
      </section>
    );
  }
  if (!usable) {
    return (
      <section className="fabric-pinned" aria-label="Pinned PE">
        <h3>
          <PeTitle result={result} pe={pinned} />
        </h3>
        <p>This PE is reserved for host I/O and holds no part of the model.</p>
        <button type="button" onClick={unpin}>Unpin</button>
      </section>
    );
  }
  const { placement, rates, summary } = result;
  const t = placement.rowTokens[usable.y]!;
  const f = placement.columnFeatures[usable.x]!;
  const k = placement.columnKeys[usable.x]!;
  const memory = peMemory(rates, t, f, k);
  const rows: [string, number][] = [
    ['Stored activations, all layers', memory.activations],
    ['Stored attention scores', memory.attention],
    ['Attention working set', memory.workingSet],
    ['Weight tile, double-buffered', memory.weightBuffer],
    ['Code and runtime reserve', memory.reserve],
  ];
  return (
    <section className="fabric-pinned" aria-label="Pinned PE">
      <h3>
        <PeTitle result={result} pe={pinned} />
      </h3>
      <p>
        Holds {t} token{t === 1 ? '' : 's'}, {f} feature{f === 1 ? '' : 's'} and {k} key{k === 1 ? '' : 's'}.
      </p>
      <table className="fabric-breakdown">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{formatBytes(value, 'GiB', 4)}</td>
              <td>{((100 * value) / summary.sramBytes).toFixed(1)}%</td>
            </tr>
          ))}
          <tr className={memory.used > summary.sramBytes ? 'fabric-over' : undefined}>
            <th scope="row">Used of {formatBytes(summary.sramBytes, 'GiB', 4)}</th>
            <td>{formatBytes(memory.used, 'GiB', 4)}</td>
            <td>{((100 * memory.used) / summary.sramBytes).toFixed(1)}%</td>
          </tr>
        </tbody>
      </table>
      <button type="button" onClick={unpin}>Unpin</button>
    </section>
  );
}
