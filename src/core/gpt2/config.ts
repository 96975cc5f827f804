import { ConfigImportError, ValidationError } from '../errors.ts';

/** The sizes of a GPT-2 model, read from its Hugging Face config.json. */
export interface Gpt2Config {
  /** Transformer blocks (n_layer). */
  layers: number;
  /** Attention heads per block (n_head). */
  heads: number;
  /** Hidden size d_model (n_embd). */
  hidden: number;
  /** Width of the MLP's inner layer (n_inner, 4 × hidden when null). */
  inner: number;
  /** Learned positions, the longest input in tokens (n_positions). */
  contextTokens: number;
  /** Vocabulary size (vocab_size). */
  vocab: number;
  /** Epsilon inside every LayerNorm (layer_norm_epsilon). */
  layerNormEpsilon: number;
}

/** Vocabulary size of GPT-2's byte-pair encoding (r50k_base); a checkpoint with a smaller vocab_size cannot read all its ids. */
export const GPT2_TOKENIZER_VOCAB = 50257;

/** The largest sizes accepted: above GPT-2 XL, far beyond what a browser tab can hold. */
const LIMITS = {
  n_layer: 128,
  n_head: 128,
  n_embd: 8192,
  n_inner: 65536,
  n_positions: 65536,
  vocab_size: 1_000_000,
} as const;

/** The activation GPT-2 uses: GELU with the tanh approximation (Hendrycks and Gimpel, arXiv 1606.08415). */
const SUPPORTED_ACTIVATIONS = ['gelu_new', 'gelu_pytorch_tanh'];

/**
 * Parses the text of a GPT-2 config.json. Throws ConfigImportError listing
 * every missing or out-of-range field.
 */
export function parseGpt2Config(text: string): Gpt2Config {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigImportError(`config.json is not valid JSON: ${(error as Error).message}. Choose the config.json published with the model.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigImportError('config.json must be a JSON object such as {"model_type": "gpt2", "n_layer": 12, ...}.');
  }
  return gpt2ConfigFromJson(parsed as Record<string, unknown>);
}

export function gpt2ConfigFromJson(json: Record<string, unknown>): Gpt2Config {
  const problems: ValidationError[] = [];
  if (json.model_type !== undefined && json.model_type !== 'gpt2') {
    problems.push(new ValidationError('model_type', json.model_type, '"gpt2"', 'This view runs GPT-2 checkpoints only.'));
  }
  const integer = (key: keyof typeof LIMITS, fallback?: unknown): number => {
    const value = json[key] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > LIMITS[key]) {
      problems.push(new ValidationError(key, value, `an integer from 1 to ${LIMITS[key].toLocaleString('en-US')}`));
      return 1;
    }
    return value;
  };

  const layers = integer('n_layer');
  const heads = integer('n_head');
  const hidden = integer('n_embd');
  const inner = json.n_inner === null || json.n_inner === undefined ? 4 * hidden : integer('n_inner');
  const contextTokens = integer('n_positions', json.n_ctx);
  const vocab = integer('vocab_size');

  const epsilon = json.layer_norm_epsilon ?? 1e-5;
  if (typeof epsilon !== 'number' || !(epsilon > 0 && epsilon < 1)) {
    problems.push(new ValidationError('layer_norm_epsilon', epsilon, 'a number between 0 and 1'));
  }
  const activation = json.activation_function ?? 'gelu_new';
  if (typeof activation !== 'string' || !SUPPORTED_ACTIVATIONS.includes(activation)) {
    problems.push(new ValidationError('activation_function', activation, `one of ${SUPPORTED_ACTIVATIONS.join(', ')}`));
  }
  if (problems.length === 0 && hidden % heads !== 0) {
    problems.push(new ValidationError('n_embd', hidden, `a multiple of n_head (${heads})`));
  }

  if (problems.length > 0) {
    throw new ConfigImportError(`config.json has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:`, problems);
  }
  return { layers, heads, hidden, inner, contextTokens, vocab, layerNormEpsilon: epsilon as number };
}

/** Weights of a model, counted as stored (the output head shares the token embedding). */
export function countGpt2Parameters(config: Gpt2Config): number {
  const { layers, hidden, inner, vocab, contextTokens } = config;
  const perBlock = 2 * hidden + (hidden * 3 * hidden + 3 * hidden) + (hidden * hidden + hidden) + 2 * hidden + (hidden * inner + inner) + (inner * hidden + hidden);
  return vocab * hidden + contextTokens * hidden + layers * perBlock + 2 * hidden;
}
