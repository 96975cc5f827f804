import { ACCURACY_URL_FIELDS } from '../accuracy/scenario.ts';
import { DEVICE_PRESETS, findDevicePreset } from '../devices/devices.ts';
import { describeValue, ValidationError } from '../errors.ts';
import { FABRIC_URL_FIELDS } from '../fabric/scenario.ts';
import { KERNELS_URL_FIELDS } from '../kernels/scenario.ts';
import { findModelPreset } from '../models/presets.ts';
import { RECIPE_IDS } from '../scaling/recipes.ts';
import { ATTENTION_VARIANTS, MODES, RECOMPUTE_MODES, SCALING_LIMITS, type AttentionSettings } from '../scaling/settings.ts';
import { MAX_SWEEP_POINTS } from '../scaling/sweep.ts';
import {
  booleanCodec, enumCodec, groupField, type AnyUrlField, idListCodec, integerCodec, numberCodec, PartiallyValidError, toSearchParams, type UrlField,
} from './fields.ts';
import { formatCustomModel, parseCustomModel } from './modelCodec.ts';
import { findScenarioPreset, SCENARIO_PRESETS } from './presets.ts';
import { resolveModel } from './resolve.ts';
import { DEFAULT_SCENARIO, SCENARIO_VERSION, VIEW_IDS, type DeviceOverride, type Scenario } from './types.ts';

/** A URL parameter that was ignored, with the reason, for the notice shown to the user. */
export interface IgnoredField {
  key: string;
  value: string;
  reason: string;
}

export interface DecodeResult {
  scenario: Scenario;
  ignored: IgnoredField[];
}

/** Longest text accepted for the title and description, in characters. */
export const MAX_TITLE_CHARS = 200;
export const MAX_DESCRIPTION_CHARS = 2000;

const textCodec = (key: string, maxChars: number) => ({
  parse(raw: string): string {
    if (raw.length > maxChars) throw new ValidationError(key, raw, `at most ${maxChars} characters`);
    return raw;
  },
  format: (value: string) => value,
});

const attentionField = <K extends keyof AttentionSettings>(key: string, name: K, codec: Pick<UrlField<Scenario, AttentionSettings[K]>, 'parse' | 'format'>): UrlField<Scenario, AttentionSettings[K]> => ({
  key,
  get: (scenario) => scenario.scaling.attention[name],
  set: (scenario, value) => ({ ...scenario, scaling: { ...scenario.scaling, attention: { ...scenario.scaling.attention, [name]: value } } }),
  ...codec,
});

/** Device edits as id~memory~unit~peakTFLOPs, joined by commas. */
const deviceOverridesCodec = {
  parse(raw: string): Record<string, DeviceOverride> {
    const overrides: Record<string, DeviceOverride> = {};
    for (const entry of raw.split(',').filter((part) => part !== '')) {
      const [id = '', memory, unit, peak] = entry.split('~');
      if (!findDevicePreset(id)) throw new ValidationError('devedit', id, 'a known device id');
      const memoryValue = Number(memory);
      const peakValue = Number(peak);
      if (!Number.isFinite(memoryValue) || memoryValue <= 0 || memoryValue > 1e6) throw new ValidationError('devedit', entry, 'a memory from 0 to 1,000,000 GB or GiB');
      if (unit !== 'GB' && unit !== 'GiB') throw new ValidationError('devedit', entry, 'the unit GB or GiB');
      if (!Number.isFinite(peakValue) || peakValue <= 0 || peakValue > 1e9) throw new ValidationError('devedit', entry, 'a peak from 0 to 1,000,000,000 TFLOP/s');
      overrides[id] = { memory: memoryValue, memoryUnit: unit, peakFlops: peakValue * 1e12 };
    }
    return overrides;
  },
  format(overrides: Record<string, DeviceOverride>): string {
    return Object.entries(overrides)
      .map(([id, o]) => `${id}~${o.memory}~${o.memoryUnit}~${o.peakFlops / 1e12}`)
      .join(',');
  },
  equals: (a: Record<string, DeviceOverride>, b: Record<string, DeviceOverride>) => deviceOverridesCodec.format(a) === deviceOverridesCodec.format(b),
};

