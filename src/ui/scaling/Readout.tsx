import { useId, useState } from 'react';
import { deviceCapacityBytes } from '../../core/devices/devices.ts';
import { resolveDevice } from '../../core/scenario/resolve.ts';
import type { ScalingScenario } from '../../core/scenario/types.ts';
import { bytesOnDeviceAt, memoryBreakdown, SCALING_LIMITS, stepFlops, stepSeconds, totalBytes } from '../../core/scaling/index.ts';
import { formatBytes, formatFlops, formatInteger, formatSeconds, formatTokens } from '../../core/units.ts';
import { COMPONENT_LABELS, STACK_ORDER } from './components.ts';
import type { ScalingData } from './useScalingData.ts';

interface Props {
  data: ScalingData;
  scaling: ScalingScenario;
  seq: number;
  /** Sets the length shown when no chart is hovered. */
  onChooseSeq: (seq: number) => void;
}

/** An input for the readout's sequence length; any integer in the model's range, not only chart points. */
function SeqInput({ seq, onChooseSeq }: { seq: number; onChooseSeq: (seq: number) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? String(seq);
  const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  const valid = Number.isSafeInteger(parsed) && parsed >= SCALING_LIMITS.seq.min && parsed <= SCALING_LIMITS.seq.max;
  return (
    <span className="seq-input">
      <label htmlFor={id}>At s =</label>{' '}
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={value}
        data-testid="readout-seq-input"
        aria-invalid={!valid}
        style={{ width: '7rem' }}
        onChange={(event) => {
          setDraft(event.target.value);
          const next = /^\d+$/.test(event.target.value.trim()) ? Number(event.target.value.trim()) : Number.NaN;
          if (Number.isSafeInteger(next) && next >= SCALING_LIMITS.seq.min && next <= SCALING_LIMITS.seq.max) onChooseSeq(next);
        }}
        onBlur={() => valid && setDraft(null)}
      />{' '}
      tokens
      {!valid && (
        <span className="field-error" role="alert">
          {' '}
          Sequence length: "{value}" is invalid; expected an integer from 1 to {formatInteger(SCALING_LIMITS.seq.max)}.
        </span>
      )}
    </span>
  );
}

/** Formats a fraction as a percentage, with more digits near 100% so that "fits" and "does not fit" differ visibly. */
function formatPercent(fraction: number): string {
  const digits = Math.abs(fraction - 1) < 0.01 ? 3 : 1;
  return `${(100 * fraction).toFixed(digits)}%`;
}

/** Exact values at one sequence length: memory by component, fit per device, FLOPs and time per step. */
export function Readout({ data, scaling, seq, onChooseSeq }: Props) {
  const memory = memoryBreakdown(data.model, scaling, seq, data.parameters);
  const total = totalBytes(memory);
  const flops = stepFlops(data.model, scaling, seq);
  const training = scaling.mode === 'train';
  const computeDevice = resolveDevice(scaling.computeDevice, scaling);
  const seconds = computeDevice ? stepSeconds(flops.hardware, computeDevice.peakFlops, scaling.tensorParallel, scaling.utilisation) : null;
  return (
    <section className="readout" aria-live="polite" data-testid="readout" data-seq={seq}>
      <h3>
        <SeqInput seq={seq} onChooseSeq={onChooseSeq} />
        <span className="visually-hidden" data-testid="readout-seq">
          {seq}
        </span>
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
          const onDevice = bytesOnDeviceAt(data.model, scaling, device, seq, data.parameters);
          const capacity = deviceCapacityBytes(device);
          return (
            <li key={device.id}>
              {device.name}: {onDevice <= capacity ? 'fits' : 'does not fit'} ({formatBytes(onDevice)} of {formatBytes(capacity, device.memoryUnit)},{' '}
              {formatPercent(onDevice / capacity)}
              {device.memoryMode === 'weight-streaming' ? ', on-wafer part only' : ''})
            </li>
          );
        })}
      </ul>
      <p className="readout-flops">
        {training
          ? `${formatFlops(flops.model)} model FLOPs per training step (${formatFlops(flops.hardware)} with recomputation)`
          : `${formatFlops(flops.model)} per forward pass over the prompt`}
        ; attention {(100 * flops.attentionShare).toFixed(1)}%.
        {seconds !== null && computeDevice && (
          <>
            {' '}
            {formatSeconds(seconds)} per {training ? 'step' : 'prompt'} on {scaling.tensorParallel > 1 ? `${scaling.tensorParallel} × ` : ''}
            {computeDevice.name} at {Math.round(scaling.utilisation * 100)}% of peak, {formatTokens((seq * scaling.batch) / seconds)} tokens/s.
          </>
        )}
      </p>
    </section>
  );
}
