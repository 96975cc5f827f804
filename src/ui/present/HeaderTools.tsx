import { useState } from 'react';
import { SCENARIO_PRESETS } from '../../core/scenario/presets.ts';
import { presetScenario, scenarioQuery } from '../../core/scenario/url.ts';
import { deckStore, useDeckState } from '../../state/deck.ts';
import { appStore, useAppState } from '../../state/store.ts';
import { ScenarioFileMenu } from '../export/ScenarioFileMenu.tsx';
import { ThemeSwitch } from '../theme/ThemeSwitch.tsx';
import { copyText } from './clipboard.ts';
import { DeckPanel } from './DeckPanel.tsx';
import { ScenarioDetails } from './ScenarioDetails.tsx';
import './present.css';

type Panel = 'none' | 'details' | 'deck';

/** Renders the header's scenario tools: presets, title and description, copy link, files, deck, theme. */
export function HeaderTools() {
  const preset = useAppState((state) => state.scenario.preset);
  const slideCount = useDeckState((state) => state.deck.slides.length);
  const [panel, setPanel] = useState<Panel>('none');
  const [status, setStatus] = useState('');
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));

  const copyLink = async () => {
    const url = `${window.location.origin}${window.location.pathname}${scenarioQuery(appStore.getState().scenario)}`;
    setStatus((await copyText(url)) ? 'Link copied' : `Copy failed; the link is ${url}`);
  };

  return (
    <>
      <div className="header-tools" role="toolbar" aria-label="Scenario">
        <select
          aria-label="Presets"
          data-testid="presets-menu"
          value={preset}
          onChange={(event) => {
            const scenario = presetScenario(event.currentTarget.value);
            if (scenario) appStore.getState().setScenario(scenario);
          }}
        >
          <option value="">Presets…</option>
          {SCENARIO_PRESETS.map((item) => <option key={item.id} value={item.id}>{item.title}</option>)}
        </select>
        <button type="button" aria-expanded={panel === 'details'} onClick={() => toggle('details')}>Title</button>
        <button type="button" data-testid="copy-link" onClick={() => void copyLink()}>Copy link</button>
        <ScenarioFileMenu />
        <button type="button" aria-expanded={panel === 'deck'} data-testid="deck-button" onClick={() => toggle('deck')}>
          Deck ({slideCount})
        </button>
        <button type="button" data-testid="header-present" disabled={slideCount === 0}
          title={slideCount === 0 ? 'Add slides to the deck first' : 'Present the deck full screen; Escape leaves'}
          onClick={() => deckStore.getState().present(0)}>
          Present
        </button>
        <ThemeSwitch />
        <span className="header-status" role="status" aria-live="polite">{status}</span>
      </div>
      <SharedDeckNotice />
      {panel === 'details' && <ScenarioDetails onClose={() => setPanel('none')} />}
      {panel === 'deck' && <DeckPanel onClose={() => setPanel('none')} />}
    </>
  );
}

/** Tells the user that a deck link replaced their own deck, and how to get it back. */
function SharedDeckNotice() {
  const replaced = useDeckState((state) => state.replacedByShared);
  const title = useDeckState((state) => state.deck.title);
  const count = useDeckState((state) => state.deck.slides.length);
  if (!replaced) return null;
  const actions = deckStore.getState();
  return (
    <div className="notice shared-deck-notice" role="status" data-testid="shared-deck-notice">
      The shared deck {title === '' ? '' : <>&ldquo;{title}&rdquo; </>}({count} slide{count === 1 ? '' : 's'}) is open in place of your own deck, which is kept.
      {' '}&ldquo;Restore my previous deck&rdquo; brings yours back.{' '}
      <button type="button" onClick={() => actions.restorePrevious()}>Restore my previous deck</button>{' '}
      <button type="button" onClick={() => actions.dismissSharedNotice()}>Dismiss</button>
    </div>
  );
}
