import { ValidationError } from '../errors.ts';
import type { ModelConfig } from '../models/types.ts';
import { findModelProblems } from '../models/validate.ts';

/**
 * A custom model in a URL, as comma-separated values in this order:
 * layers, hidden, heads, kvHeads, headDim, ffn, vocab, contextLength, then
 * flags: gated (g) or plain (p) MLP; learned (l) or rotary (r) positions;
 * tied (t) or untied (u) embeddings; layernorm (ln) or rmsnorm (rms); attention
 * bias none, qkv or all; MLP bias 1 or 0; output bias 1 or 0; parallel block
 * 1 or 0; norms per layer; and optionally the model's name, percent-encoded.
 * Example (GPT-2 small): 12,768,12,12,64,3072,50257,1024,p,l,t,ln,all,1,0,0,2,GPT-2%20small
 */
export function formatCustomModel(model: ModelConfig): string {
  return [
    model.layers, model.hidden, model.heads, model.kvHeads, model.headDim, model.ffn, model.vocab, model.contextLength,
    model.gatedMlp ? 'g' : 'p', model.positions === 'learned' ? 'l' : 'r', model.tiedEmbeddings ? 't' : 'u',
    model.norm === 'layernorm' ? 'ln' : 'rms', model.attentionBias, model.mlpBias ? 1 : 0, model.outputBias ? 1 : 0,
    model.parallelBlock ? 1 : 0, model.normsPerLayer, encodeURIComponent(model.name.slice(0, MAX_MODEL_NAME_CHARS)),
  ].join(',');
}

/** Longest model name kept in a link, in characters. */
export const MAX_MODEL_NAME_CHARS = 80;

const INTEGER_FIELDS = ['layers', 'hidden', 'heads', 'kvHeads', 'headDim', 'ffn', 'vocab', 'contextLength'] as const;

function flag<T>(raw: string | undefined, options: Record<string, T>, field: string): T {
  if (raw === undefined || !(raw in options)) throw new ValidationError(`cm.${field}`, raw, `one of ${Object.keys(options).join(', ')}`);
  return options[raw]!;
}

export function parseCustomModel(raw: string, name = 'Custom model'): ModelConfig {
  const parts = raw.split(',');
  // Links written before the name was added have 17 values; the name is the optional 18th.
  if (parts.length !== 17 && parts.length !== 18) throw new ValidationError('cm', raw, '17 or 18 comma-separated values (layers, hidden, heads, kvHeads, headDim, ffn, vocab, context, 9 flags, then an optional name)');
  const encodedName = parts[17];
  let linkName = name;
  if (encodedName !== undefined && encodedName !== '') {
    try {
      linkName = decodeURIComponent(encodedName).slice(0, MAX_MODEL_NAME_CHARS);
    } catch {
      throw new ValidationError('cm.name', encodedName, 'a percent-encoded name');
    }
  }
  const numbers = INTEGER_FIELDS.map((field, i) => {
    const value = Number(parts[i]);
    if (!/^\d+$/.test(parts[i]!) || !Number.isSafeInteger(value)) throw new ValidationError(`cm.${field}`, parts[i], 'a positive integer');
    return value;
  });
  const [layers, hidden, heads, kvHeads, headDim, ffn, vocab, contextLength] = numbers as [number, number, number, number, number, number, number, number];
  const normsPerLayer = Number(parts[16]);
  const model: ModelConfig = {
    id: 'custom', name: linkName, layers, hidden, heads, kvHeads, headDim, ffn, vocab, contextLength,
    gatedMlp: flag(parts[8], { g: true, p: false }, 'mlp'),
    positions: flag(parts[9], { l: 'learned', r: 'rotary' } as const, 'positions'),
    tiedEmbeddings: flag(parts[10], { t: true, u: false }, 'embeddings'),
    norm: flag(parts[11], { ln: 'layernorm', rms: 'rmsnorm' } as const, 'norm'),
    attentionBias: flag(parts[12], { none: 'none', qkv: 'qkv', all: 'all' } as const, 'attentionBias'),
    mlpBias: flag(parts[13], { 1: true, 0: false }, 'mlpBias'),
    outputBias: flag(parts[14], { 1: true, 0: false }, 'outputBias'),
    parallelBlock: flag(parts[15], { 1: true, 0: false }, 'parallelBlock'),
    normsPerLayer,
    source: 'Entered by the user or imported from a config.json; the link carries its sizes.',
  };
  const problems = findModelProblems(model);
  if (problems[0]) throw new ValidationError(`cm.${problems[0].field}`, problems[0].value, problems[0].allowed);
  return model;
}
