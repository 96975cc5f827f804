import type { ModelConfig } from './types.ts';

type Shape = Pick<ModelConfig, 'id' | 'name' | 'layers' | 'hidden' | 'heads' | 'headDim'> & Partial<ModelConfig>;

const GPT2_SOURCE = 'Radford et al. 2019, "Language Models are Unsupervised Multitask Learners"; parameter counts as loaded from the released checkpoints.';
const GPT3_SOURCE = 'Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv 2005.14165, Table 2.1.';
const CEREBRAS_SOURCE = 'Dey et al. 2023, "Cerebras-GPT", arXiv 2304.03208, and the Cerebras modelzoo README.';

/** Builds a GPT-2-style decoder: learned positions, tied embeddings, LayerNorm, biases, MLP of 4h. */
function gptStyle(shape: Shape): ModelConfig {
  return {
    kvHeads: shape.heads,
    ffn: 4 * shape.hidden,
    gatedMlp: false,
    vocab: 50257,
    contextLength: 2048,
    positions: 'learned',
    tiedEmbeddings: true,
    norm: 'layernorm',
    attentionBias: 'all',
    mlpBias: true,
    outputBias: false,
    parallelBlock: false,
    normsPerLayer: 2,
    source: '',
    ...shape,
  };
}

const gpt2 = (shape: Shape): ModelConfig => gptStyle({ contextLength: 1024, source: GPT2_SOURCE, ...shape });
const gpt3 = (shape: Shape): ModelConfig => gptStyle({ source: GPT3_SOURCE, ...shape });
const cerebras = (shape: Shape): ModelConfig => gptStyle({ source: CEREBRAS_SOURCE, ...shape });

