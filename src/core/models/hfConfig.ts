import { ConfigImportError, ValidationError } from '../errors.ts';
import { collectProblems } from '../validate.ts';
import type { ModelConfig } from './types.ts';
import { MODEL_LIMITS, findModelProblems } from './validate.ts';

/** The model_type values whose config.json keys this importer reads. */
export const SUPPORTED_MODEL_TYPES = ['gpt2', 'gptj', 'gpt_neox', 'llama', 'mistral', 'qwen2'] as const;
type SupportedType = (typeof SUPPORTED_MODEL_TYPES)[number];

/** Keys that mark a mixture-of-experts config, which this memory model does not describe. */
const MIXTURE_OF_EXPERTS_KEYS = ['num_local_experts', 'num_experts', 'n_routed_experts', 'moe_intermediate_size', 'num_experts_per_tok'];

type Json = Record<string, unknown>;

/** The largest config.json accepted, in characters. Real ones are a few kilobytes. */
export const MAX_CONFIG_CHARS = 1_000_000;

/**
 * Parses the text of a Hugging Face config.json into a model. Throws
 * ConfigImportError listing every missing, mistyped or out-of-range field.
 */
export function importHuggingFaceConfig(text: string, id = 'custom'): ModelConfig {
  if (text.length > MAX_CONFIG_CHARS) {
    throw new ConfigImportError(`config.json is ${text.length.toLocaleString('en-US')} characters long; the limit is ${MAX_CONFIG_CHARS.toLocaleString('en-US')}. Paste the model's config.json, not its weights or tokenizer.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigImportError(`config.json is not valid JSON: ${(error as Error).message}. Check that the whole config.json was given, from its first { to its last }.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigImportError('config.json must be a JSON object such as {"model_type": "llama", ...}.');
  }
  return modelFromConfig(parsed as Json, id);
}

export function modelFromConfig(config: Json, id = 'custom'): ModelConfig {
  const modelType = config.model_type;
  if (typeof modelType !== 'string' || !(SUPPORTED_MODEL_TYPES as readonly string[]).includes(modelType)) {
    throw new ConfigImportError('config.json cannot be imported.', [
      new ValidationError('model_type', modelType, `one of ${SUPPORTED_MODEL_TYPES.join(', ')}`, 'For another architecture, enter its sizes as a custom model on the page.'),
    ]);
  }
  const moeKey = MIXTURE_OF_EXPERTS_KEYS.find((key) => config[key] !== undefined && config[key] !== null && config[key] !== 0);
  if (moeKey) {
    throw new ConfigImportError('config.json cannot be imported.', [
      new ValidationError(moeKey, config[moeKey], 'no experts', 'Mixture-of-experts models are not modelled: their memory and FLOPs depend on routing, which this model does not describe.'),
    ]);
  }

  const reader = new FieldReader(config);
  const model = readByType(modelType as SupportedType, reader, id);
  const problems = [...reader.problems];
  if (problems.length === 0) problems.push(...findModelProblems(model).map((problem) => renameField(problem, modelType as SupportedType)));
  if (problems.length > 0) throw new ConfigImportError(`config.json (model_type "${modelType}") has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:`, problems);
  const window = config.sliding_window;
  if (typeof window === 'number' && window > 0) {
    return { ...model, note: `config.json sets sliding_window = ${window}; choose the sliding-window attention variant with w = ${window} to count it.` };
  }
  return model;
}

/** config.json keys for the model fields whose checks involve more than one key, by model_type. */
const CONFIG_KEYS: Record<SupportedType, Partial<Record<keyof ModelConfig, string>>> = {
  gpt2: { kvHeads: 'n_head', headDim: 'n_embd / n_head' },
  gptj: { kvHeads: 'n_head', headDim: 'n_embd / n_head' },
  gpt_neox: { kvHeads: 'num_attention_heads', headDim: 'hidden_size / num_attention_heads' },
  llama: { kvHeads: 'num_key_value_heads', headDim: 'head_dim' },
  mistral: { kvHeads: 'num_key_value_heads', headDim: 'head_dim' },
  qwen2: { kvHeads: 'num_key_value_heads', headDim: 'head_dim' },
};

/** Restates a model-level problem with the config.json key the user wrote. */
function renameField(problem: ValidationError, modelType: SupportedType): ValidationError {
  const key = CONFIG_KEYS[modelType][problem.field as keyof ModelConfig];
  if (!key) return problem;
  return new ValidationError(key, problem.value, problem.allowed.replace('heads (', 'attention heads ('), problem.hint);
}

class FieldReader {
  readonly problems: ValidationError[] = [];

  constructor(private readonly config: Json) {}

  /** Reads a required integer and checks its range; records a problem and returns 0 when it is invalid. */
  integer(key: string, range: { min: number; max: number }): number {
    return this.optionalInteger(key, range) ?? this.missing(key, range);
  }

  /** Reads an integer that may be absent or null, checking its range when present. */
  optionalInteger(key: string, range: { min: number; max: number }): number | undefined {
    const value = this.config[key];
    if (value === undefined || value === null) return undefined;
    const problems = collectProblems([
      () => {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
          throw new ValidationError(key, value, `an integer from ${range.min.toLocaleString('en-US')} to ${range.max.toLocaleString('en-US')}`);
        }
      },
    ]);
    this.problems.push(...problems);
    return problems.length > 0 ? 0 : (value as number);
  }

  boolean(key: string, fallback: boolean): boolean {
    const value = this.config[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') {
      this.problems.push(new ValidationError(key, value, 'true or false'));
      return fallback;
    }
    return value;
  }

  private missing(key: string, range: { min: number; max: number }): number {
    this.problems.push(new ValidationError(key, undefined, `an integer from ${range.min.toLocaleString('en-US')} to ${range.max.toLocaleString('en-US')}`, 'The field is required for this model_type.'));
    return 0;
  }

  /** Head size: head_dim when given, else hidden / heads, which must then divide evenly. */
  headDim(hidden: number, heads: number, hiddenKey: string, headsKey: string): number {
    const explicit = this.optionalInteger('head_dim', MODEL_LIMITS.headDim);
    if (explicit !== undefined) return explicit;
    if (hidden > 0 && heads > 0 && hidden % heads !== 0) {
      this.problems.push(new ValidationError(headsKey, heads, `a divisor of ${hiddenKey} (${hidden})`, 'Without head_dim, each head is hidden / heads wide, so the head count must divide the hidden size.'));
      return 0;
    }
    return heads > 0 ? hidden / heads : 0;
  }
}

