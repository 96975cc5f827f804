import { useRef } from 'react';
import { formatScenarioFile, parseScenarioFile } from '../../core/scenario/file.ts';
import { appStore } from '../../state/store.ts';
import { downloadBlob, fileStem } from './exportChart.ts';

/** Saves the current scenario as a JSON file and loads one back, validated like a link. */
export function ScenarioFileMenu() {
  const input = useRef<HTMLInputElement>(null);

  const save = () => {
    const { scenario } = appStore.getState();
    downloadBlob(new Blob([formatScenarioFile(scenario)], { type: 'application/json' }), `${fileStem(scenario.title || 'scenario')}.json`);
  };

  const load = async (file: File) => {
    const result = parseScenarioFile(await file.text(), file.name);
    const state = appStore.getState();
    if (!result.ok) {
      // The scenario on screen stays as it was; only the notice reports the file.
      state.setIgnored(result.problems, 'rejected-file');
      return;
    }
    state.setScenario(result.scenario);
    state.setIgnored(result.ignored, 'file');
  };

  return (
    <>
      <button type="button" data-testid="save-scenario" onClick={save}>Save scenario</button>
      <button type="button" onClick={() => input.current?.click()}>Load scenario…</button>
      <input
        ref={input}
        type="file"
        accept="application/json,.json"
        className="visually-hidden"
        data-testid="load-scenario"
        aria-label="Load a scenario file"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void load(file);
        }}
      />
    </>
  );
}