const modelField: UrlField<Scenario, string> = {
  key: 'model',
  get: (scenario) => (scenario.model.kind === 'preset' ? scenario.model.id : 'custom'),
  set: (scenario, id) => (id === 'custom' ? scenario : { ...scenario, model: { kind: 'preset', id } }),
  parse(raw) {
    if (raw !== 'custom' && !findModelPreset(raw)) throw new ValidationError('model', raw, 'a preset id such as gpt-j-6b, or custom with cm=', 'The model was not found among the presets.');
    return raw;
  },
  format: (id) => id,
};

const customModelField: UrlField<Scenario, string> = {
  key: 'cm',
  get: (scenario) => (scenario.model.kind === 'custom' ? formatCustomModel(scenario.model.config) : ''),
  set: (scenario, raw) => (raw === '' ? scenario : { ...scenario, model: { kind: 'custom', config: parseCustomModel(raw, scenario.title || 'Custom model') } }),
  parse(raw) {
    parseCustomModel(raw);
    return raw;
  },
  format: (raw) => raw,
};

const isDeviceId = (id: string) => findDevicePreset(id) !== undefined;
const seq = SCALING_LIMITS.seq;

/** Every URL field of the shared scenario, in the order they are written. */
export const SCENARIO_URL_FIELDS: readonly AnyUrlField<Scenario>[] = [
  { key: 'view', get: (s) => s.view, set: (s, view) => ({ ...s, view }), ...enumCodec('view', VIEW_IDS) },
  { key: 'title', get: (s) => s.title, set: (s, title) => ({ ...s, title }), ...textCodec('title', MAX_TITLE_CHARS) },
  { key: 'desc', get: (s) => s.description, set: (s, description) => ({ ...s, description }), ...textCodec('desc', MAX_DESCRIPTION_CHARS) },
  modelField,
  customModelField,
  groupField('mode', 'scaling', 'mode', enumCodec('mode', MODES)),
  groupField('smin', 'scaling', 'seqMin', integerCodec('smin', seq.min, seq.max)),
  groupField('smax', 'scaling', 'seqMax', integerCodec('smax', seq.min, seq.max)),
  groupField('pts', 'scaling', 'points', integerCodec('pts', 2, MAX_SWEEP_POINTS)),
  groupField('b', 'scaling', 'batch', integerCodec('b', SCALING_LIMITS.batch.min, SCALING_LIMITS.batch.max)),
  groupField('recipe', 'scaling', 'recipe', enumCodec('recipe', RECIPE_IDS)),
  groupField('act', 'scaling', 'activationBytes', integerCodec('act', SCALING_LIMITS.activationBytes.min, SCALING_LIMITS.activationBytes.max)),
  groupField('wb', 'scaling', 'inferenceWeightBytes', integerCodec('wb', SCALING_LIMITS.inferenceWeightBytes.min, SCALING_LIMITS.inferenceWeightBytes.max)),
  groupField('rc', 'scaling', 'recompute', enumCodec('rc', RECOMPUTE_MODES)),
  attentionField('attn', 'variant', enumCodec('attn', ATTENTION_VARIANTS)),
  attentionField('w', 'window', integerCodec('w', SCALING_LIMITS.window.min, SCALING_LIMITS.window.max)),
  attentionField('g', 'globalTokens', integerCodec('g', SCALING_LIMITS.globalTokens.min, SCALING_LIMITS.globalTokens.max)),
  attentionField('blk', 'block', integerCodec('blk', SCALING_LIMITS.block.min, SCALING_LIMITS.block.max)),
  attentionField('k', 'rank', integerCodec('k', SCALING_LIMITS.rank.min, SCALING_LIMITS.rank.max)),
  attentionField('m', 'features', integerCodec('m', SCALING_LIMITS.features.min, SCALING_LIMITS.features.max)),
  groupField('tp', 'scaling', 'tensorParallel', integerCodec('tp', SCALING_LIMITS.tensorParallel.min, SCALING_LIMITS.tensorParallel.max)),
  groupField('sp', 'scaling', 'sequenceParallel', booleanCodec('sp')),
  groupField('logits', 'scaling', 'logits', booleanCodec('logits')),
  groupField('skip', 'scaling', 'causalSkip', booleanCodec('skip')),
  groupField('dev', 'scaling', 'devices', idListCodec('dev', isDeviceId, DEVICE_PRESETS.length, `device ids from ${DEVICE_PRESETS.map((device) => device.id).join(', ')}`)),
  groupField('devedit', 'scaling', 'deviceOverrides', deviceOverridesCodec),
  groupField('stack', 'scaling', 'stacked', booleanCodec('stack')),
  groupField('util', 'scaling', 'utilisation', numberCodec('util', 0.01, 1)),
  groupField('cdev', 'scaling', 'computeDevice', { ...enumCodec('cdev', DEVICE_PRESETS.map((d) => d.id)) }),
  ...FABRIC_URL_FIELDS,
  ...KERNELS_URL_FIELDS,
  ...ACCURACY_URL_FIELDS,
];