export const MODEL_PRESETS: readonly ModelConfig[] = [
  gpt2({ id: 'gpt2', name: 'GPT-2 small', layers: 12, hidden: 768, heads: 12, headDim: 64, publishedParameters: 124_439_808 }),
  gpt2({ id: 'gpt2-medium', name: 'GPT-2 medium', layers: 24, hidden: 1024, heads: 16, headDim: 64, publishedParameters: 354_823_168 }),
  gpt2({ id: 'gpt2-large', name: 'GPT-2 large', layers: 36, hidden: 1280, heads: 20, headDim: 64, publishedParameters: 774_030_080 }),
  gpt2({ id: 'gpt2-xl', name: 'GPT-2 XL', layers: 48, hidden: 1600, heads: 25, headDim: 64, publishedParameters: 1_557_611_200 }),

  gpt3({ id: 'gpt3-125m', name: 'GPT-3 Small (125M)', layers: 12, hidden: 768, heads: 12, headDim: 64, publishedParameters: 125e6 }),
  gpt3({ id: 'gpt3-350m', name: 'GPT-3 Medium (350M)', layers: 24, hidden: 1024, heads: 16, headDim: 64, publishedParameters: 350e6 }),
  gpt3({ id: 'gpt3-760m', name: 'GPT-3 Large (760M)', layers: 24, hidden: 1536, heads: 16, headDim: 96, publishedParameters: 760e6 }),
  gpt3({
    id: 'gpt3-1.3b', name: 'GPT-3 XL (1.3B)', layers: 24, hidden: 2048, heads: 24, headDim: 128, publishedParameters: 1.3e9,
    note: 'Table 2.1 lists 24 heads of 128, an attention width of 3,072 against d_model 2,048; the model keeps that width, so Q, K, V and the output projection are 2,048 × 3,072.',
  }),
  gpt3({ id: 'gpt3-2.7b', name: 'GPT-3 2.7B', layers: 32, hidden: 2560, heads: 32, headDim: 80, publishedParameters: 2.7e9 }),
  gpt3({ id: 'gpt3-6.7b', name: 'GPT-3 6.7B', layers: 32, hidden: 4096, heads: 32, headDim: 128, publishedParameters: 6.7e9 }),
  gpt3({
    id: 'gpt3-13b', name: 'GPT-3 13B', layers: 40, hidden: 5120, heads: 40, headDim: 128, publishedParameters: 13e9,
    note: 'The paper prints d_model 5,140; 5,120 (40 heads of 128) is the value used in practice and here.',
  }),
  gpt3({ id: 'gpt3-175b', name: 'GPT-3 175B', layers: 96, hidden: 12288, heads: 96, headDim: 128, publishedParameters: 175e9 }),

  {
    id: 'gpt-j-6b', name: 'GPT-J-6B', layers: 28, hidden: 4096, heads: 16, kvHeads: 16, headDim: 256, ffn: 16384, gatedMlp: false,
    vocab: 50400, contextLength: 2048, positions: 'rotary', tiedEmbeddings: false, norm: 'layernorm',
    attentionBias: 'none', mlpBias: true, outputBias: true, parallelBlock: true, normsPerLayer: 1,
    source: 'EleutherAI GPT-J-6B model card and checkpoint (Wang and Komatsuzaki 2021).',
    publishedParameters: 6_053_381_344,
    note: 'The computed count, 6,050,882,784, is the count of the released checkpoint as loaded; the model card states 6,053,381,344, 2,498,560 more, which the checkpoint does not show. Vocabulary padded to 50,400; rotary on 64 of 256 head dimensions. GPT-J has one LayerNorm per block and runs attention and MLP in parallel, so the 34·sbh activation constant (two LayerNorms, sequential blocks) is approximate for it.',
  },
  {
    id: 'gpt-neox-20b', name: 'GPT-NeoX-20B', layers: 44, hidden: 6144, heads: 64, kvHeads: 64, headDim: 96, ffn: 24576, gatedMlp: false,
    vocab: 50432, contextLength: 2048, positions: 'rotary', tiedEmbeddings: false, norm: 'layernorm',
    attentionBias: 'all', mlpBias: true, outputBias: false, parallelBlock: true, normsPerLayer: 2,
    source: 'Black et al. 2022, "GPT-NeoX-20B", arXiv 2204.06745, and the released checkpoint.',
    publishedParameters: 20_554_567_680,
    note: 'Vocabulary padded to 50,432. Attention and MLP run in parallel, so the activation constants are approximate.',
  },
  {
    id: 'llama-2-7b', name: 'Llama-2-7B', layers: 32, hidden: 4096, heads: 32, kvHeads: 32, headDim: 128, ffn: 11008, gatedMlp: true,
    vocab: 32000, contextLength: 4096, positions: 'rotary', tiedEmbeddings: false, norm: 'rmsnorm',
    attentionBias: 'none', mlpBias: false, outputBias: false, parallelBlock: false, normsPerLayer: 2,
    source: 'Touvron et al. 2023, "Llama 2", arXiv 2307.09288, and the released checkpoint.',
    publishedParameters: 6_738_415_616,
  },
  {
    id: 'llama-2-70b', name: 'Llama-2-70B', layers: 80, hidden: 8192, heads: 64, kvHeads: 8, headDim: 128, ffn: 28672, gatedMlp: true,
    vocab: 32000, contextLength: 4096, positions: 'rotary', tiedEmbeddings: false, norm: 'rmsnorm',
    attentionBias: 'none', mlpBias: false, outputBias: false, parallelBlock: false, normsPerLayer: 2,
    source: 'Touvron et al. 2023, "Llama 2", arXiv 2307.09288, and the released checkpoint.',
    publishedParameters: 68_976_648_192,
  },

  cerebras({ id: 'cerebras-gpt-111m', name: 'Cerebras-GPT 111M', layers: 10, hidden: 768, heads: 12, headDim: 64, publishedParameters: 111e6 }),
  cerebras({ id: 'cerebras-gpt-256m', name: 'Cerebras-GPT 256M', layers: 14, hidden: 1088, heads: 17, headDim: 64, publishedParameters: 256e6 }),
  cerebras({ id: 'cerebras-gpt-590m', name: 'Cerebras-GPT 590M', layers: 18, hidden: 1536, heads: 12, headDim: 128, publishedParameters: 590e6 }),
  cerebras({ id: 'cerebras-gpt-1.3b', name: 'Cerebras-GPT 1.3B', layers: 24, hidden: 2048, heads: 16, headDim: 128, publishedParameters: 1.3e9 }),
  cerebras({
    id: 'cerebras-gpt-2.7b', name: 'Cerebras-GPT 2.7B', layers: 32, hidden: 2560, heads: 20, headDim: 128, publishedParameters: 2.7e9,
    note: 'Sources differ on the head count (20 or 32); 20 heads of 128 is used here. Heads change the attention-score memory, not the parameter count.',
  }),
  cerebras({ id: 'cerebras-gpt-6.7b', name: 'Cerebras-GPT 6.7B', layers: 32, hidden: 4096, heads: 32, headDim: 128, publishedParameters: 6.7e9 }),
  cerebras({ id: 'cerebras-gpt-13b', name: 'Cerebras-GPT 13B', layers: 40, hidden: 5120, heads: 40, headDim: 128, publishedParameters: 13e9 }),
];

const presetsById = new Map(MODEL_PRESETS.map((model) => [model.id, model]));

export function findModelPreset(id: string): ModelConfig | undefined {
  return presetsById.get(id);
}

export const DEFAULT_MODEL_ID = 'gpt-j-6b';
