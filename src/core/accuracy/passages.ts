import { ValidationError } from '../errors.ts';

/**
 * Splits a token stream into consecutive, non-overlapping passages of
 * contextTokens + 1 tokens: the model reads the first contextTokens and each
 * is scored against the token after it, so a full passage gives predictions
 * at positions 1 … contextTokens. A shorter tail is kept when it has at least
 * two tokens (one prediction). At most maxPassages are returned.
 */
export function splitIntoPassages(tokens: ArrayLike<number>, contextTokens: number, maxPassages = Infinity): number[][] {
  if (!Number.isInteger(contextTokens) || contextTokens < 1) {
    throw new ValidationError('contextTokens', contextTokens, 'an integer of at least 1');
  }
  const length = contextTokens + 1;
  const passages: number[][] = [];
  for (let start = 0; start + 2 <= tokens.length && passages.length < maxPassages; start += length) {
    passages.push(Array.from({ length: Math.min(length, tokens.length - start) }, (_, i) => tokens[start + i]!));
  }
  return passages;
}
