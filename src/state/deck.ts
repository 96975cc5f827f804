import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { decodeDeck, EMPTY_DECK, encodeDeck, MAX_DECK_SLIDES, normaliseSlide, type Deck } from '../core/scenario/deck.ts';

/** localStorage key of the deck, so that a deck built the evening before is there in the morning. */
export const DECK_STORAGE_KEY = 'seqscope.deck';
/** localStorage key of the deck a shared deck link replaced. */
export const PREVIOUS_DECK_STORAGE_KEY = 'seqscope.previousDeck';

export interface DeckState {
  deck: Deck;
  /** The user's own deck, kept when a deck link replaced it. */
  previous: Deck | undefined;
  /** True after a deck link replaced the user's own deck, until the notice is dismissed or the deck restored. */
  replacedByShared: boolean;
  /** Slide shown while presenting, or null when not presenting. */
  presenting: number | null;
  addSlide(query: string): void;
  removeSlide(index: number): void;
  moveSlide(index: number, offset: number): void;
  setTitle(title: string): void;
  /** Replaces the deck with one from a link, keeping the user's own deck as `previous`. */
  openShared(deck: Deck): void;
  restorePrevious(): void;
  dismissSharedNotice(): void;
  clear(): void;
  present(index: number): void;
  stopPresenting(): void;
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function readDeck(storage: StorageLike | undefined, key: string): Deck | undefined {
  try {
    const text = storage?.getItem(key);
    return text ? decodeDeck(text).deck : undefined;
  } catch {
    return undefined;
  }
}

function writeDeck(storage: StorageLike | undefined, key: string, deck: Deck | undefined): void {
  try {
    if (!storage) return;
    if (deck) storage.setItem(key, encodeDeck(deck));
    else storage.removeItem(key);
  } catch {
    // Storage can be full or disabled (private windows); the deck then lives for this page only.
  }
}

function defaultStorage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Creates the deck store, loading and saving the deck in the given storage. */
export function createDeckStore(storage: StorageLike | undefined = defaultStorage()) {
  const store = createStore<DeckState>()((set, get) => ({
    deck: readDeck(storage, DECK_STORAGE_KEY) ?? EMPTY_DECK,
    previous: readDeck(storage, PREVIOUS_DECK_STORAGE_KEY),
    replacedByShared: false,
    presenting: null,
    addSlide: (query) => set(({ deck }) => (deck.slides.length >= MAX_DECK_SLIDES ? {} : { deck: { ...deck, slides: [...deck.slides, normaliseSlide(query).slide] } })),
    removeSlide: (index) => set(({ deck }) => ({ deck: { ...deck, slides: deck.slides.filter((_, i) => i !== index) } })),
    moveSlide: (index, offset) => set(({ deck }) => {
      const target = index + offset;
      if (index < 0 || index >= deck.slides.length || target < 0 || target >= deck.slides.length) return {};
      const slides = [...deck.slides];
      const [moved] = slides.splice(index, 1);
      slides.splice(target, 0, moved!);
      return { deck: { ...deck, slides } };
    }),
    setTitle: (title) => set(({ deck }) => ({ deck: { ...deck, title } })),
    openShared: (shared) => {
      const { deck } = get();
      const replaced = encodeDeck(deck) !== encodeDeck(shared) && deck.slides.length > 0;
      set({ deck: shared, previous: replaced ? deck : get().previous, replacedByShared: replaced });
    },
    restorePrevious: () => {
      const { previous } = get();
      if (previous) set({ deck: previous, previous: undefined, replacedByShared: false });
    },
    dismissSharedNotice: () => set({ replacedByShared: false }),
    clear: () => set({ deck: EMPTY_DECK }),
    present: (index) => set(({ deck }) => ({ presenting: deck.slides.length === 0 ? null : Math.max(0, Math.min(index, deck.slides.length - 1)) })),
    stopPresenting: () => set({ presenting: null }),
  }));
  store.subscribe((state, before) => {
    if (state.deck !== before.deck) writeDeck(storage, DECK_STORAGE_KEY, state.deck);
    if (state.previous !== before.previous) writeDeck(storage, PREVIOUS_DECK_STORAGE_KEY, state.previous);
  });
  return store;
}

export type DeckStore = ReturnType<typeof createDeckStore>;

export const deckStore = createDeckStore();

export function useDeckState<T>(selector: (state: DeckState) => T): T {
  return useStore(deckStore, selector);
}
