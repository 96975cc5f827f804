import { useId } from 'react';
import { ValidationError } from '../../core/errors.ts';
import { applyScenarioField, formatScenarioField } from '../../core/scenario/url.ts';
import { appStore, useAppState } from '../../state/store.ts';

/** Sets a scenario field from its URL text, as the URL parser would. Invalid text is ignored. */
function setField(fieldKey: string, raw: string): void {
  try {
    appStore.getState().setScenario((scenario) => applyScenarioField(scenario, fieldKey, raw));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
  }
}

interface SelectProps {
  fieldKey: string;
  label: string;
  options: readonly { value: string; label: string }[];
  title?: string;
}

/** A select bound to one scenario field by its URL key. */
export function ScenarioSelect({ fieldKey, label, options, title }: SelectProps) {
  const id = useId();
  const value = useAppState((state) => formatScenarioField(state.scenario, fieldKey));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} title={title} onChange={(event) => setField(fieldKey, event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface CheckboxProps {
  fieldKey: string;
  label: string;
  title?: string;
}

/** A checkbox bound to one boolean scenario field by its URL key. */
export function ScenarioCheckbox({ fieldKey, label, title }: CheckboxProps) {
  const id = useId();
  const checked = useAppState((state) => formatScenarioField(state.scenario, fieldKey) === '1');
  return (
    <div className="field field-inline" title={title}>
      <input id={id} type="checkbox" checked={checked} onChange={(event) => setField(fieldKey, event.target.checked ? '1' : '0')} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
