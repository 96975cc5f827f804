import { readFileSync } from 'node:fs';
import { DEVICE_PRESETS } from '../core/devices/devices.ts';
import { ConfigImportError, ValidationError } from '../core/errors.ts';
import { importHuggingFaceConfig } from '../core/models/hfConfig.ts';
import { MODEL_PRESETS } from '../core/models/presets.ts';
import type { ModelConfig } from '../core/models/types.ts';
import { resolveModel } from '../core/scenario/resolve.ts';
import { DEFAULT_SCENARIO, type Scenario } from '../core/scenario/types.ts';
import { findRuleProblems } from '../core/scenario/rules.ts';
import { applyScenarioField } from '../core/scenario/url.ts';
import { RECIPE_IDS } from '../core/scaling/recipes.ts';
import { ATTENTION_VARIANTS, DEFAULT_ATTENTION, RECOMPUTE_MODES, SCALING_LIMITS } from '../core/scaling/settings.ts';
import { CliError, type OptionSpecs } from './args.ts';

/** Options shared by the scaling commands; each maps onto the scenario field of the same meaning. */
export const SCALING_OPTION_SPECS: OptionSpecs = {
  model: { type: 'string', valueName: 'ID', help: `Model preset id (${MODEL_PRESETS.map((m) => m.id).join(', ')}).`, defaultText: DEFAULT_SCENARIO.model.kind === 'preset' ? DEFAULT_SCENARIO.model.id : 'custom' },
  config: { type: 'string', valueName: 'FILE', help: 'A Hugging Face config.json to use instead of --model.' },
  batch: { type: 'string', valueName: 'N', help: 'Micro-batch: sequences per device per step.', defaultText: '1' },
  recipe: { type: 'string', valueName: 'ID', help: `Bytes per parameter for weights, gradients and optimizer state: ${RECIPE_IDS.join(', ')}.`, defaultText: 'mixed-adam (16 B/param)' },
  'activation-bytes': { type: 'string', valueName: 'N', help: 'Bytes per stored activation value.', defaultText: '2' },
  recompute: { type: 'string', valueName: 'MODE', help: `Activation recomputation: ${RECOMPUTE_MODES.join(', ')}.`, defaultText: 'none' },
  attention: { type: 'string', valueName: 'VARIANT', help: `Attention variant: ${ATTENTION_VARIANTS.join(', ')}.`, defaultText: 'materialised' },
  window: { type: 'string', valueName: 'N', help: 'Sliding-window width w, in tokens.', defaultText: String(DEFAULT_ATTENTION.window) },
  'global-tokens': { type: 'string', valueName: 'N', help: 'Global tokens g for the sliding window.', defaultText: String(DEFAULT_ATTENTION.globalTokens) },
  block: { type: 'string', valueName: 'N', help: 'Block size B for hierarchical attention, in tokens.', defaultText: String(DEFAULT_ATTENTION.block) },
  rank: { type: 'string', valueName: 'N', help: 'Projected length k for low-rank attention.', defaultText: String(DEFAULT_ATTENTION.rank) },
  features: { type: 'string', valueName: 'N', help: 'Random features m for Performer attention.', defaultText: String(DEFAULT_ATTENTION.features) },
  tp: { type: 'string', valueName: 'N', help: 'Tensor-parallel degree t: memory is per device; FLOPs are for the whole step, timed on t devices.', defaultText: '1' },
  sp: { type: 'boolean', help: 'Sequence parallelism: also split LayerNorm and dropout activations by t.' },
  'no-logits': { type: 'boolean', help: "Leave out the output layer's activations (the published figure's formula)." },
  inference: { type: 'boolean', help: 'Inference: weights, KV cache and working set instead of training state.' },
  'weight-bytes': { type: 'string', valueName: 'N', help: 'Bytes per weight in inference mode.', defaultText: '2' },
  'causal-skip': { type: 'boolean', help: 'Count half the attention FLOPs, as a causal kernel that skips masked blocks does.' },
  devices: { type: 'string', valueName: 'LIST', help: `Comma-separated device ids (${DEVICE_PRESETS.map((d) => d.id).join(', ')}).`, defaultText: DEFAULT_SCENARIO.scaling.devices.join(',') },
  'device-edit': { type: 'string', valueName: 'LIST', help: 'Edited device figures as id~memory~GB|GiB~peakTFLOPs, comma-separated (e.g. a100-80gb~80~GiB~312).' },
  utilisation: { type: 'string', valueName: 'X', help: 'Fraction of peak FLOP/s achieved, for time per step.', defaultText: String(DEFAULT_SCENARIO.scaling.utilisation) },
  'compute-device': { type: 'string', valueName: 'ID', help: 'Device whose peak gives the time per step.', defaultText: DEFAULT_SCENARIO.scaling.computeDevice },
  json: { type: 'boolean', help: 'Print JSON.' },
  csv: { type: 'boolean', help: 'Print CSV with units in the column names.' },
};

