import type { Gpt2Config } from './config.ts';
import { readSafetensorsIndex, readTensorAsFloat32, SafetensorsError, type SafetensorsIndex, type TensorEntry } from './safetensors.ts';
import { PANEL_COLUMNS, WeightArena } from './wasm/arena.ts';

/**
 * One transformer block's weights. Matrices use the Conv1D layout [in, out] of
 * the published checkpoint, except those in a WebAssembly arena, which may be
 * packed in column panels (see WeightArena.placePacked).
 */
export interface Gpt2BlockWeights {
  ln1Weight: Float32Array;
  ln1Bias: Float32Array;
  /** [hidden, 3 × hidden]: Q, K and V side by side. */
  attnQkvWeight: Float32Array;
  attnQkvBias: Float32Array;
  /** [hidden, hidden]. */
  attnProjWeight: Float32Array;
  attnProjBias: Float32Array;
  ln2Weight: Float32Array;
  ln2Bias: Float32Array;
  /** [hidden, inner]. */
  mlpFcWeight: Float32Array;
  mlpFcBias: Float32Array;
  /** [inner, hidden]. */
  mlpProjWeight: Float32Array;
  mlpProjBias: Float32Array;
}

export interface Gpt2Weights {
  config: Gpt2Config;
  /** Token embedding [vocab, hidden], also the output head (tied). */
  tokenEmbedding: Float32Array;
  /** Position embedding [contextTokens, hidden]. */
  positionEmbedding: Float32Array;
  blocks: Gpt2BlockWeights[];
  lnFinalWeight: Float32Array;
  lnFinalBias: Float32Array;
  /** The WebAssembly memory holding every weight above, when the SIMD kernels run the products. */
  arena: WeightArena | null;
}

interface ExpectedTensor {
  name: string;
  shape: number[];
}

const BLOCK_TENSORS: Array<[keyof Gpt2BlockWeights, string, (c: Gpt2Config) => number[]]> = [
  ['ln1Weight', 'ln_1.weight', (c) => [c.hidden]],
  ['ln1Bias', 'ln_1.bias', (c) => [c.hidden]],
  ['attnQkvWeight', 'attn.c_attn.weight', (c) => [c.hidden, 3 * c.hidden]],
  ['attnQkvBias', 'attn.c_attn.bias', (c) => [3 * c.hidden]],
  ['attnProjWeight', 'attn.c_proj.weight', (c) => [c.hidden, c.hidden]],
  ['attnProjBias', 'attn.c_proj.bias', (c) => [c.hidden]],
  ['ln2Weight', 'ln_2.weight', (c) => [c.hidden]],
  ['ln2Bias', 'ln_2.bias', (c) => [c.hidden]],
  ['mlpFcWeight', 'mlp.c_fc.weight', (c) => [c.hidden, c.inner]],
  ['mlpFcBias', 'mlp.c_fc.bias', (c) => [c.inner]],
  ['mlpProjWeight', 'mlp.c_proj.weight', (c) => [c.inner, c.hidden]],
  ['mlpProjBias', 'mlp.c_proj.bias', (c) => [c.hidden]],
];

/** Every tensor a GPT-2 checkpoint of this size must contain, without any "transformer." prefix. */
export function expectedGpt2Tensors(config: Gpt2Config): ExpectedTensor[] {
  const list: ExpectedTensor[] = [
    { name: 'wte.weight', shape: [config.vocab, config.hidden] },
    { name: 'wpe.weight', shape: [config.contextTokens, config.hidden] },
  ];
  for (let layer = 0; layer < config.layers; layer++) {
    for (const [, suffix, shape] of BLOCK_TENSORS) list.push({ name: `h.${layer}.${suffix}`, shape: shape(config) });
  }
  list.push({ name: 'ln_f.weight', shape: [config.hidden] }, { name: 'ln_f.bias', shape: [config.hidden] });
  return list;
}

const FLOAT_DTYPES = ['F32', 'F16', 'BF16'];

/**
 * Finds the checkpoint's entry for a tensor, with or without the
 * "transformer." prefix that GPT2LMHeadModel checkpoints carry.
 */
function findEntry(index: SafetensorsIndex, name: string): TensorEntry | undefined {
  return index.tensors.get(name) ?? index.tensors.get(`transformer.${name}`);
}

