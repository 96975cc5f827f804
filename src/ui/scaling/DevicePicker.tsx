import { useId, useState } from 'react';
import { DEVICE_PRESETS, findDevicePreset, type Device } from '../../core/devices/devices.ts';
import { resolveDevice } from '../../core/scenario/resolve.ts';
import type { DeviceOverride } from '../../core/scenario/types.ts';
import type { MemoryUnit } from '../../core/units.ts';
import { useAppState } from '../../state/store.ts';

/** Memory and peak inputs for one device; invalid text shows a message and changes nothing. */
function DeviceEditor({ device }: { device: Device }) {
  const id = useId();
  const updateScaling = useAppState((state) => state.updateScaling);
  const overrides = useAppState((state) => state.scenario.scaling.deviceOverrides);
  const [memoryText, setMemoryText] = useState(String(device.memory));
  const [peakText, setPeakText] = useState(String(device.peakFlops / 1e12));
  const [error, setError] = useState<string | null>(null);

  const save = (patch: Partial<DeviceOverride>) => {
    const preset = findDevicePreset(device.id)!;
    const next: DeviceOverride = { memory: device.memory, memoryUnit: device.memoryUnit, peakFlops: device.peakFlops, ...patch };
    const unchanged = next.memory === preset.memory && next.memoryUnit === preset.memoryUnit && next.peakFlops === preset.peakFlops;
    const rest = Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== device.id));
    updateScaling({ deviceOverrides: unchanged ? rest : { ...rest, [device.id]: next } });
  };
  const onNumber = (field: 'memory' | 'peak', text: string) => {
    (field === 'memory' ? setMemoryText : setPeakText)(text);
    const value = Number(text);
    const max = field === 'memory' ? 1e6 : 1e9;
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
      setError(`${device.name} ${field === 'memory' ? 'memory' : 'peak'}: "${text}" is invalid; expected a number above 0 and at most ${max.toLocaleString('en-US')}.`);
      return;
    }
    setError(null);
    save(field === 'memory' ? { memory: value } : { peakFlops: value * 1e12 });
  };

  return (
    <div className="device-editor">
      <label htmlFor={`${id}-memory`}>Memory</label>
      <input id={`${id}-memory`} aria-label={`${device.name} memory`} type="text" inputMode="decimal" value={memoryText} onChange={(e) => onNumber('memory', e.target.value)} style={{ width: '5rem' }} />
      <select aria-label={`${device.name} memory unit`} value={device.memoryUnit} onChange={(e) => save({ memoryUnit: e.target.value as MemoryUnit })}>
        <option value="GB">GB (10⁹ B)</option>
        <option value="GiB">GiB (2³⁰ B)</option>
      </select>
      <label htmlFor={`${id}-peak`}>Peak</label>
      <input id={`${id}-peak`} aria-label={`${device.name} dense peak in TFLOP/s`} type="text" inputMode="decimal" value={peakText} onChange={(e) => onNumber('peak', e.target.value)} style={{ width: '5rem' }} />
      <span className="field-hint">TFLOP/s dense</span>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Device checkboxes with editable figures and their sources. */
export function DevicePicker() {
  const scaling = useAppState((state) => state.scenario.scaling);
  const updateScaling = useAppState((state) => state.updateScaling);
  const toggle = (deviceId: string, on: boolean) => {
    const chosen = on ? [...scaling.devices, deviceId] : scaling.devices.filter((id) => id !== deviceId);
    updateScaling({ devices: DEVICE_PRESETS.map((d) => d.id).filter((id) => chosen.includes(id)) });
  };
  return (
    <fieldset className="control-group">
      <legend>Devices</legend>
      <ul className="device-list">
        {DEVICE_PRESETS.map((preset) => {
          const device = resolveDevice(preset.id, scaling)!;
          const on = scaling.devices.includes(preset.id);
          return (
            <li key={preset.id}>
              <label title={`${device.source}${device.note ? ` ${device.note}` : ''}`}>
                <input type="checkbox" checked={on} onChange={(e) => toggle(preset.id, e.target.checked)} data-device={preset.id} /> {device.name}
              </label>
              {on && (
                <>
                  <DeviceEditor device={device} />
                  <p className="source-note">
                    Source: {device.source}
                    {device.note ? ` ${device.note}` : ''}
                    {device.memoryMode === 'weight-streaming' ? ' Weight streaming: only activations count against on-wafer SRAM.' : ''}
                  </p>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