const fieldsByKey = new Map(SCENARIO_URL_FIELDS.map((field) => [field.key, field]));

/** The URL parameter that names the preset a scenario starts from. */
export const PRESET_KEY = 'preset';

function fieldEquals(field: AnyUrlField<Scenario>, a: unknown, b: unknown): boolean {
  return field.equals ? field.equals(a, b) : a === b;
}

const presetScenarios = new Map<string, Scenario>();

/**
 * Builds the scenario a preset stands for: its query applied to the defaults, with
 * its title. Throws ValidationError when the preset's own query is invalid,
 * which the preset tests catch; undefined for an unknown id.
 */
export function presetScenario(id: string): Scenario | undefined {
  const cached = presetScenarios.get(id);
  if (cached) return cached;
  const preset = findScenarioPreset(id);
  if (!preset) return undefined;
  let scenario: Scenario = { ...DEFAULT_SCENARIO, preset: id, title: preset.title };
  for (const [key, raw] of new URLSearchParams(preset.query)) scenario = applyScenarioField(scenario, key, raw);
  presetScenarios.set(id, scenario);
  return scenario;
}

function baseScenario(scenario: Scenario): Scenario {
  return (scenario.preset !== '' && presetScenario(scenario.preset)) || DEFAULT_SCENARIO;
}

/**
 * Writes the format version, then the preset the scenario starts from (if
 * any), then the fields that differ from that preset or from the defaults.
 */
export function encodeScenario(scenario: Scenario): URLSearchParams {
  const params = new URLSearchParams();
  params.set('v', String(SCENARIO_VERSION));
  const base = baseScenario(scenario);
  if (base.preset !== '') params.set(PRESET_KEY, base.preset);
  for (const field of SCENARIO_URL_FIELDS) {
    const value = field.get(scenario);
    if (!fieldEquals(field, value, field.get(base))) params.set(field.key, field.format(value));
  }
  return params;
}

function startingScenario(params: URLSearchParams, ignored: IgnoredField[]): Scenario {
  const id = params.get(PRESET_KEY);
  if (id === null) return DEFAULT_SCENARIO;
  const scenario = presetScenario(id);
  if (scenario) return scenario;
  ignored.push({ key: PRESET_KEY, value: id, reason: `preset not found; expected one of ${SCENARIO_PRESETS.map((p) => p.id).join(', ')}` });
  return DEFAULT_SCENARIO;
}

/**
 * Reads a scenario from URL parameters. Never throws: a field that fails to
 * parse keeps its value from the preset or the defaults and is listed in
 * `ignored` with the reason. A preset= parameter applies first, wherever it is.
 */
