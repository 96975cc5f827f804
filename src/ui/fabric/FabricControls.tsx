import { useState } from 'react';
import { ValidationError } from '../../core/errors.ts';
import { resolveFabricParameters } from '../../core/fabric/geometry.ts';
import { FABRIC_IDS, FABRIC_PRESETS, type FabricId, type FabricParameters } from '../../core/fabric/presets.ts';
import { FABRIC_URL_FIELDS, fabricParameterKey, GPU_PARALLELISMS, type GpuParallelism } from '../../core/fabric/scenario.ts';
import { DEVICE_PRESETS } from '../../core/devices/devices.ts';
import type { AnyUrlField } from '../../core/scenario/fields.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { useAppState } from '../../state/store.ts';

const fieldsByKey = new Map<string, AnyUrlField<Scenario>>(FABRIC_URL_FIELDS.map((field) => [field.key, field]));

/** Renders a text input bound to one scenario URL field, which applies only values the field accepts. */
function FieldInput({ fieldKey, label, unit, shown }: { fieldKey: string; label: string; unit?: string; shown: string }) {
  const setScenario = useAppState((state) => state.setScenario);
  const field = fieldsByKey.get(fieldKey)!;
  const [draft, setDraft] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const id = `fabric-${fieldKey.replace('.', '-')}`;

  const onChange = (raw: string) => {
    setDraft(raw);
    try {
      const value = field.parse(raw);
      setError(undefined);
      setScenario((scenario) => field.set(scenario, value));
    } catch (caught) {
      if (!(caught instanceof ValidationError)) throw caught;
      // The label the user sees first, then the link's key for those who edit links.
      setError(caught.message.startsWith(fieldKey) ? `${label} (${fieldKey})${caught.message.slice(fieldKey.length)}` : caught.message);
    }
  };

  return (
    <div className="fabric-field">
      <label htmlFor={id}>
        {label}
        {unit && <span className="muted"> ({unit})</span>}
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={draft ?? shown}
        aria-invalid={error !== undefined}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => {
          if (!error) setDraft(undefined);
        }}
      />
      {error && <p className="field-error" role="alert">{error}</p>}
    </div>
  );
}

const PARAMETER_ROWS: [keyof FabricParameters, string, string?][] = [
  ['columns', 'Columns W'],
  ['rows', 'Rows H'],
  ['reservedWest', 'Reserved west', 'columns'],
  ['reservedEast', 'Reserved east', 'columns'],
  ['reservedNorth', 'Reserved north', 'rows'],
  ['reservedSouth', 'Reserved south', 'rows'],
  ['sramBytes', 'SRAM per PE', 'bytes'],
  ['reserveBytes', 'Reserve per PE', 'bytes'],
  ['weightTileBytes', 'Weight tile', 'bytes, ×2'],
  ['clockHz', 'Clock', 'GHz'],
  ['flopsPerCycle', 'FLOPs per PE per cycle'],
  ['linkBytesPerCycle', 'Link', 'bytes per cycle'],
  ['cyclesPerHop', 'Cycles per hop'],
  ['weightBandwidth', 'Off-wafer weight bandwidth', 'GB/s'],
];

const SHOWN_SCALE: Partial<Record<keyof FabricParameters, number>> = { clockHz: 1e9, weightBandwidth: 1e9 };

/** Renders the fabric, placement and GPU cluster settings, each validated as the URL validates it. */
export function FabricControls() {
  const fabric = useAppState((state) => state.scenario.fabric);
  const setScenario = useAppState((state) => state.setScenario);
  const parameters = resolveFabricParameters(fabric);
  const edited = Object.keys(fabric.edits).length > 0;
  const preset = FABRIC_PRESETS.find((candidate) => candidate.id === fabric.fabricId);
  const setFabric = (patch: Partial<Scenario['fabric']>) => setScenario((scenario) => ({ ...scenario, fabric: { ...scenario.fabric, ...patch } }));

  return (
    <form className="fabric-controls" onSubmit={(event) => event.preventDefault()} aria-label="Fabric settings">
      <fieldset>
        <legend>Fabric</legend>
        <div className="fabric-field">
          <label htmlFor="fabric-preset">Fabric preset</label>
          <select id="fabric-preset" value={fabric.fabricId} onChange={(event) => setFabric({ fabricId: event.target.value as FabricId, edits: {} })}>
            {FABRIC_IDS.map((id) => (
              <option key={id} value={id}>
                {FABRIC_PRESETS.find((candidate) => candidate.id === id)?.name ?? 'Custom (starts from WSE-2)'}
              </option>
            ))}
          </select>
        </div>
        {preset && <p className="muted fabric-source">{preset.source}</p>}
        <div className="fabric-grid">
          {PARAMETER_ROWS.map(([name, label, unit]) => (
            <FieldInput key={`${fabric.fabricId}-${name}`} fieldKey={fabricParameterKey(name)} label={label} unit={unit} shown={String(parameters[name] / (SHOWN_SCALE[name] ?? 1))} />
          ))}
        </div>
        <button type="button" disabled={!edited} onClick={() => setFabric({ edits: {} })}>
          Reset to preset
        </button>
      </fieldset>
      <fieldset>
        <legend>Placement</legend>
        <div className="fabric-grid">
          <FieldInput fieldKey="fab.s" label="Sequence length s" unit="tokens" shown={String(fabric.seq)} />
          <FieldInput fieldKey="fab.tk" label="Keys per attention tile" shown={String(fabric.tileKeys)} />
          <FieldInput
            fieldKey="fab.src"
            label="Broadcast source"
            unit={`west, or usable PE x,y up to ${parameters.columns - parameters.reservedWest - parameters.reservedEast - 1},${parameters.rows - parameters.reservedNorth - parameters.reservedSouth - 1}`}
            shown={fabric.source.kind === 'west' ? 'west' : `${fabric.source.x},${fabric.source.y}`} />
        </div>
        <label className="fabric-check">
          <input type="checkbox" checked={fabric.workingSet} onChange={(event) => setFabric({ workingSet: event.target.checked })} /> Count the tiled-attention working set
        </label>
        <p className="muted">The batch, recomputation and attention variant come from the Scaling view's settings.</p>
      </fieldset>
      <fieldset>
        <legend>GPU cluster</legend>
        <div className="fabric-grid">
          <FieldInput fieldKey="fab.gpus" label="GPUs" shown={String(fabric.gpu.gpus)} />
          <FieldInput fieldKey="fab.alpha" label="Latency per message" unit="µs" shown={String(fabric.gpu.latencySeconds * 1e6)} />
          <FieldInput fieldKey="fab.gbw" label="Link per GPU" unit="GB/s" shown={String(fabric.gpu.linkBandwidth / 1e9)} />
          <div className="fabric-field">
            <label htmlFor="fabric-parallelism">Parallelism</label>
            <select id="fabric-parallelism" value={fabric.gpu.parallelism} onChange={(event) => setFabric({ gpu: { ...fabric.gpu, parallelism: event.target.value as GpuParallelism } })}>
              {GPU_PARALLELISMS.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div className="fabric-field">
            <label htmlFor="fabric-gpu-device">GPU</label>
            <select id="fabric-gpu-device" value={fabric.gpu.deviceId} onChange={(event) => setFabric({ gpu: { ...fabric.gpu, deviceId: event.target.value } })}>
              {DEVICE_PRESETS.filter((device) => device.kind !== 'wafer').map((device) => (
                <option key={device.id} value={device.id}>
                  {device.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
    </form>
  );
}