/** CLI option name to scenario URL key, for options that take a value. */
const VALUE_OPTIONS: Record<string, string> = {
  model: 'model',
  batch: 'b',
  recipe: 'recipe',
  'activation-bytes': 'act',
  recompute: 'rc',
  attention: 'attn',
  window: 'w',
  'global-tokens': 'g',
  block: 'blk',
  rank: 'k',
  features: 'm',
  tp: 'tp',
  'weight-bytes': 'wb',
  devices: 'dev',
  'device-edit': 'devedit',
  utilisation: 'util',
  'compute-device': 'cdev',
};

export interface ScalingInput {
  scenario: Scenario;
  model: ModelConfig;
}

/** Builds the scenario from the options, with the same validation as the page's URL. */
export function scenarioFromOptions(values: Record<string, string | boolean | undefined>): ScalingInput {
  let scenario = DEFAULT_SCENARIO;
  const apply = (option: string, key: string, raw: string) => {
    try {
      scenario = applyScenarioField(scenario, key, raw);
    } catch (error) {
      if (error instanceof ValidationError && option === 'model') {
        throw new CliError(`--model: "${raw}" was not found. Use a preset id from --help, or --config FILE for a Hugging Face config.json.`);
      }
      if (error instanceof ValidationError) throw new CliError(`--${option}: ${error.message.replace(/^[^:]+: /, '')}`);
      throw error;
    }
  };
  for (const [option, key] of Object.entries(VALUE_OPTIONS)) {
    const value = values[option];
    if (typeof value === 'string') apply(option, key, value);
  }
  if (values.sp) apply('sp', 'sp', '1');
  if (values['no-logits']) apply('no-logits', 'logits', '0');
  if (values.inference) apply('inference', 'mode', 'inference');
  if (values['causal-skip']) apply('causal-skip', 'skip', '1');

  if (typeof values.config === 'string') {
    if (typeof values.model === 'string') throw new CliError('Give either --model or --config, not both.');
    scenario = { ...scenario, model: { kind: 'custom', config: readConfig(values.config) } };
  }
  const model = resolveModel(scenario.model);
  if (!model) throw new CliError('The model was not found. Use --model with a preset id or --config with a config.json.');
  if (values.json && values.csv) throw new CliError('Give either --json or --csv, not both.');
  const tpProblem = findRuleProblems(scenario).find((problem) => problem.field === 'tp');
  if (tpProblem) throw new CliError(`--tp: ${tpProblem.message.replace(/^[^:]+: /, '')}`);
  return { scenario, model };
}

function readConfig(path: string): ModelConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a folder' };
    const reason = (code && reasons[code]) ?? (error as Error).message;
    throw new CliError(`--config: cannot read "${path}": ${reason}. Give the path of a Hugging Face config.json file.`);
  }
  try {
    return importHuggingFaceConfig(text);
  } catch (error) {
    if (error instanceof ConfigImportError) throw new CliError(`--config ${path}: ${error.message}`);
    throw error;
  }
}

/** Parses --seq: comma-separated integers, each within the sequence-length range. */
export function parseSequenceList(raw: string | boolean | undefined): number[] {
  if (typeof raw !== 'string' || raw.trim() === '') throw new CliError('--seq is required: a comma-separated list of sequence lengths, e.g. --seq 2048,8192.');
  const items = raw.split(',').map((item) => item.trim());
  if (items.length > 100_000) throw new CliError(`--seq: ${items.length} values; the limit is 100,000.`);
  return items.map((item) => {
    const value = /^\d+$/.test(item) ? Number(item) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < SCALING_LIMITS.seq.min || value > SCALING_LIMITS.seq.max) {
      throw new CliError(`--seq: "${item}" is invalid; expected integers from ${SCALING_LIMITS.seq.min} to ${SCALING_LIMITS.seq.max.toLocaleString('en-US')}.`);
    }
    return value;
  });
}