export function decodeScenario(query: string | URLSearchParams): DecodeResult {
  const params = toSearchParams(query);
  const ignored: IgnoredField[] = [];

  const version = params.get('v');
  if (version !== null && version !== String(SCENARIO_VERSION)) {
    ignored.push({ key: 'v', value: version, reason: `unknown format version; read as version ${SCENARIO_VERSION}` });
  }
  const base = startingScenario(params, ignored);
  let scenario = base;
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    if (seen.has(key)) {
      ignored.push({ key, value: raw, reason: 'repeated parameter; the first value was used' });
      continue;
    }
    seen.add(key);
    if (key === 'v' || key === PRESET_KEY) continue;
    const field = fieldsByKey.get(key);
    if (!field) {
      ignored.push({ key, value: raw, reason: 'unknown parameter' });
      continue;
    }
    try {
      scenario = field.set(scenario, field.parse(raw));
    } catch (error) {
      if (!(error instanceof ValidationError)) {
        // A field's own bug must not cost the user the rest of the link.
        ignored.push({ key, value: raw, reason: `could not be read (${error instanceof Error ? error.message : String(error)})` });
        continue;
      }
      if (error instanceof PartiallyValidError) {
        scenario = field.set(scenario, error.kept);
        const kept = Array.isArray(error.kept) ? error.kept.join(', ') : String(error.kept);
        ignored.push({ key, value: String(error.value), reason: `${reasonOf(error)} Kept ${kept}.` });
      } else {
        ignored.push({ key, value: raw, reason: reasonOf(error) });
      }
    }
  }
  return { scenario: checkCrossFieldRules(scenario, base, seen, ignored), ignored };
}

function reasonOf(error: ValidationError): string {
  return error.hint ? `expected ${error.allowed}. ${error.hint}` : `expected ${error.allowed}`;
}

/** Rules that involve two fields; a broken rule restores both to their starting values. */
function checkCrossFieldRules(scenario: Scenario, base: Scenario, givenKeys: ReadonlySet<string>, ignored: IgnoredField[]): Scenario {
  let result = scenario;
  if (result.scaling.seqMin > result.scaling.seqMax) {
    const { seqMin, seqMax } = result.scaling;
    const reset = `both reset to ${base.scaling.seqMin} and ${base.scaling.seqMax}`;
    ignored.push(givenKeys.has('smin')
      ? { key: 'smin', value: String(seqMin), reason: `must not exceed smax (${seqMax}); ${reset}` }
      : { key: 'smax', value: String(seqMax), reason: `must not be below smin (${seqMin}); ${reset}` });
    result = { ...result, scaling: { ...result.scaling, seqMin: base.scaling.seqMin, seqMax: base.scaling.seqMax } };
  }
  if (result.model.kind === 'preset' && !findModelPreset(result.model.id)) {
    ignored.push({ key: 'model', value: describeValue(result.model.id), reason: 'model not found' });
    result = { ...result, model: base.model };
  }
  // Tensor parallelism gives each device whole attention heads, so t must divide the head count.
  const heads = resolveModel(result.model)?.heads;
  const { tensorParallel } = result.scaling;
  if (heads !== undefined && heads % tensorParallel !== 0) {
    const fallback = heads % base.scaling.tensorParallel === 0 ? base.scaling.tensorParallel : 1;
    ignored.push({ key: 'tp', value: String(tensorParallel), reason: `expected a divisor of the model's ${heads} attention heads; ${fallback} is used` });
    result = { ...result, scaling: { ...result.scaling, tensorParallel: fallback } };
  }
  return result;
}

/** Formats the scenario as a query string starting with "?". */
export function scenarioQuery(scenario: Scenario): string {
  // Commas separate list items and read better unescaped; they are legal in a query string.
  return `?${encodeScenario(scenario).toString().replace(/%2C/gi, ',')}`;
}

/**
 * Sets one field from its text, as the URL would. Throws ValidationError for
 * an invalid value, so the command line reports the same errors as the page.
 */
export function applyScenarioField(scenario: Scenario, key: string, raw: string): Scenario {
  const field = fieldsByKey.get(key);
  if (!field) throw new ValidationError(key, raw, 'a known scenario field');
  return field.set(scenario, field.parse(raw));
}

/** Formats one field's current value as the URL would write it, default or not. */
export function formatScenarioField(scenario: Scenario, key: string): string {
  const field = fieldsByKey.get(key);
  if (!field) throw new ValidationError(key, key, 'a known scenario field');
  return field.format(field.get(scenario));
}
