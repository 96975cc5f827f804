import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGpt2Config, type Gpt2Config } from '../../../src/core/gpt2/config.ts';
import { halfToFloat, readSafetensorsIndex } from '../../../src/core/gpt2/safetensors.ts';
import { loadGpt2Weights } from '../../../src/core/gpt2/weights.ts';

const fixture = new URL('../../fixtures/gpt2-tiny/', import.meta.url);
const modelBytes = new Uint8Array(readFileSync(new URL('model.safetensors', fixture)));
const configText = readFileSync(new URL('config.json', fixture), 'utf8');
const config = parseGpt2Config(configText);

/** Rewrites the JSON header of the fixture and re-packs the file with the same data. */
function withHeader(edit: (header: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>) => void): Uint8Array {
  const length = Number(new DataView(modelBytes.buffer, modelBytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(modelBytes.subarray(8, 8 + length)));
  edit(header);
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + modelBytes.length - 8 - length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(modelBytes.subarray(8 + length), 8 + text.length);
  return out;
}

describe('safetensors reader', () => {
  it('indexes every fixture tensor', () => {
    const index = readSafetensorsIndex(modelBytes);
    expect(index.tensors.get('h.1.attn.c_attn.weight')?.shape).toEqual([64, 192]);
    expect(index.metadata).toEqual({ format: 'pt' });
  });

  it('rejects a truncated file', () => {
    expect(() => readSafetensorsIndex(modelBytes.subarray(0, modelBytes.length - 100))).toThrow(/ln_f\.bias": its data ends at byte .* truncated/);
  });

  it('rejects a file too short for a header', () => {
    expect(() => readSafetensorsIndex(new Uint8Array(5))).toThrow(/5 bytes long, too short/);
  });

  it('rejects a non-safetensors file', () => {
    expect(() => readSafetensorsIndex(new TextEncoder().encode('{"n_layer": 12, "n_head": 12}'))).toThrow(/header length field/);
  });

  it('converts binary16 values', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Infinity);
  });
});

describe('checkpoint checks against config.json', () => {
  it('names a missing tensor', () => {
    const bytes = withHeader((header) => {
      header['h.1.mlp.c_fc.renamed'] = header['h.1.mlp.c_fc.weight']!;
      delete header['h.1.mlp.c_fc.weight'];
    });
    expect(() => loadGpt2Weights(bytes, config)).toThrow(/Tensor "h\.1\.mlp\.c_fc\.weight" is missing \(expected shape \[64, 256\]\)/);
  });

  it('names a shape mismatch', () => {
    const larger: Gpt2Config = { ...config, hidden: 128, heads: 4, inner: 512 };
    expect(() => loadGpt2Weights(modelBytes, larger)).toThrow(/Tensor "wte\.weight" has shape \[101, 64\]; config\.json implies \[101, 128\]/);
  });

  it('names a wrong dtype', () => {
    const bytes = withHeader((header) => {
      header['ln_f.bias']!.dtype = 'I32';
    });
    expect(() => loadGpt2Weights(bytes, config)).toThrow(/Tensor "ln_f\.bias" has dtype I32; expected F32, F16 or BF16/);
  });

  it('accepts the transformer. prefix', () => {
    const bytes = withHeader((header) => {
      for (const name of Object.keys(header)) {
        if (name === '__metadata__') continue;
        header[`transformer.${name}`] = header[name]!;
        delete header[name];
      }
    });
    const weights = loadGpt2Weights(bytes, config);
    expect(weights.blocks).toHaveLength(2);
    expect(weights.tokenEmbedding).toHaveLength(101 * 64);
  });
});

describe('parseGpt2Config', () => {
  it('lists every bad field', () => {
    expect(() => parseGpt2Config('{"model_type": "gpt2", "n_layer": 0, "n_head": 12, "n_embd": 768, "n_positions": 1024}'))
      .toThrow(/2 problems:\n- n_layer: 0 is invalid; expected an integer from 1 to 128\.\n- vocab_size is missing/);
  });

  it('rejects a non-GPT-2 model type', () => {
    expect(() => parseGpt2Config('{"model_type": "llama", "n_layer": 2, "n_head": 4, "n_embd": 64, "n_positions": 32, "vocab_size": 101}')).toThrow(/model_type: "llama" is invalid; expected "gpt2"/);
  });

  it('rejects a width not divisible by heads', () => {
    expect(() => parseGpt2Config('{"n_layer": 2, "n_head": 5, "n_embd": 64, "n_positions": 32, "vocab_size": 101}')).toThrow(/n_embd: 64 is invalid; expected a multiple of n_head \(5\)/);
  });

  it('reads n_ctx when n_positions is absent', () => {
    expect(parseGpt2Config('{"n_layer": 2, "n_head": 4, "n_embd": 64, "n_ctx": 32, "vocab_size": 101}').contextTokens).toBe(32);
  });
});