function readByType(modelType: SupportedType, read: FieldReader, id: string): ModelConfig {
  const name = `Imported ${modelType} model`;
  const source = `Imported from a Hugging Face config.json (model_type "${modelType}").`;
  switch (modelType) {
    case 'gpt2':
    case 'gptj': {
      const layers = read.integer('n_layer', MODEL_LIMITS.layers);
      const hidden = read.integer('n_embd', MODEL_LIMITS.hidden);
      const heads = read.integer('n_head', MODEL_LIMITS.heads);
      const headDim = read.headDim(hidden, heads, 'n_embd', 'n_head');
      const ffn = read.optionalInteger('n_inner', MODEL_LIMITS.ffn) ?? 4 * hidden;
      const vocab = read.integer('vocab_size', MODEL_LIMITS.vocab);
      const contextLength = read.optionalInteger('n_positions', MODEL_LIMITS.contextLength) ?? read.integer('n_ctx', MODEL_LIMITS.contextLength);
      const isGptj = modelType === 'gptj';
      return {
        id, name, source, layers, hidden, heads, kvHeads: heads, headDim, ffn, gatedMlp: false, vocab, contextLength,
        positions: isGptj ? 'rotary' : 'learned',
        tiedEmbeddings: read.boolean('tie_word_embeddings', !isGptj),
        norm: 'layernorm',
        attentionBias: isGptj ? 'none' : 'all',
        mlpBias: true,
        outputBias: isGptj,
        parallelBlock: isGptj,
        normsPerLayer: isGptj ? 1 : 2,
      };
    }
    case 'gpt_neox': {
      const layers = read.integer('num_hidden_layers', MODEL_LIMITS.layers);
      const hidden = read.integer('hidden_size', MODEL_LIMITS.hidden);
      const heads = read.integer('num_attention_heads', MODEL_LIMITS.heads);
      return {
        id, name, source, layers, hidden, heads, kvHeads: heads,
        headDim: read.headDim(hidden, heads, 'hidden_size', 'num_attention_heads'),
        ffn: read.integer('intermediate_size', MODEL_LIMITS.ffn),
        gatedMlp: false,
        vocab: read.integer('vocab_size', MODEL_LIMITS.vocab),
        contextLength: read.integer('max_position_embeddings', MODEL_LIMITS.contextLength),
        positions: 'rotary',
        tiedEmbeddings: read.boolean('tie_word_embeddings', false),
        norm: 'layernorm',
        attentionBias: read.boolean('attention_bias', true) ? 'all' : 'none',
        mlpBias: true,
        outputBias: false,
        parallelBlock: read.boolean('use_parallel_residual', true),
        normsPerLayer: 2,
      };
    }
    case 'llama':
    case 'mistral':
    case 'qwen2': {
      const layers = read.integer('num_hidden_layers', MODEL_LIMITS.layers);
      const hidden = read.integer('hidden_size', MODEL_LIMITS.hidden);
      const heads = read.integer('num_attention_heads', MODEL_LIMITS.heads);
      const kvHeads = read.optionalInteger('num_key_value_heads', MODEL_LIMITS.heads) ?? heads;
      const attentionBias = modelType === 'qwen2' ? 'qkv' : read.boolean('attention_bias', false) ? 'all' : 'none';
      return {
        id, name, source, layers, hidden, heads, kvHeads,
        headDim: read.headDim(hidden, heads, 'hidden_size', 'num_attention_heads'),
        ffn: read.integer('intermediate_size', MODEL_LIMITS.ffn),
        gatedMlp: true,
        vocab: read.integer('vocab_size', MODEL_LIMITS.vocab),
        contextLength: read.integer('max_position_embeddings', MODEL_LIMITS.contextLength),
        positions: 'rotary',
        tiedEmbeddings: read.boolean('tie_word_embeddings', false),
        norm: 'rmsnorm',
        attentionBias,
        mlpBias: modelType === 'llama' ? read.boolean('mlp_bias', false) : false,
        outputBias: false,
        parallelBlock: false,
        normsPerLayer: 2,
      };
    }
  }
}
