import { decode, encode } from 'gpt-tokenizer/encoding/gpt2';
import { describe, expect, it } from 'vitest';

// Token ids of the GPT-2 byte-pair encoding (r50k_base), as OpenAI's tiktoken reports them.
describe('GPT-2 tokenizer', () => {
  it('encodes known strings', () => {
    expect(encode('Hello world')).toEqual([15496, 995]);
    expect(encode('The quick brown fox')).toEqual([464, 2068, 7586, 21831]);
    expect(encode(' the')).toEqual([262]);
  });

  it('encodes end of text when allowed', () => {
    expect(encode('<|endoftext|>', { allowedSpecial: new Set(['<|endoftext|>']) })).toEqual([50256]);
  });

  it.each([
    ['unicode', 'naïve café — 東京 🚀 Ω≈ç'],
    ['whitespace runs', 'a  b   c\t\t d\n\n\n  e \r\n'],
    ['long word', 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(12)],
    ['mixed', '  Leading spaces, "quotes", and 12345678901234567890 digits.  '],
  ])('round-trips %s', (_name, text) => {
    const tokens = encode(text);
    expect(tokens.every((id) => Number.isInteger(id) && id >= 0 && id < 50257)).toBe(true);
    expect(decode(tokens)).toBe(text);
  });

  it('splits a long word into several tokens', () => {
    expect(encode('Pneumonoultramicroscopicsilicovolcanoconiosis').length).toBeGreaterThan(5);
  });
});
