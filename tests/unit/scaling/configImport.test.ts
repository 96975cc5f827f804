import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigImportError } from '../../../src/core/errors.ts';
import { importHuggingFaceConfig } from '../../../src/core/models/hfConfig.ts';
import { findModelPreset } from '../../../src/core/models/presets.ts';
import { countParameters, DEFAULT_SCALING_SETTINGS, memoryBreakdown, totalBytes } from '../../../src/core/scaling/index.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/configs/${name}`, import.meta.url), 'utf8');

function importError(text: string): ConfigImportError {
  try {
    importHuggingFaceConfig(text);
  } catch (error) {
    if (error instanceof ConfigImportError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('config.json import', () => {
  it.each([
    ['gpt2.json', 'gpt2'],
    ['gptj.json', 'gpt-j-6b'],
    ['llama-2-70b.json', 'llama-2-70b'],
    ['gpt-neox-20b.json', 'gpt-neox-20b'],
  ])('%s gives the preset numbers', (file, presetId) => {
    const imported = importHuggingFaceConfig(fixture(file));
    const preset = findModelPreset(presetId)!;
    expect(countParameters(imported).total).toBe(countParameters(preset).total);
    for (const s of [1024, 4096]) {
      expect(totalBytes(memoryBreakdown(imported, DEFAULT_SCALING_SETTINGS, s))).toBe(totalBytes(memoryBreakdown(preset, DEFAULT_SCALING_SETTINGS, s)));
      const inference = { ...DEFAULT_SCALING_SETTINGS, mode: 'inference' as const };
      expect(memoryBreakdown(imported, inference, s).kvCache).toBe(memoryBreakdown(preset, inference, s).kvCache);
    }
  });

  it('reads grouped-query attention', () => {
    const model = importHuggingFaceConfig(fixture('llama-2-70b.json'));
    expect(model.kvHeads).toBe(8);
    expect(model.heads).toBe(64);
    expect(model.gatedMlp).toBe(true);
  });

  it('rejects text that is not JSON', () => {
    expect(importError('{"model_type": "gpt2",').message).toMatch(/not valid JSON/);
  });

  it('rejects a JSON array', () => {
    expect(importError('[1, 2]').message).toMatch(/must be a JSON object/);
  });

  it('rejects an unknown model_type', () => {
    const error = importError('{"model_type": "t5"}');
    expect(error.problems[0]!.field).toBe('model_type');
    expect(error.message).toContain('"t5"');
    expect(error.message).toContain('gpt2, gptj, gpt_neox, llama, mistral, qwen2');
  });

  it('rejects mixture-of-experts configs', () => {
    const error = importError(fixture('mixtral.json'));
    expect(error.problems[0]!.field).toBe('num_local_experts');
    expect(error.message).toMatch(/Mixture-of-experts/);
  });

  it('lists every missing field', () => {
    const error = importError('{"model_type": "llama", "hidden_size": 4096}');
    const fields = error.problems.map((problem) => problem.field);
    expect(fields).toEqual(['num_hidden_layers', 'num_attention_heads', 'intermediate_size', 'vocab_size', 'max_position_embeddings']);
    expect(error.problems[0]!.message).toMatch(/num_hidden_layers is missing; expected an integer from 1 to 1,000/);
  });

  it('names a field of the wrong type', () => {
    const config = { ...JSON.parse(fixture('gpt2.json')), n_layer: '12' };
    const error = importError(JSON.stringify(config));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.field).toBe('n_layer');
    expect(error.problems[0]!.message).toContain('"12"');
  });

  it('rejects a zero hidden size', () => {
    const config = { ...JSON.parse(fixture('gpt2.json')), n_embd: 0 };
    expect(importError(JSON.stringify(config)).problems[0]!.field).toBe('n_embd');
  });

  it('rejects absurd sizes without allocating', () => {
    const config = { ...JSON.parse(fixture('gpt2.json')), n_embd: 1e12 };
    expect(importError(JSON.stringify(config)).problems[0]!.message).toMatch(/n_embd: 1000000000000 is invalid/);
  });

  it('rejects a head count that does not divide h', () => {
    const config = { ...JSON.parse(fixture('gpt2.json')), n_head: 7 };
    const error = importError(JSON.stringify(config));
    expect(error.problems[0]!.field).toBe('n_head');
    expect(error.problems[0]!.message).toContain('a divisor of n_embd (768)');
  });

  it('rejects KV heads that do not divide the heads', () => {
    const config = { ...JSON.parse(fixture('llama-2-70b.json')), num_key_value_heads: 7 };
    const problem = importError(JSON.stringify(config)).problems[0]!;
    expect(problem.field).toBe('num_key_value_heads');
    expect(problem.message).toBe('num_key_value_heads: 7 is invalid; expected a divisor of attention heads (64). Grouped-query attention shares each key/value head among an equal number of query heads.');
  });

  it('notes a sliding window it does not apply', () => {
    const config = { ...JSON.parse(fixture('llama-2-70b.json')), model_type: 'mistral', sliding_window: 4096 };
    expect(importHuggingFaceConfig(JSON.stringify(config)).note).toMatch(/sliding_window = 4096; choose the sliding-window attention variant with w = 4096/);
  });

  it('rejects an oversized file', () => {
    expect(importError(' '.repeat(1_000_001)).message).toMatch(/limit is 1,000,000/);
  });
});
