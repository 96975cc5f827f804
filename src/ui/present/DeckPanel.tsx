import { useMemo, useState } from 'react';
import { encodeDeck } from '../../core/scenario/deck.ts';
import { SCENARIO_PRESETS } from '../../core/scenario/presets.ts';
import { decodeScenario, presetScenario, scenarioQuery } from '../../core/scenario/url.ts';
import { deckStore, useDeckState } from '../../state/deck.ts';
import { appStore } from '../../state/store.ts';
import { copyText } from './clipboard.ts';
import { slideText } from './slideInfo.ts';

/** Lists the deck's slides, with controls to add the current scenario or the presets, reorder, remove, share and present. */
export function DeckPanel({ onClose }: { onClose: () => void }) {
  const deck = useDeckState((state) => state.deck);
  const previous = useDeckState((state) => state.previous);
  const [status, setStatus] = useState('');
  const titles = useMemo(() => deck.slides.map((slide) => slideText(decodeScenario(slide).scenario).title), [deck.slides]);
  const actions = deckStore.getState();

  const addCurrent = () => actions.addSlide(scenarioQuery(appStore.getState().scenario).slice(1));
  const addPresets = () => {
    for (const preset of SCENARIO_PRESETS) actions.addSlide(scenarioQuery(presetScenario(preset.id)!).slice(1));
  };
  const copyDeckLink = async () => {
    const url = `${window.location.origin}${window.location.pathname}${encodeDeck(deckStore.getState().deck)}`;
    setStatus((await copyText(url)) ? 'Deck link copied' : `Copy failed; the link is ${url}`);
  };

  return (
    <section className="panel" aria-label="Deck" data-testid="deck-panel">
      <h2>Deck</h2>
      <label>
        Deck title
        <input type="text" value={deck.title} maxLength={200} onChange={(event) => actions.setTitle(event.currentTarget.value)} />
      </label>
      {deck.slides.length === 0 ? <p className="empty-state">No slides yet. Add the scenario on screen or the presets.</p> : (
        <ol className="deck-list" data-testid="deck-list">
          {titles.map((title, i) => (
            <li key={`${i}-${deck.slides[i]}`}>
              <span>{title}</span>
              <button type="button" aria-label={`Move slide ${i + 1} up`} disabled={i === 0} onClick={() => actions.moveSlide(i, -1)}>↑</button>
              <button type="button" aria-label={`Move slide ${i + 1} down`} disabled={i === deck.slides.length - 1} onClick={() => actions.moveSlide(i, 1)}>↓</button>
              <button type="button" aria-label={`Remove slide ${i + 1}`} onClick={() => actions.removeSlide(i)}>Remove</button>
              <button type="button" aria-label={`Present from slide ${i + 1}`} onClick={() => actions.present(i)}>Present from here</button>
            </li>
          ))}
        </ol>
      )}
      <p>
        <button type="button" data-testid="add-slide" onClick={addCurrent}>Add this scenario</button>{' '}
        <button type="button" data-testid="add-presets" onClick={addPresets}>Add all presets</button>{' '}
        <button type="button" data-testid="present" disabled={deck.slides.length === 0} onClick={() => actions.present(0)}>Present</button>{' '}
        <button type="button" data-testid="copy-deck-link" disabled={deck.slides.length === 0} onClick={() => void copyDeckLink()}>Copy deck link</button>{' '}
        {previous && <><button type="button" onClick={() => actions.restorePrevious()}>Restore my previous deck</button>{' '}</>}
        <button type="button" disabled={deck.slides.length === 0} onClick={() => actions.clear()}>Clear</button>{' '}
        <button type="button" onClick={onClose}>Close</button>
      </p>
      <p className="header-status" role="status" aria-live="polite">{status}</p>
    </section>
  );
}
