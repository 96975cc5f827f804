import { availableParallelism } from 'node:os';
import { MemoryBudgetError } from '../../core/kernels/budget.ts';
import { INPUT_KINDS, type InputKind } from '../../core/kernels/inputs.ts';
import { KERNEL_IDS, DEFAULT_KERNEL_PARAMS, type KernelParams } from '../../core/kernels/types.ts';
import { ValidationError } from '../../core/errors.ts';
import { formatBytes, formatFlopsPerSecond } from '../../core/units.ts';
import { KernelRunError } from '../../workers/kernelPool.ts';
import { createNodeKernelPool } from '../../workers/nodeKernelPool.ts';
import { CliError, formatHelp, parseOptions, writeJson, type CliCommand, type OptionSpecs } from '../args.ts';

const SPECS: OptionSpecs = {
  kernel: { type: 'string', valueName: 'ID', help: `Kernel: ${KERNEL_IDS.join(', ')} (required).` },
  n: { type: 'string', valueName: 'N', help: 'Sequence length in tokens (required).' },
  d: { type: 'string', valueName: 'D', help: 'Head dimension (required).' },
  heads: { type: 'string', valueName: 'H', help: 'Attention heads.', defaultText: '1' },
  causal: { type: 'boolean', help: 'Causal mask: token i attends to tokens 0..i.' },
  input: { type: 'string', valueName: 'KIND', help: `Input: ${INPUT_KINDS.join(' or ')}.`, defaultText: 'gaussian' },
  repeats: { type: 'string', valueName: 'R', help: 'Timed runs; the median is reported.', defaultText: '3' },
  window: { type: 'string', valueName: 'W', help: 'Window width in tokens (window kernel).', defaultText: String(DEFAULT_KERNEL_PARAMS.window) },
  globals: { type: 'string', valueName: 'G', help: 'Global tokens (window kernel).', defaultText: String(DEFAULT_KERNEL_PARAMS.globalTokens) },
  block: { type: 'string', valueName: 'B', help: 'Block size in tokens (hierarchical kernel).', defaultText: String(DEFAULT_KERNEL_PARAMS.block) },
  rank: { type: 'string', valueName: 'K', help: 'Projected length (lowrank kernel).', defaultText: String(DEFAULT_KERNEL_PARAMS.rank) },
  features: { type: 'string', valueName: 'M', help: 'Random features (random-features kernel).', defaultText: String(DEFAULT_KERNEL_PARAMS.features) },
  seed: { type: 'string', valueName: 'S', help: 'Seed of the inputs and projections.', defaultText: '1' },
  workers: { type: 'string', valueName: 'W', help: 'Worker threads.', defaultText: 'all cores' },
  budget: { type: 'string', valueName: 'MIB', help: 'Working-memory budget in MiB; larger runs are rejected before they allocate.', defaultText: '4096' },
  json: { type: 'boolean', help: 'Print JSON.' },
};

const USAGE = 'npm run --silent cli -- attention --kernel ID --n N --d D [--heads H] [--causal] [--input gaussian|retrieval] [--repeats R] [--json]';
const SUMMARY = 'Run an attention kernel on worker threads: median time, GFLOP/s, memory and error against float64 exact attention.';

function integerOption(values: Record<string, string | boolean | undefined>, name: string, min: number, max: number, fallback?: number): number {
  const raw = values[name];
  if (raw === undefined) {
    if (fallback === undefined) throw new CliError(`--${name} is missing. Run "npm run --silent cli -- attention --help" for the options.`);
    return fallback;
  }
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliError(`--${name}: ${JSON.stringify(raw)} is invalid; expected an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`);
  }
  return value;
}

