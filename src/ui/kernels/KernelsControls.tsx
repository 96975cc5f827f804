import { INPUT_KINDS } from '../../core/kernels/inputs.ts';
import { HEAD_DIM_CHOICES, SEQ_LEN_CHOICES, type KernelsScenario } from '../../core/kernels/scenario.ts';
import { KERNEL_IDS } from '../../core/kernels/types.ts';
import { formatTokens } from '../../core/units.ts';
import { useAppState } from '../../state/store.ts';
import { ScenarioField } from '../common/ScenarioField.tsx';
import { KERNEL_LABELS } from './kernelLabels.ts';

/** Sweep parameters: kernels, N values, shape, input and the approximations' parameters. */
export function KernelsControls({ disabled }: { disabled: boolean }) {
  const sweep = useAppState((state) => state.scenario.kernels);
  const setScenario = useAppState((state) => state.setScenario);
  const update = (patch: Partial<KernelsScenario>) => setScenario((scenario) => ({ ...scenario, kernels: { ...scenario.kernels, ...patch } }));
  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((x) => x !== item));
  const extraLengths = sweep.seqLens.filter((n) => !SEQ_LEN_CHOICES.includes(n));

  return (
    <fieldset className="kernels-controls" disabled={disabled}>
      <fieldset className="control-group">
        <legend>Kernels</legend>
        {KERNEL_IDS.map((id) => (
          <label key={id} className="check-row">
            <input
              type="checkbox"
              checked={sweep.kernels.includes(id)}
              data-kernel={id}
              onChange={(event) => update({ kernels: orderKernels(toggle(sweep.kernels, id, event.target.checked)) })}
            />
            {KERNEL_LABELS[id] ?? id}
          </label>
        ))}
        {sweep.kernels.filter((id) => !(KERNEL_IDS as readonly string[]).includes(id)).map((id) => (
          <p key={id} className="field-hint">
            Also running <code>{id}</code>, a kernel for tests that always fails.
          </p>
        ))}
      </fieldset>

      <fieldset className="control-group">
        <legend>Sequence lengths N</legend>
        <div className="check-grid">
          {SEQ_LEN_CHOICES.map((n) => (
            <label key={n} className="check-row">
              <input
                type="checkbox"
                checked={sweep.seqLens.includes(n)}
                data-seq={n}
                onChange={(event) => {
                  const next = toggle(sweep.seqLens, n, event.target.checked).sort((a, b) => a - b);
                  if (next.length > 0) update({ seqLens: next });
                }}
              />
              {formatTokens(n)}
            </label>
          ))}
        </div>
        {extraLengths.length > 0 && <p className="field-hint">Also from the URL: {extraLengths.map(formatTokens).join(', ')}.</p>}
        <ScenarioField fieldKey="ker.n" label="N list" hint="comma-separated" inputMode="text" width="12rem" />
      </fieldset>

      <fieldset className="control-group">
        <legend>Shape and input</legend>
        <div className="field">
          <label htmlFor="kernels-d">Head dimension d</label>
          <select id="kernels-d" value={sweep.headDim} onChange={(event) => update({ headDim: Number(event.target.value) })}>
            {[...new Set([...HEAD_DIM_CHOICES, sweep.headDim])].sort((a, b) => a - b).map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <ScenarioField fieldKey="ker.h" label="Heads" hint="1 to 64" />
        <label className="check-row">
          <input type="checkbox" checked={sweep.causal} onChange={(event) => update({ causal: event.target.checked })} />
          Causal mask
        </label>
        <div className="field">
          <label htmlFor="kernels-input">Input</label>
          <select id="kernels-input" value={sweep.input} onChange={(event) => update({ input: event.target.value as KernelsScenario['input'] })}>
            {INPUT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind === 'gaussian' ? 'Gaussian Q, K, V' : 'Retrieval (each query needs a key N/2 away)'}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <fieldset className="control-group">
        <legend>Approximations</legend>
        <ScenarioField fieldKey="ker.w" label="Window reach w" hint="tokens each side" />
        <ScenarioField fieldKey="ker.g" label="Global tokens g" />
        <ScenarioField fieldKey="ker.b" label="Block B" hint="tokens" />
        <ScenarioField fieldKey="ker.r" label="Low rank k" />
        <ScenarioField fieldKey="ker.m" label="Random features m" />
      </fieldset>

      <fieldset className="control-group">
        <legend>Measurement</legend>
        <ScenarioField fieldKey="ker.rep" label="Timed runs" hint="median reported" />
        <ScenarioField fieldKey="ker.mem" label="Memory budget" hint="MiB per run" />
      </fieldset>
    </fieldset>
  );
}

/** Keeps the kernels in their canonical order, so colours and table rows stay put. */
function orderKernels(ids: string[]): string[] {
  const rank = (id: string) => {
    const index = (KERNEL_IDS as readonly string[]).indexOf(id);
    return index === -1 ? KERNEL_IDS.length : index;
  };
  return [...ids].sort((a, b) => rank(a) - rank(b));
}
