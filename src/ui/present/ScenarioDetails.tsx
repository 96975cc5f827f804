import { MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS } from '../../core/scenario/url.ts';
import { useAppState } from '../../state/store.ts';

/** Fields for the scenario's title and description; React renders them as text only. */
export function ScenarioDetails({ onClose }: { onClose: () => void }) {
  const title = useAppState((state) => state.scenario.title);
  const description = useAppState((state) => state.scenario.description);
  const setScenario = useAppState((state) => state.setScenario);
  return (
    <section className="panel" aria-label="Title and description">
      <label>
        Title
        <input type="text" data-testid="scenario-title" value={title} maxLength={MAX_TITLE_CHARS}
          onChange={(event) => { const value = event.currentTarget.value; setScenario((s) => ({ ...s, title: value })); }} />
      </label>
      <label>
        Description (the slide caption)
        <textarea rows={3} data-testid="scenario-description" value={description} maxLength={MAX_DESCRIPTION_CHARS}
          onChange={(event) => { const value = event.currentTarget.value; setScenario((s) => ({ ...s, description: value })); }} />
      </label>
      <button type="button" onClick={onClose}>Close</button>
    </section>
  );
}
