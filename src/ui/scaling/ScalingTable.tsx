import { deviceCapacityBytes } from '../../core/devices/devices.ts';
import { bytesOnDeviceAt } from '../../core/scaling/index.ts';
import { sweep, type SweepPoint } from '../../core/scaling/sweep.ts';
import type { ScalingScenario } from '../../core/scenario/types.ts';
import { formatBytes, formatFlops, formatInteger } from '../../core/units.ts';
import { COMPONENT_LABELS, STACK_ORDER } from './components.ts';
import type { ScalingData } from './useScalingData.ts';

/** The range's ends and every power of two between them, so the table stays short and its rows are round numbers. */
export function tableLengths(min: number, max: number): number[] {
  const lengths = [min];
  for (let power = 2 ** Math.ceil(Math.log2(min)); power < max; power *= 2) if (power > min) lengths.push(power);
  if (max > min) lengths.push(max);
  return lengths;
}

/** The chart's numbers as a table, for people who read rather than look, and for screen readers. */
export function ScalingTable({ data, scaling }: { data: ScalingData; scaling: ScalingScenario }) {
  const rows: SweepPoint[] = sweep(data.model, scaling, tableLengths(scaling.seqMin, scaling.seqMax));
  const keys = STACK_ORDER.filter((key) => rows.some((point) => point.memory[key] > 0));
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="scaling-table">
        <caption>
          Memory per device and FLOPs per step for {data.model.name}; exact bytes on hover. Rows are the range's ends and the powers of two between them.
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
                <td key={device.id}>{bytesOnDeviceAt(data.model, scaling, device, point.seq, data.parameters) <= deviceCapacityBytes(device) ? 'yes' : 'no'}</td>
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