/**
 * Checks every tensor's presence, dtype and shape against the config before
 * anything is computed, and returns all problems found (empty when the file fits).
 */
export function findCheckpointProblems(index: SafetensorsIndex, config: Gpt2Config): string[] {
  const problems: string[] = [];
  for (const expected of expectedGpt2Tensors(config)) {
    const entry = findEntry(index, expected.name);
    if (!entry) {
      problems.push(`Tensor "${expected.name}" is missing (expected shape [${expected.shape.join(', ')}]).`);
      continue;
    }
    if (!FLOAT_DTYPES.includes(entry.dtype)) {
      problems.push(`Tensor "${entry.name}" has dtype ${entry.dtype}; expected F32, F16 or BF16.`);
    }
    if (entry.shape.length !== expected.shape.length || entry.shape.some((n, i) => n !== expected.shape[i])) {
      problems.push(`Tensor "${entry.name}" has shape [${entry.shape.join(', ')}]; config.json implies [${expected.shape.join(', ')}].`);
    }
  }
  const head = index.tensors.get('lm_head.weight');
  if (head && (head.shape[0] !== config.vocab || head.shape[1] !== config.hidden)) {
    problems.push(`Tensor "lm_head.weight" has shape [${head.shape.join(', ')}]; a tied GPT-2 head is [${config.vocab}, ${config.hidden}].`);
  }
  return problems;
}

/** Shows at most this many problems in one message; the rest are counted. */
const MAX_LISTED_PROBLEMS = 8;

/** Sizes of the WebAssembly arena that contains a model of this config. */
export function arenaSizesFor(config: Gpt2Config) {
  return {
    weightFloats: expectedGpt2Tensors(config).reduce((sum, tensor) => sum + tensor.shape.reduce((product, n) => product * n, 1), 0),
    maxInWidth: Math.max(config.hidden, config.inner),
    maxOutWidth: Math.max(3 * config.hidden, config.inner, config.vocab),
  };
}

/**
 * Reads a GPT-2 checkpoint from the bytes of a model.safetensors file. Throws
 * SafetensorsError naming each missing tensor, wrong shape or wrong dtype
 * before any weight is converted. With options.arena, the weights are copied
 * into a WebAssembly memory (shared for a helper thread, or private), so the
 * matrix products run on SIMD kernels. Without it they stay as views into the
 * file and the products run in JavaScript.
 */
export function loadGpt2Weights(bytes: Uint8Array, config: Gpt2Config, options: { arena?: 'private' | 'shared' } = {}): Gpt2Weights {
  const index = readSafetensorsIndex(bytes);
  const problems = findCheckpointProblems(index, config);
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `- ${p}`);
    if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`- and ${problems.length - MAX_LISTED_PROBLEMS} more.`);
    throw new SafetensorsError(`model.safetensors does not match config.json (${config.layers} layers, hidden ${config.hidden}, vocabulary ${config.vocab}):\n${listed.join('\n')}\nChoose the config.json published with these weights.`);
  }

  const arena = options.arena ? new WeightArena(arenaSizesFor(config), { shared: options.arena === 'shared' }) : null;
  const tensor = (name: string): Float32Array => {
    const entry = findEntry(index, name)!;
    const values = readTensorAsFloat32(bytes, entry);
    if (!arena) return values;
    // Conv1D matrices whose width fits the SIMD kernel's panels are packed for it; the rest stay [in, out].
    const [inWidth, outWidth] = entry.shape;
    const isConv1D = entry.shape.length === 2 && name.includes('.c_');
    return isConv1D && outWidth! % PANEL_COLUMNS === 0 ? arena.placePacked(values, inWidth!, outWidth!) : arena.place(values);
  };
  const blocks: Gpt2BlockWeights[] = [];
  for (let layer = 0; layer < config.layers; layer++) {
    const block = {} as Gpt2BlockWeights;
    for (const [key, suffix] of BLOCK_TENSORS) block[key] = tensor(`h.${layer}.${suffix}`);
    blocks.push(block);
  }
  return {
    config,
    tokenEmbedding: tensor('wte.weight'),
    positionEmbedding: tensor('wpe.weight'),
    blocks,
    lnFinalWeight: tensor('ln_f.weight'),
    lnFinalBias: tensor('ln_f.bias'),
    arena,
  };
}
