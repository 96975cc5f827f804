// A GPT-2 of the given size with seeded random weights of the real shapes,
// placed in a WebAssembly arena as a loaded checkpoint would be, and a timed
// forward pass. Shared by the Node and Chromium runs of bench/gpt2-forward.ts.
import type { Gpt2Config } from '../src/core/gpt2/config.ts';
import { forwardFlops, forwardHidden, logitsForRows } from '../src/core/gpt2/forward.ts';
import { PANEL_COLUMNS, WeightArena } from '../src/core/gpt2/wasm/arena.ts';
import type { HelperSetup } from '../src/core/gpt2/wasm/helperChannel.ts';
import { arenaSizesFor, type Gpt2BlockWeights, type Gpt2Weights } from '../src/core/gpt2/weights.ts';

/** GPT-2 small (Radford et al. 2019): 12 layers, hidden 768, 12 heads, 1,024 positions, 50,257 tokens. */
export const GPT2_SMALL: Gpt2Config = { layers: 12, heads: 12, hidden: 768, inner: 3072, contextTokens: 1024, vocab: 50257, layerNormEpsilon: 1e-5 };

function randomArray(length: number, seed: number, scale: number): Float32Array {
  const values = new Float32Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[i] = ((state >>> 0) / 4294967296 - 0.5) * scale;
  }
  return values;
}

export function randomGpt2(config: Gpt2Config, shared = false): Gpt2Weights {
  const arena = new WeightArena(arenaSizesFor(config), { shared });
  let seed = 1;
  const vector = (length: number, scale = 0.04) => arena.place(randomArray(length, seed++, scale));
  const matrix = (inWidth: number, outWidth: number) => {
    const values = randomArray(inWidth * outWidth, seed++, 0.04);
    return outWidth % PANEL_COLUMNS === 0 ? arena.placePacked(values, inWidth, outWidth) : arena.place(values);
  };
  const { hidden, inner } = config;
  const blocks: Gpt2BlockWeights[] = Array.from({ length: config.layers }, () => ({
    ln1Weight: vector(hidden, 2), ln1Bias: vector(hidden),
    attnQkvWeight: matrix(hidden, 3 * hidden), attnQkvBias: vector(3 * hidden),
    attnProjWeight: matrix(hidden, hidden), attnProjBias: vector(hidden),
    ln2Weight: vector(hidden, 2), ln2Bias: vector(hidden),
    mlpFcWeight: matrix(hidden, inner), mlpFcBias: vector(inner),
    mlpProjWeight: matrix(inner, hidden), mlpProjBias: vector(hidden),
  }));
  return {
    config, blocks, arena,
    tokenEmbedding: vector(config.vocab * hidden, 0.2),
    positionEmbedding: vector(config.contextTokens * hidden, 0.05),
    lnFinalWeight: vector(hidden, 2), lnFinalBias: vector(hidden),
  };
}

export interface ForwardTiming {
  seconds: number;
  /** Seconds in the output head, part of the total. */
  headSeconds: number;
  flops: number;
}

/** Times one forward pass over `tokens` tokens with logits for every position, computed 64 rows at a time as the measurement does. */
export function timeForward(weights: Gpt2Weights, tokens: number): ForwardTiming {
  const ids = Array.from({ length: tokens }, (_, i) => (i * 7919) % weights.config.vocab);
  const start = performance.now();
  const hidden = forwardHidden(weights, ids);
  const headStart = performance.now();
  const rows = 64;
  const logits = new Float32Array(rows * weights.config.vocab);
  for (let first = 0; first < tokens; first += rows) logitsForRows(weights, hidden, first, Math.min(rows, tokens - first), logits);
  const end = performance.now();
  if (!Number.isFinite(logits[0])) throw new Error('The forward pass produced a non-finite logit.');
  return { seconds: (end - start) / 1000, headSeconds: (end - headStart) / 1000, flops: forwardFlops(weights, tokens) };
}

/**
 * Builds the model and times `repeats` forward passes after one warm-up pass.
 * With startHelper, the weights go in shared memory and a second thread,
 * started by startHelper on the setup, runs half of each product.
 */
export async function runForwardBenchmark(tokens: number, repeats: number, startHelper?: (setup: HelperSetup) => void): Promise<ForwardTiming[]> {
  const weights = randomGpt2(GPT2_SMALL, startHelper !== undefined);
  if (startHelper) {
    const setup = weights.arena!.helperSetup();
    startHelper(setup);
    const started = Date.now();
    // Slot 2 of the control block is the helper's ready flag.
    while (Atomics.load(setup.control, 2) !== 1) {
      if (Date.now() - started > 60_000) throw new Error('The helper thread did not start within 60 s.');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  timeForward(weights, Math.min(tokens, 64));
  const timings = Array.from({ length: repeats }, () => timeForward(weights, tokens));
  weights.arena!.stopHelper();
  return timings;
}
