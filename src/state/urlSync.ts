import { decodeDeck, isDeckQuery } from '../core/scenario/deck.ts';
import { decodeScenario, scenarioQuery, type DecodeResult } from '../core/scenario/url.ts';
import { deckStore, type DeckStore } from './deck.ts';
import type { AppStore } from './store.ts';

/** Changes closer together than this form one history entry (a slider drag, a zoom). */
export const HISTORY_BURST_MS = 600;

let holds = 0;
const releaseListeners = new Set<() => void>();

/**
 * Stops writing the URL and reading Back and Forward until the returned
 * function is called (presentation mode shows slides without changing the
 * URL). On release, the URL is replaced with the scenario then shown.
 */
export function holdUrlSync(): () => void {
  holds += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds -= 1;
    if (holds === 0) releaseListeners.forEach((listener) => listener());
  };
}

interface HistoryLike {
  pushState(data: unknown, unused: string, url?: string): void;
  replaceState(data: unknown, unused: string, url?: string): void;
}

interface LocationLike {
  search: string;
  pathname: string;
  hash: string;
}

/**
 * Keeps the scenario and the URL in step. The page opens on the URL's scenario.
 * The first change of a burst pushes a history entry, and later changes within
 * HISTORY_BURST_MS of the previous one replace it, so Back skips a whole drag.
 * Back and Forward load the entry's scenario without writing a new one.
 * A deck link (deck= and slide= parameters) opens the deck and shows its
 * first slide; the URL then shows that slide's scenario.
 * Returns a function that stops the synchronisation.
 */
export function startUrlSync(
  store: AppStore,
  location: LocationLike = window.location,
  history: HistoryLike = window.history,
  events: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = () => performance.now(),
  deck: DeckStore = deckStore,
): () => void {
  const readUrl = (): DecodeResult => {
    if (!isDeckQuery(location.search)) return decodeScenario(location.search);
    const shared = decodeDeck(location.search);
    deck.getState().openShared(shared.deck);
    const first = shared.deck.slides[0];
    return { scenario: first === undefined ? decodeScenario('').scenario : decodeScenario(first).scenario, ignored: shared.ignored };
  };
  const loadFromUrl = () => {
    const { scenario, ignored } = readUrl();
    applying = true;
    store.getState().setScenario(scenario);
    store.getState().setIgnored(ignored);
    applying = false;
    written = scenarioQuery(scenario);
  };

  let applying = false;
  let written = '';
  let lastChange = Number.NEGATIVE_INFINITY;
  loadFromUrl();
  history.replaceState(null, '', `${location.pathname}${written}${location.hash}`);

  const unsubscribe = store.subscribe((state, previous) => {
    if (applying || holds > 0 || state.scenario === previous.scenario) return;
    const query = scenarioQuery(state.scenario);
    if (query === written) return;
    const url = `${location.pathname}${query}${location.hash}`;
    const time = now();
    if (time - lastChange < HISTORY_BURST_MS) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    lastChange = time;
    written = query;
  });

  const onPopState = () => {
    if (holds > 0) return;
    lastChange = Number.NEGATIVE_INFINITY;
    loadFromUrl();
  };
  const onRelease = () => {
    written = scenarioQuery(store.getState().scenario);
    lastChange = Number.NEGATIVE_INFINITY;
    history.replaceState(null, '', `${location.pathname}${written}${location.hash}`);
  };
  events.addEventListener('popstate', onPopState);
  releaseListeners.add(onRelease);
  return () => {
    unsubscribe();
    events.removeEventListener('popstate', onPopState);
    releaseListeners.delete(onRelease);
  };
}
