import { decodeScenario, scenarioQuery } from '../core/scenario/url.ts';
import type { AppStore } from './store.ts';

/** Changes closer together than this form one history entry (a slider drag, a zoom). */
export const HISTORY_BURST_MS = 600;

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
 * Returns a function that stops the synchronisation.
 */
export function startUrlSync(
  store: AppStore,
  location: LocationLike = window.location,
  history: HistoryLike = window.history,
  events: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
  now: () => number = () => performance.now(),
): () => void {
  const loadFromUrl = () => {
    const { scenario, ignored } = decodeScenario(location.search);
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
    if (applying || state.scenario === previous.scenario) return;
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
    lastChange = Number.NEGATIVE_INFINITY;
    loadFromUrl();
  };
  events.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    events.removeEventListener('popstate', onPopState);
  };
}