export const attentionCommand: CliCommand = {
  name: 'attention',
  summary: SUMMARY,
  async run(argv) {
    const values = parseOptions(argv, SPECS, 'attention');
    if (values.help) {
      process.stdout.write(formatHelp(USAGE, SUMMARY, SPECS));
      return 0;
    }
    const kernel = String(values.kernel ?? '');
    if (!(KERNEL_IDS as readonly string[]).includes(kernel)) {
      throw new CliError(`--kernel: ${JSON.stringify(values.kernel ?? 'missing')} is invalid; expected one of ${KERNEL_IDS.join(', ')}.`);
    }
    const input = String(values.input ?? 'gaussian');
    if (!(INPUT_KINDS as readonly string[]).includes(input)) {
      throw new CliError(`--input: ${JSON.stringify(input)} is invalid; expected one of ${INPUT_KINDS.join(', ')}.`);
    }
    const shape = {
      seqLen: integerOption(values, 'n', 1, 1 << 20),
      headDim: integerOption(values, 'd', 1, 512),
      heads: integerOption(values, 'heads', 1, 128, 1),
      causal: values.causal === true,
    };
    const params: KernelParams = {
      window: integerOption(values, 'window', 0, 1 << 20, DEFAULT_KERNEL_PARAMS.window),
      globalTokens: integerOption(values, 'globals', 0, 1 << 20, DEFAULT_KERNEL_PARAMS.globalTokens),
      block: integerOption(values, 'block', 1, 1 << 20, DEFAULT_KERNEL_PARAMS.block),
      rank: integerOption(values, 'rank', 1, 1 << 16, DEFAULT_KERNEL_PARAMS.rank),
      features: integerOption(values, 'features', 1, 1 << 16, DEFAULT_KERNEL_PARAMS.features),
      seed: integerOption(values, 'seed', 0, 2 ** 31, 1),
    };
    const repeats = integerOption(values, 'repeats', 1, 100, 3);
    const workers = integerOption(values, 'workers', 1, 256, availableParallelism());
    const budgetBytes = integerOption(values, 'budget', 1, 1 << 22, 4096) * 1024 ** 2;

    const pool = createNodeKernelPool(workers);
    try {
      const relaxedSimd = await pool.prepare();
      const result = await pool.run({ kernel, shape, input: input as InputKind, params, seed: params.seed }, { budgetBytes, repeats });
      const { errors } = result;
      const row = {
        kernel,
        n: shape.seqLen,
        d: shape.headDim,
        heads: shape.heads,
        causal: shape.causal,
        input,
        workers,
        repeats,
        medianMs: result.medianMs,
        timesMs: result.timesMs,
        flops: result.flops,
        gflops: result.gflops,
        extraBytes: result.extraBytes,
        ioBytes: result.ioBytes,
        maxAbsError: errors.maxAbsError,
        relFrobError: errors.relFrobError,
        meanCosine: errors.meanCosine,
        comparedRows: errors.comparedRows,
        ...(errors.retrievalAccuracy === null ? {} : { retrievalAccuracy: errors.retrievalAccuracy }),
        relaxedSimd,
      };
      if (values.json) {
        writeJson(row);
      } else {
        const retrieval = errors.retrievalAccuracy === null ? '' : `, retrieval ${(100 * errors.retrievalAccuracy).toFixed(1)}% correct`;
        process.stdout.write(
          `${kernel}, N = ${shape.seqLen.toLocaleString('en-US')}, d = ${shape.headDim}, ${shape.heads} head(s)${shape.causal ? ', causal' : ''}, ${workers} worker(s): ` +
            `median ${result.medianMs.toFixed(2)} ms, ${formatFlopsPerSecond(result.gflops * 1e9)}, working memory ${formatBytes(result.extraBytes, 'GiB')}, ` +
            `max abs error ${errors.maxAbsError.toExponential(2)}, relative Frobenius error ${errors.relFrobError.toExponential(2)}${retrieval}\n`,
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof MemoryBudgetError || error instanceof ValidationError || error instanceof KernelRunError) throw new CliError(error.message);
      throw error;
    } finally {
      pool.dispose();
    }
  },
};
