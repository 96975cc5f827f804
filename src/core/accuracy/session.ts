import { countGpt2Parameters, parseGpt2Config, type Gpt2Config } from '../gpt2/config.ts';
import { encodeGpt2 } from '../gpt2/tokenizer.ts';
import type { HelperSetup } from '../gpt2/wasm/helperChannel.ts';
import { loadGpt2Weights, type Gpt2Weights } from '../gpt2/weights.ts';
import { measureAccuracy, type ContextSetting, type MeasureProgress, type MeasureResult } from './measure.ts';
import { splitIntoPassages } from './passages.ts';
import type { AccuracyCurve } from './tally.ts';

export interface LoadedModel {
  config: Gpt2Config;
  parameters: number;
  /** Bytes of the model.safetensors file. */
  fileBytes: number;
  /** Threads that run the matrix products. */
  threads: number;
}

export interface PreparedText {
  tokens: number;
  passages: number;
  /** Tokens in the longest passage, the model's context plus the one predicted after it. */
  passageTokens: number;
}

/** Starts a thread that runs serveHelperJobs on the setup, and returns a function that ends it. */
export type HelperStarter = (setup: HelperSetup) => () => void;

export type ProgressListener = (progress: MeasureProgress, curves?: AccuracyCurve[]) => void;

/**
 * The state behind one accuracy worker: the loaded weights, the passages of
 * the current text and a cancel flag. Its methods are what the worker exposes.
 */
export class AccuracySession {
  private weights: Gpt2Weights | null = null;
  private passages: number[][] = [];
  private cancelRequested = false;
  private stopHelper: (() => void) | null = null;

  /** startHelper, when given, runs half of every matrix product on a second thread over shared memory. */
  constructor(private readonly startHelper?: HelperStarter) {}

  /** Checks config.json and model.safetensors against each other and keeps the weights. */
  loadModel(configText: string, modelBytes: ArrayBuffer): LoadedModel {
    const config = parseGpt2Config(configText);
    this.releaseWeights();
    // The weights are copied into a WebAssembly memory for the SIMD kernels; the file's buffer can then be freed.
    const weights = loadGpt2Weights(new Uint8Array(modelBytes), config, { arena: this.startHelper ? 'shared' : 'private' });
    if (this.startHelper && weights.arena) {
      const stopThread = this.startHelper(weights.arena.helperSetup());
      this.stopHelper = () => {
        weights.arena?.stopHelper();
        stopThread();
      };
    }
    this.weights = weights;
    return { config, parameters: countGpt2Parameters(config), fileBytes: modelBytes.byteLength, threads: this.startHelper ? 2 : 1 };
  }

  private releaseWeights(): void {
    this.stopHelper?.();
    this.stopHelper = null;
    this.weights = null;
  }

  /** Tokenises the text and splits it into passages of the loaded model's context plus one. */
  prepareText(text: string, maxPassages: number): PreparedText {
    const config = this.requireWeights().config;
    const tokens = encodeGpt2(text);
    this.passages = splitIntoPassages(tokens.filter((id) => id < config.vocab), config.contextTokens, maxPassages);
    return { tokens: tokens.length, passages: this.passages.length, passageTokens: config.contextTokens + 1 };
  }

  async measure(settings: ContextSetting[], onProgress?: ProgressListener): Promise<MeasureResult> {
    const weights = this.requireWeights();
    this.cancelRequested = false;
    return measureAccuracy(weights, this.passages, settings, {
      onProgress,
      isCancelled: () => this.cancelRequested,
      // A macrotask break lets a Cancel message from the page run between blocks.
      pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    });
  }

  cancel(): void {
    this.cancelRequested = true;
  }

  private requireWeights(): Gpt2Weights {
    if (!this.weights) throw new Error('No model is loaded. Choose model.safetensors and config.json first.');
    return this.weights;
  }
}
