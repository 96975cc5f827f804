import type { ViewId } from './types.ts';

/**
 * A named scenario for a talk or a paper: its URL fields beyond the defaults,
 * a one-paragraph explanation and its sources. The title is set from `title`.
 */
export interface ScenarioPreset {
  id: string;
  title: string;
  view: ViewId;
  /** URL fields that differ from the default scenario, as a query string without "?" or v=. */
  query: string;
  summary: string;
  /** One or two sentences for the slide caption when the preset is presented. */
  caption: string;
  sources: string[];
  /** Settings the preset needs that its view does not offer yet. */
  pending?: string;
}

const CEREBRAS_BLOG = 'Cerebras blog, "Context is Everything: Why Maximum Sequence Length Matters", August 2022.';
const ZERO = 'Rajbhandari et al., "ZeRO", arXiv 1910.02054, section 3.1: 16 B per parameter for mixed-precision Adam.';
const KORTHIKANTI = 'Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models", arXiv 2205.05198: activations s·b·h·(34 + 5·a·s/h) bytes per layer.';
const FLASH = 'Dao et al., "FlashAttention", arXiv 2205.14135: exact attention in tiles with O(s) extra memory.';
const GPTJ_CARD = 'EleutherAI GPT-J-6B model card: 28 layers, d_model 4096, 16 heads, vocabulary 50400.';

