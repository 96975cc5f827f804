import { describe, expect, it } from 'vitest';
import { createDeckStore } from '../../../src/state/deck.ts';
import { createAppStore } from '../../../src/state/store.ts';
import { HISTORY_BURST_MS, holdUrlSync, startUrlSync } from '../../../src/state/urlSync.ts';

/** Creates a browser history over plain arrays, with a settable clock, for driving startUrlSync. */
function fakeBrowser(initialSearch = '') {
  const entries = [`/${initialSearch}`];
  let index = 0;
  const listeners = new Set<() => void>();
  let time = 0;
  const location = {
    get search() { const url = entries[index]!; const at = url.indexOf('?'); return at < 0 ? '' : url.slice(at); },
    pathname: '/',
    hash: '',
  };
  const history = {
    pushState(_data: unknown, _unused: string, url?: string) { entries.splice(index + 1); entries.push(url!); index += 1; },
    replaceState(_data: unknown, _unused: string, url?: string) { entries[index] = url!; },
  };
  const events = {
    addEventListener: (_type: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => listeners.delete(listener),
  } as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>;
  return {
    location, history, events,
    now: () => time,
    advance(ms: number) { time += ms; },
    go(step: number) { index += step; listeners.forEach((listener) => listener()); },
    get entries() { return entries; },
    get index() { return index; },
  };
}

function start(search = '') {
  const browser = fakeBrowser(search);
  const store = createAppStore();
  const deck = createDeckStore(undefined);
  const stop = startUrlSync(store, browser.location, browser.history, browser.events, browser.now, deck);
  return { browser, store, deck, stop };
}

describe('URL synchronisation', () => {
  it('opens on the URL scenario and normalises it', () => {
    const { browser, store } = start('?b=4&zz=1');
    expect(store.getState().scenario.scaling.batch).toBe(4);
    expect(store.getState().ignored.map((f) => f.key)).toEqual(['zz']);
    expect(browser.entries).toEqual(['/?v=1&b=4']);
  });

  it('burst of changes makes one history entry', () => {
    const { browser, store } = start();
    for (let batch = 2; batch <= 20; batch++) {
      store.getState().updateScaling({ batch });
      browser.advance(HISTORY_BURST_MS / 3);
    }
    expect(browser.entries).toEqual(['/?v=1', '/?v=1&b=20']);
  });

  it('changes further apart make separate entries', () => {
    const { browser, store } = start();
    store.getState().updateScaling({ batch: 2 });
    browser.advance(HISTORY_BURST_MS + 1);
    store.getState().updateScaling({ batch: 3 });
    expect(browser.entries).toEqual(['/?v=1', '/?v=1&b=2', '/?v=1&b=3']);
  });

  it('back and forward restore each state exactly', () => {
    const { browser, store } = start();
    const states = [store.getState().scenario];
    store.getState().setView('fabric');
    states.push(store.getState().scenario);
    browser.advance(HISTORY_BURST_MS + 1);
    store.getState().updateScaling({ recompute: 'full', seqMax: 131072 });
    states.push(store.getState().scenario);

    browser.go(-1);
    expect(store.getState().scenario).toEqual(states[1]);
    browser.go(-1);
    expect(store.getState().scenario).toEqual(states[0]);
    browser.go(2);
    expect(store.getState().scenario).toEqual(states[2]);
    expect(browser.entries).toHaveLength(3);
  });

  it('change right after Back starts a new entry', () => {
    const { browser, store } = start();
    store.getState().updateScaling({ batch: 2 });
    browser.go(-1);
    store.getState().updateScaling({ batch: 5 });
    expect(browser.entries).toEqual(['/?v=1', '/?v=1&b=5']);
    expect(browser.index).toBe(1);
  });

  it('holding stops URL writes until released', () => {
    const { browser, store } = start();
    const release = holdUrlSync();
    store.getState().updateScaling({ batch: 7 });
    expect(browser.entries).toEqual(['/?v=1']);
    release();
    expect(browser.entries).toEqual(['/?v=1&b=7']);
  });

  it('deck link opens the deck and its first slide', () => {
    const { browser, store, deck } = start('?deck=Talk&slide=preset%3Dattention-crossover&slide=b%3D0');
    expect(deck.getState().deck.title).toBe('Talk');
    expect(deck.getState().deck.slides).toEqual(['v=1&preset=attention-crossover', 'v=1']);
    expect(store.getState().scenario.preset).toBe('attention-crossover');
    expect(store.getState().ignored.map((f) => f.key)).toEqual(['slide 2: b']);
    expect(browser.entries).toEqual(['/?v=1&preset=attention-crossover']);
  });
});
