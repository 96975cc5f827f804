import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDevicePreset } from '../../../src/core/devices/devices.ts';
import { findModelPreset } from '../../../src/core/models/presets.ts';
import { SCENARIO_PRESETS } from '../../../src/core/scenario/presets.ts';
import { resolveModel } from '../../../src/core/scenario/resolve.ts';
import { VIEW_IDS, type Scenario } from '../../../src/core/scenario/types.ts';
import { decodeScenario, encodeScenario, presetScenario, SCENARIO_URL_FIELDS, scenarioQuery } from '../../../src/core/scenario/url.ts';
import { findSettingsProblems, SCALING_LIMITS } from '../../../src/core/scaling/settings.ts';

const RUNS = 2000;
const KEYS = [...SCENARIO_URL_FIELDS.map((field) => field.key), 'preset', 'v', 'deck', 'slide', 'zz', ''];

/** Returns the problems that make a decoded scenario unusable; empty when it is valid. */
function problemsOf(scenario: Scenario): string[] {
  const problems = findSettingsProblems(scenario.scaling).map((p) => p.message);
  if (!VIEW_IDS.includes(scenario.view)) problems.push(`view ${scenario.view}`);
  if (scenario.model.kind === 'preset' && !findModelPreset(scenario.model.id)) problems.push(`model ${scenario.model.id}`);
  for (const id of scenario.scaling.devices) if (!findDevicePreset(id)) problems.push(`device ${id}`);
  const { seqMin, seqMax } = scenario.scaling;
  if (!(seqMin >= SCALING_LIMITS.seq.min && seqMin <= seqMax && seqMax <= SCALING_LIMITS.seq.max)) problems.push(`seq ${seqMin}..${seqMax}`);
  if (scenario.preset !== '' && !presetScenario(scenario.preset)) problems.push(`preset ${scenario.preset}`);
  const heads = resolveModel(scenario.model)?.heads ?? 1;
  if (heads % scenario.scaling.tensorParallel !== 0) problems.push(`tp ${scenario.scaling.tensorParallel} does not divide ${heads} heads`);
  // Every field the URL writes must read back, so the scenario is one a URL can express.
  for (const [key, raw] of encodeScenario(scenario)) {
    const field = SCENARIO_URL_FIELDS.find((candidate) => candidate.key === key);
    if (!field) continue;
    try {
      field.parse(raw);
    } catch (error) {
      problems.push(`${key}: ${(error as Error).message}`);
    }
  }
  return problems;
}

const valueArbitrary = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('0', '1', 'true', 'false', '-1', 'NaN', 'Infinity', '1e309', '', ' ', '%', '%zz', '<script>alert(1)</script>'),
  fc.constantFrom('gpt-j-6b', 'llama-2-7b', 'custom', 'wse-2', 'a100-80gb,h100-80gb', 'a100-80gb,nope', 'tiled', 'full', 'scaling', 'fabric'),
  fc.constantFrom(...SCENARIO_PRESETS.map((p) => p.id)),
  fc.array(fc.constantFrom('a100-80gb', 'wse-2', 'x', '', '~', '80', 'GB', 'GiB'), { maxLength: 6 }).map((parts) => parts.join(fc.sample(fc.constantFrom(',', '~'), 1)[0]!)),
);

const paramsArbitrary = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), valueArbitrary), { maxLength: 12 })
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [key, value] of pairs) params.append(key, value);
    return params.toString();
  });

const queryArbitrary = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  paramsArbitrary,
  paramsArbitrary.map((query) => `?${query}`),
  fc.tuple(fc.constantFrom(...SCENARIO_PRESETS.map((p) => p.id)), paramsArbitrary).map(([id, query]) => `preset=${id}&${query}`),
);

describe('URL codec properties', () => {
  it('decoding never throws and gives a valid scenario', () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const { scenario } = decodeScenario(query);
        expect(problemsOf(scenario)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('encoding a decoded scenario is stable', () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const first = scenarioQuery(decodeScenario(query).scenario);
        const again = decodeScenario(first);
        expect(again.ignored).toEqual([]);
        expect(scenarioQuery(again.scenario)).toBe(first);
      }),
      { numRuns: RUNS },
    );
  });

  it('every ignored field names a key present in the query', () => {
    fc.assert(
      fc.property(paramsArbitrary, (query) => {
        const keys = new Set([...new URLSearchParams(query).keys()]);
        for (const field of decodeScenario(query).ignored) expect(keys.has(field.key)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('valid fields apply beside invalid ones', () => {
    const { scenario, ignored } = decodeScenario('?b=0&rc=full&smax=abc&attn=tiled');
    expect(ignored.map((field) => field.key)).toEqual(['b', 'smax']);
    expect(scenario.scaling.recompute).toBe('full');
    expect(scenario.scaling.attention.variant).toBe('tiled');
    expect(scenario.scaling.batch).toBe(1);
  });

  it('unknown device ids are reported and known ones kept', () => {
    const { scenario, ignored } = decodeScenario('?dev=wse-2,gpu-9000,h100-80gb');
    expect(scenario.scaling.devices).toEqual(['wse-2', 'h100-80gb']);
    expect(ignored).toHaveLength(1);
    expect(ignored[0]!.value).toBe('gpu-9000');
    expect(ignored[0]!.reason).toContain('gpu-9000');
  });

  it('tensor parallelism must divide the heads', () => {
    const { scenario, ignored } = decodeScenario('?tp=3&b=2');
    expect(scenario.scaling.tensorParallel).toBe(1);
    expect(scenario.scaling.batch).toBe(2);
    expect(ignored.map((f) => f.key)).toEqual(['tp']);
    expect(ignored[0]!.reason).toContain('16 attention heads');
    expect(decodeScenario('?tp=8').scenario.scaling.tensorParallel).toBe(8);
  });

    it('unknown model id is reported', () => {
    const { scenario, ignored } = decodeScenario('?model=gpt-9');
    expect(scenario.model).toEqual({ kind: 'preset', id: 'gpt-j-6b' });
    expect(ignored[0]!.key).toBe('model');
  });

  it('markup in the title stays text', () => {
    const title = '<img src=x onerror=alert(1)>';
    const query = scenarioQuery({ ...decodeScenario('').scenario, title });
    expect(decodeScenario(query).scenario.title).toBe(title);
  });
});