export const SCENARIO_PRESETS: readonly ScenarioPreset[] = [
  {
    id: 'gpt-j-figure',
    title: 'Memory to train GPT-J against sequence length',
    view: 'scaling',
    query: 'logits=0',
    summary:
      'The published figure: total memory to train GPT-J-6B at micro-batch 1, with 16 bytes per parameter for weights, gradients and Adam state and 2 bytes per stored activation. '
      + 'The parameter state is fixed at about 97 GB, while activations grow with s and the attention scores with s², so the scores dominate from a few thousand tokens on. '
      + 'The original formula is not public; this reconstruction is 16·N + L·s·b·h·(34 + 5·a·s/h), 114,195,320,320 bytes at s = 2,048. It leaves out the output layer, as the figure does; switch on "Count output-layer activations" to add it. '
      + 'GPT-J has one LayerNorm per block and parallel attention and MLP, so the constant 34 is approximate for it.',
    caption: 'Training GPT-J-6B at 16 B per parameter and 2 B per activation: about 97 GB of parameter state, then the attention scores grow with s² and dominate.',
    sources: [CEREBRAS_BLOG, ZERO, KORTHIKANTI, GPTJ_CARD],
  },
  {
    id: 'longest-sequence-gpu-vs-wafer',
    title: 'Longest trainable sequence: one GPU against the wafer',
    view: 'scaling',
    query: 'smax=131072',
    summary:
      'The longest sequence of GPT-J-6B that trains at micro-batch 1, on an 80 GB GPU and on the wafer-scale engine, under the same assumptions: no activation recomputation, attention scores materialised, 16 B per parameter, 2 B per activation. '
      + 'A GPU keeps weights, gradients and optimizer state in its own memory, so about 97 GB is needed before the first token and GPT-J does not fit on one 80 GB device at any length without sharding. '
      + 'The wafer streams weights in one layer at a time from external memory (weight streaming), so only activations count against its 40 GB of on-wafer SRAM, and the attention scores set the limit.',
    caption: 'Same model, same assumptions. A GPU holds the whole training state and GPT-J does not fit; the wafer streams the weights, so its SRAM holds only activations.',
    sources: [CEREBRAS_BLOG, ZERO, KORTHIKANTI, 'Cerebras WSE-2 announcement: 850,000 cores, 40 GB SRAM.'],
  },
  {
    id: 'very-long-sequences',
    title: 'What must change to reach very long sequences',
    view: 'scaling',
    query: 'smax=1048576&rc=full&attn=tiled',
    summary:
      'The same model and devices as the previous slide, with two assumptions changed. Full recomputation stores only each layer\'s input (2·s·b·h bytes per layer) and recomputes the rest in the backward pass, '
      + 'and tiled exact attention never materialises the s × s scores. Together they remove the s² term, so memory grows linearly and the wafer\'s limit moves from a few thousand tokens to tens of thousands. '
      + 'The next limit is then the output layer: its fp32 logits over GPT-J\'s 50,400-entry vocabulary take about 218 kB per token, almost as much as all 28 stored layer inputs together (229 kB); leaving them out roughly doubles the limit again. '
      + 'Weight streaming is what lets the wafer use all of its memory for activations. A GPU still needs its 97 GB of parameter state split across devices first (tensor parallelism or ZeRO), which this slide does not model.',
    caption: 'Full recomputation and tiled exact attention remove the s² term; with weight streaming the wafer\'s limit grows more than twentyfold.',
    sources: [KORTHIKANTI, FLASH, ZERO],
  },
  {
    id: 'attention-crossover',
    title: 'Where attention compute overtakes the dense layers',
    view: 'scaling',
    query: 'smin=1024&smax=262144',
    summary:
      'Training FLOPs per step are 72·b·s·L·h²·(1 + s/(6h) + V/(12·h·L)) in the Megatron-LM accounting. The s/(6h) term is attention\'s share, '
      + 'so attention costs as much as the dense matrix multiplications at s = 6h: 24,576 tokens for GPT-J (h = 4096). Beyond that point the quadratic term dominates, whatever the memory tricks.',
    caption: "Attention FLOPs equal the dense layers' at s = 6h: 24,576 tokens for GPT-J. Beyond that, attention dominates the compute.",
    sources: ['Korthikanti et al., arXiv 2205.05198, appendix A: FLOPs per iteration.', 'Chowdhery et al., "PaLM", arXiv 2204.02311, appendix B: 6·N + 12·L·h·s FLOPs per token.'],
  },
  {
    id: 'broadcast-vs-gpu-hop',
    title: 'A weight broadcast across the wafer against one GPU network hop',
    view: 'fabric',
    query: 'view=fabric&fab.metric=arrival',
    summary:
      'A weight tile enters the wafer at its west edge and crosses the mesh one processing element per hop, one clock cycle each at 1.1 GHz in the default model, so its first bytes reach the east edge of WSE-2\'s 757 columns in under a microsecond. '
      + 'A single message between two GPUs in different servers costs a latency of about 2 µs before any byte moves. '
      + 'The Fabric view animates the arrival time at every processing element and puts the 8-GPU cluster\'s communication beside it.',
    caption: 'A weight tile crosses the wafer hop by hop in under a microsecond; one message between GPUs costs about 2 µs before any byte moves.',
    sources: ['Cerebras WSE-2 announcement: 850,000 cores on a 2-D mesh.', 'NVIDIA ConnectX and perftest figures: about 2 µs per RDMA message, 400 Gb/s per InfiniBand NDR port.'],
  },
  {
    id: 'dense-vs-approximate-retrieval',
    title: 'Dense against approximate attention on a retrieval input',
    view: 'kernels',
    // Four lengths up to 2,048 keep the sweep short (12 to 14 s measured in Chromium on a busy 2-core machine),
    // and presentation mode starts it while the previous slide is on screen.
    query: 'view=kernels&ker.input=retrieval&ker.k=dense,tiled,window,hierarchical,lowrank,random-features&ker.n=256,512,1024,2048',
    summary:
      'Exact attention and the approximations (sliding window, hierarchical blocks, low-rank, random features) run in this browser on the same seeded input, in which each query must find one key half the sequence away. '
      + 'The approximations save memory and time, and the error against exact attention shows what they give up: a window narrower than half the sequence cannot see the key at all.',
    caption: 'Approximate attention saves memory and time, and its error against exact attention shows what it gives up on a retrieval input.',
    sources: [FLASH, 'Beltagy et al., "Longformer", arXiv 2004.05150.', 'Wang et al., "Linformer", arXiv 2006.04768.', 'Choromanski et al., "Performer", arXiv 2009.14794.'],
  },
  {
    id: 'accuracy-by-position',
    title: 'Next-token accuracy against position in the context',
    view: 'accuracy',
    query: 'view=accuracy',
    summary:
      'GPT-2\'s average top-1 and top-5 next-token accuracy rises with the position of the token in its context: later tokens see more context and are predicted better. This is the evidence that longer sequences help.',
    caption: 'Later tokens see more context and are predicted better: the case for longer sequences.',
    sources: ['Cerebras blog, "Context is Everything: Why Maximum Sequence Length Matters", August 2022, Figure 2.', 'Radford et al., "Language Models are Unsupervised Multitask Learners", 2019.'],
    pending: 'The Accuracy view needs GPT-2\'s weights, which the user loads from files, so this preset only opens the view.',
  },
];

const presetsById = new Map(SCENARIO_PRESETS.map((preset) => [preset.id, preset]));

export function findScenarioPreset(id: string): ScenarioPreset | undefined {
  return presetsById.get(id);
}

/** The query a visit without one opens: the published GPT-J figure. */
export const LANDING_QUERY = 'v=1&preset=gpt-j-figure';
