import { deviceCapacityBytes } from '../../core/devices/devices.ts';
import { resolveDevice } from '../../core/scenario/resolve.ts';
import type { ScalingScenario } from '../../core/scenario/types.ts';
import { bytesOnDevice, memoryBreakdown, stepFlops, stepSeconds, totalBytes } from '../../core/scaling/index.ts';
import { formatBytes, formatFlops, formatInteger, formatSeconds, formatTokens } from '../../core/units.ts';
import { COMPONENT_LABELS, STACK_ORDER } from './components.ts';
import type { ScalingData } from './useScalingData.ts';

interface Props {
  data: ScalingData;
  scaling: ScalingScenario;
  seq: number;
}

/** Exact values at one sequence length: memory by component, fit per device, FLOPs and time per step. */
export function Readout({ data, scaling, seq }: Props) {
  const memory = memoryBreakdown(data.model, scaling, seq, data.parameters);
  const total = totalBytes(memory);
  const flops = stepFlops(data.model, scaling, seq);
  const computeDevice = resolveDevice(scaling.computeDevice, scaling);
  const seconds = computeDevice ? stepSeconds(flops.hardware, computeDevice.peakFlops, scaling.tensorParallel, scaling.utilisation) : null;
  return (
    <section className="readout" aria-live="polite" data-testid="readout" data-seq={seq}>
      <h3>
        At s = <span data-testid="readout-seq">{formatInteger(seq)}</span> tokens
      </h3>
      <table>
        <tbody>
          {STACK_ORDER.filter((key) => memory[key] > 0).map((key) => (
            <tr key={key}>
              <th scope="row">{COMPONENT_LABELS[key]}</th>
              <td>{formatBytes(memory[key])}</td>
              <td className="exact">{formatInteger(memory[key])} B</td>
            </tr>
          ))}
          <tr className="readout-total">
            <th scope="row">Total</th>
            <td data-testid="readout-total">{formatBytes(total)}</td>
            <td className="exact" data-testid="readout-total-bytes">
              {formatInteger(total)} B
            </td>
          </tr>
        </tbody>
      </table>
      <ul className="readout-fits">
        {data.devices.map((device) => {
          const onDevice = bytesOnDevice(memory, device);
          const capacity = deviceCapacityBytes(device);
          return (
            <li key={device.id}>
              {device.name}: {onDevice <= capacity ? 'fits' : 'does not fit'} ({formatBytes(onDevice)} of {formatBytes(capacity, device.memoryUnit)}
              {device.memoryMode === 'weight-streaming' ? ', on-wafer part only' : ''})
            </li>
          );
        })}
      </ul>
      <p className="readout-flops">
        {formatFlops(flops.model)} model FLOPs per step ({formatFlops(flops.hardware)} with recomputation); attention{' '}
        {(100 * flops.attentionShare).toFixed(1)}%.
        {seconds !== null && computeDevice && (
          <>
            {' '}
            {formatSeconds(seconds)} per step on {scaling.tensorParallel > 1 ? `${scaling.tensorParallel} × ` : ''}
            {computeDevice.name} at {Math.round(scaling.utilisation * 100)}% of peak, {formatTokens((seq * scaling.batch) / seconds)} tokens/s.
          </>
        )}
      </p>
    </section>
  );
}
