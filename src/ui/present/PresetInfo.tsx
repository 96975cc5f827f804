import { findScenarioPreset } from '../../core/scenario/presets.ts';
import { presetScenario, scenarioQuery } from '../../core/scenario/url.ts';
import { useAppState } from '../../state/store.ts';
import { KeyFigures } from './KeyFigures.tsx';

/** The active preset's explanation, sources and, for scaling presets, its key figures. */
export function PresetInfo() {
  const scenario = useAppState((state) => state.scenario);
  const preset = scenario.preset === '' ? undefined : findScenarioPreset(scenario.preset);
  if (!preset) return null;
  const modified = scenarioQuery(scenario) !== scenarioQuery(presetScenario(preset.id)!);
  return (
    <details className="panel" open data-testid="preset-info">
      <summary>
        <strong>{preset.title}</strong>
        {modified && <span className="header-status"> (changed from the preset)</span>}
      </summary>
      <p>{preset.summary}</p>
      {preset.pending && <p className="header-status">{preset.pending}</p>}
      <div className="preset-sources">
        Sources:
        <ul>{preset.sources.map((source) => <li key={source}>{source}</li>)}</ul>
      </div>
      {scenario.view === 'scaling' && <KeyFigures scenario={scenario} />}
    </details>
  );
}
