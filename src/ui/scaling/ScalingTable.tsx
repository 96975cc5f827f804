import { deviceCapacityBytes } from '../../core/devices/devices.ts';
import { bytesOnDevice } from '../../core/scaling/index.ts';
import type { SweepPoint } from '../../core/scaling/sweep.ts';
import { formatBytes, formatFlops, formatInteger } from '../../core/units.ts';
import { COMPONENT_LABELS, STACK_ORDER } from './components.ts';
import type { ScalingData } from './useScalingData.ts';

/** Rows at powers of two inside the range, plus both ends, so the table stays short. */
export function tableRows(points: readonly SweepPoint[]): SweepPoint[] {
  if (points.length <= 2) return [...points];
  const rows = points.filter((point, i) => i === 0 || i === points.length - 1 || Number.isInteger(Math.log2(point.seq)));
  return rows.length > 2 ? rows : [points[0]!, points[points.length - 1]!];
}

/** The chart's numbers as a table, for people who read rather than look, and for screen readers. */
export function ScalingTable({ data }: { data: ScalingData }) {
  const rows = tableRows(data.points);
  const keys = STACK_ORDER.filter((key) => data.points.some((point) => point.memory[key] > 0));
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="scaling-table">
        <caption>
          Memory per device and FLOPs per step for {data.model.name}; exact bytes on hover. Sequence lengths are the sweep's powers of two and its ends.
        </caption>
        <thead>
          <tr>
            <th scope="col">Sequence (tokens)</th>
            {keys.map((key) => (
              <th key={key} scope="col">
                {COMPONENT_LABELS[key]}
              </th>
            ))}
            <th scope="col">Total</th>
            {data.devices.map((device) => (
              <th key={device.id} scope="col">
                Fits {device.name}
              </th>
            ))}
            <th scope="col">Model FLOPs per step</th>
            <th scope="col">Attention share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((point) => (
            <tr key={point.seq}>
              <th scope="row">{formatInteger(point.seq)}</th>
              {keys.map((key) => (
                <td key={key} title={`${formatInteger(point.memory[key])} bytes`}>
                  {formatBytes(point.memory[key])}
                </td>
              ))}
              <td title={`${formatInteger(point.totalBytes)} bytes`}>{formatBytes(point.totalBytes)}</td>
              {data.devices.map((device) => (
                <td key={device.id}>{bytesOnDevice(point.memory, device) <= deviceCapacityBytes(device) ? 'yes' : 'no'}</td>
              ))}
              <td>{formatFlops(point.flops.model)}</td>
              <td>{(100 * point.flops.attentionShare).toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
