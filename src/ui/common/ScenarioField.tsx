import { useId, useState } from 'react';
import { ValidationError } from '../../core/errors.ts';
import { applyUserEdit } from '../../core/scenario/rules.ts';
import { formatScenarioField } from '../../core/scenario/url.ts';
import type { Scenario } from '../../core/scenario/types.ts';
import { useAppState } from '../../state/store.ts';

interface Props {
  /** The scenario's URL key; the field is parsed and checked exactly as the URL is. */
  fieldKey: string;
  label: string;
  /** Unit or range shown after the input. */
  hint?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  width?: string;
}

/** Applies the text to the scenario, or returns the validation message. */
function tryApply(scenario: Scenario, fieldKey: string, text: string): { next: Scenario } | { error: string } {
  try {
    return { next: applyUserEdit(scenario, fieldKey, text.trim()) };
  } catch (caught) {
    if (!(caught instanceof ValidationError)) throw caught;
    return { error: caught.message.replace(/^[^:]+: /, '') };
  }
}

/**
 * A text input bound to one scenario field. While the user types, the text is
 * a draft: a valid draft updates the scenario at once, and an invalid one shows
 * the validation message and leaves the scenario (and the chart) at its last
 * valid state. Without a draft the input shows the scenario's value, so Back
 * and presets update it.
 */
export function ScenarioField({ fieldKey, label, hint, inputMode = 'numeric', width = '7rem' }: Props) {
  const id = useId();
  const scenario = useAppState((state) => state.scenario);
  const setScenario = useAppState((state) => state.setScenario);
  const [draft, setDraft] = useState<string | null>(null);

  const text = draft ?? formatScenarioField(scenario, fieldKey);
  const result = draft === null ? null : tryApply(scenario, fieldKey, draft);
  const error = result && 'error' in result ? `${label}: ${result.error}` : null;

  const onChange = (value: string) => {
    setDraft(value);
    const applied = tryApply(scenario, fieldKey, value);
    if ('next' in applied) setScenario(applied.next);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={text}
        style={{ width }}
        data-field={fieldKey}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => {
          if (!error) setDraft(null);
        }}
      />
      {hint && <span className="field-hint">{hint}</span>}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
