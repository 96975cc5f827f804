/**
 * GPT-2's byte-pair encoding (the r50k_base vocabulary of 50,257 tokens),
 * from the gpt-tokenizer package. Importing the "encoding/gpt2" entry point
 * bundles the merge ranks with the app, so nothing is fetched at run time.
 */
import { decode, encode } from 'gpt-tokenizer/encoding/gpt2';

/** Encodes text to GPT-2 token ids; "<|endoftext|>" in the text is encoded as plain characters. */
export function encodeGpt2(text: string): number[] {
  return encode(text, { disallowedSpecial: new Set() });
}

export function decodeGpt2(tokens: Iterable<number>): string {
  return decode(tokens);
}
