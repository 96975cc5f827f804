import { toSearchParams } from './fields.ts';
import { decodeScenario, scenarioQuery, type IgnoredField } from './url.ts';

/** An ordered list of slides; each slide is a scenario query string without "?". */
export interface Deck {
  title: string;
  slides: string[];
}

export const MAX_DECK_SLIDES = 100;
export const MAX_DECK_TITLE_CHARS = 200;

export const EMPTY_DECK: Deck = { title: '', slides: [] };

/** True when the query is a deck link (it has deck= or slide= parameters). */
export function isDeckQuery(query: string | URLSearchParams): boolean {
  const params = toSearchParams(query);
  return params.has('deck') || params.has('slide');
}

/** Normalises a slide query: decoded, validated and encoded again. */
export function normaliseSlide(query: string): { slide: string; ignored: IgnoredField[] } {
  const { scenario, ignored } = decodeScenario(query);
  return { slide: scenarioQuery(scenario).slice(1), ignored };
}

/** The deck as a link query: ?deck=TITLE&slide=QUERY&slide=QUERY… (each slide query percent-encoded). */
export function encodeDeck(deck: Deck): string {
  const params = new URLSearchParams();
  params.set('deck', deck.title);
  for (const slide of deck.slides) params.append('slide', slide);
  return `?${params.toString()}`;
}

/**
 * Reads a deck link. Never throws: each slide is decoded like a scenario URL,
 * and its ignored fields are reported as "slide N: key". Unknown parameters,
 * a title that is too long and slides beyond MAX_DECK_SLIDES are reported too.
 */
export function decodeDeck(query: string | URLSearchParams): { deck: Deck; ignored: IgnoredField[] } {
  const params = toSearchParams(query);
  const ignored: IgnoredField[] = [];
  let title = params.get('deck') ?? '';
  if (title.length > MAX_DECK_TITLE_CHARS) {
    ignored.push({ key: 'deck', value: title, reason: `expected a title of at most ${MAX_DECK_TITLE_CHARS} characters` });
    title = '';
  }
  const slides: string[] = [];
  for (const [key, raw] of params) {
    if (key === 'deck') continue;
    if (key !== 'slide') {
      ignored.push({ key, value: raw, reason: 'unknown parameter in a deck link' });
      continue;
    }
    if (slides.length >= MAX_DECK_SLIDES) {
      ignored.push({ key, value: raw, reason: `a deck has at most ${MAX_DECK_SLIDES} slides` });
      continue;
    }
    const { slide, ignored: slideIgnored } = normaliseSlide(raw);
    const number = slides.length + 1;
    slides.push(slide);
    for (const field of slideIgnored) ignored.push({ ...field, key: `slide ${number}: ${field.key}` });
  }
  return { deck: { title, slides }, ignored };
}
