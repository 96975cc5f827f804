import { lazy, Suspense } from 'react';
import { findScenarioPreset } from '../../core/scenario/presets.ts';
import { presetScenario, scenarioQuery } from '../../core/scenario/url.ts';
import { useAppState } from '../../state/store.ts';

// Loaded on demand: it brings d3's scales, which the first page does not need.
const KeyFigures = lazy(() => import('./KeyFigures.tsx'));

/**
 * Shows the user's title and description, then the active preset's explanation,
 * sources and, for scaling presets, its key figures. React renders every
 * string as text, so a title from a link cannot add markup.
 */
export function PresetInfo() {
  const scenario = useAppState((state) => state.scenario);
  const preset = scenario.preset === '' ? undefined : findScenarioPreset(scenario.preset);
  const ownTitle = scenario.title !== '' && scenario.title !== preset?.title;
  // Looking at the preset's settings in another view does not change them.
  const modified = preset !== undefined && scenarioQuery({ ...scenario, view: preset.view }) !== scenarioQuery(presetScenario(preset.id)!);
  return (
    <>
      {(ownTitle || scenario.description !== '') && (
        <div className="scenario-heading" data-testid="scenario-heading">
          {ownTitle && <h2>{scenario.title}</h2>}
          {scenario.description !== '' && <p>{scenario.description}</p>}
        </div>
      )}
      {preset && (
        // Closed at first, so the chart stays at the top of the page; the caption says what it shows.
        <details className="panel" data-testid="preset-info">
          <summary>
            <strong>{preset.title}</strong>
            {modified && <span className="header-status"> (changed from the preset)</span>}
            <span className="preset-caption"> {preset.caption} Open for the explanation, sources and key figures.</span>
          </summary>
          <p>{preset.summary}</p>
          {preset.pending && <p className="header-status">{preset.pending}</p>}
          <div className="preset-sources">
            Sources:
            <ul>{preset.sources.map((source) => <li key={source}>{source}</li>)}</ul>
          </div>
          {scenario.view === 'scaling' && (
            <Suspense fallback={<p className="loading">Computing the key figures…</p>}>
              <KeyFigures scenario={scenario} />
            </Suspense>
          )}
        </details>
      )}
    </>
  );
}
