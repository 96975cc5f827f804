import { describe, expect, it } from 'vitest';
import { decodeScenario, encodeScenario, presetScenario, scenarioQuery } from '../../../src/core/scenario/url.ts';
import { findScenarioPreset, SCENARIO_PRESETS } from '../../../src/core/scenario/presets.ts';
import { DEFAULT_SCENARIO } from '../../../src/core/scenario/types.ts';
import { scenarioKeyFigures } from '../../../src/core/scenario/keyFigures.ts';
import { linearActivationBytesPerToken, logitBytesPerToken } from '../../../src/core/scaling/memory.ts';
import { findModelPreset } from '../../../src/core/models/presets.ts';
import { findFabricPreset } from '../../../src/core/fabric/presets.ts';

describe('scenario presets', () => {
  it('ids are unique', () => {
    expect(new Set(SCENARIO_PRESETS.map((p) => p.id)).size).toBe(SCENARIO_PRESETS.length);
  });

  for (const preset of SCENARIO_PRESETS) {
    describe(preset.id, () => {
      it('query has only valid fields', () => {
        const { ignored } = decodeScenario(preset.query);
        expect(ignored).toEqual([]);
      });

      it('survives encode and decode unchanged', () => {
        const scenario = presetScenario(preset.id)!;
        const decoded = decodeScenario(scenarioQuery(scenario));
        expect(decoded.ignored).toEqual([]);
        expect(decoded.scenario).toEqual(scenario);
      });

      it('link is the preset id alone', () => {
        expect(scenarioQuery(presetScenario(preset.id)!)).toBe(`?v=1&preset=${preset.id}`);
      });

      it('opens its view with its title', () => {
        const scenario = presetScenario(preset.id)!;
        expect(scenario.view).toBe(preset.view);
        expect(scenario.title).toBe(preset.title);
        expect(preset.summary.length).toBeGreaterThan(100);
        expect(preset.sources.length).toBeGreaterThan(0);
        expect(preset.caption.length).toBeGreaterThan(20);
        expect(preset.caption.length).toBeLessThanOrEqual(200);
      });
    });
  }

  it('published figure is the default without logits', () => {
    const scenario = presetScenario('gpt-j-figure')!;
    expect({ ...scenario, preset: '', title: '' }).toEqual({ ...DEFAULT_SCENARIO, scaling: { ...DEFAULT_SCENARIO.scaling, logits: false } });
  });

  it('fields changed after a preset are written against it', () => {
    const base = presetScenario('very-long-sequences')!;
    const changed = { ...base, scaling: { ...base.scaling, recompute: 'none' as const } };
    const params = encodeScenario(changed);
    expect(params.get('preset')).toBe('very-long-sequences');
    expect(params.get('rc')).toBe('none');
    expect(params.get('attn')).toBeNull();
    expect(decodeScenario(params).scenario).toEqual(changed);
  });

  it('unknown preset id is reported', () => {
    const { scenario, ignored } = decodeScenario('?preset=nope&b=4');
    expect(ignored.map((f) => f.key)).toEqual(['preset']);
    expect(ignored[0]!.reason).toContain('gpt-j-figure');
    expect(scenario.scaling.batch).toBe(4);
    expect(scenario.preset).toBe('');
  });

  it('GPU against wafer preset: GPT-J fits only on the wafer', () => {
    // 16 B/param × 6,050,882,784 parameters is about 96.8 GB, more than an 80 GB GPU holds.
    const figures = scenarioKeyFigures(presetScenario('longest-sequence-gpu-vs-wafer')!)!;
    const fit = (id: string) => figures.fits.find((f) => f.deviceId === id)!.maxSeqTokens;
    expect(fit('a100-80gb')).toBeNull();
    expect(fit('h100-80gb')).toBeNull();
    expect(fit('wse-2')).toBeGreaterThan(1000);
  });

  it('very long preset grows the wafer limit twentyfold', () => {
    const before = scenarioKeyFigures(presetScenario('longest-sequence-gpu-vs-wafer')!)!;
    const after = scenarioKeyFigures(presetScenario('very-long-sequences')!)!;
    const wafer = (f: typeof before) => f.fits.find((x) => x.deviceId === 'wse-2')!.maxSeqTokens!;
    // The summary says "a few thousand tokens to tens of thousands" and the caption "more than twentyfold".
    expect(wafer(before)).toBeGreaterThan(1000);
    expect(wafer(before)).toBeLessThan(10_000);
    expect(wafer(after)).toBeGreaterThan(10_000);
    expect(wafer(after)).toBeLessThan(100_000);
    expect(wafer(after)).toBeGreaterThan(20 * wafer(before));
  });

  it('very long preset: logits match the stored layer inputs', () => {
    const scenario = presetScenario('very-long-sequences')!;
    const model = findModelPreset('gpt-j-6b')!;
    // "About 218 kB per token, almost as much as all 28 stored layer inputs together (229 kB)."
    expect(logitBytesPerToken(model, scenario.scaling) / 1e3).toBeCloseTo(218, 0);
    expect((linearActivationBytesPerToken(model, scenario.scaling) * model.layers) / 1e3).toBeCloseTo(229.4, 1);
    const limit = scenarioKeyFigures(scenario)!.fits.find((x) => x.deviceId === 'wse-2')!.maxSeqTokens!;
    const withoutLogits = scenarioKeyFigures({ ...scenario, scaling: { ...scenario.scaling, logits: false } })!;
    const longer = withoutLogits.fits.find((x) => x.deviceId === 'wse-2')!.maxSeqTokens!;
    // "Leaving them out roughly doubles the limit again."
    expect(longer / limit).toBeGreaterThan(1.7);
    expect(longer / limit).toBeLessThan(2.3);
  });

  it('crossover preset spans s = 6h for GPT-J', () => {
    const scenario = presetScenario('attention-crossover')!;
    const figures = scenarioKeyFigures(scenario)!;
    // s = 6h = 6 × 4096 in the Megatron-LM and PaLM FLOP counts.
    expect(figures.crossoverTokens).toBe(24_576);
    expect(scenario.scaling.seqMin).toBeLessThan(24_576);
    expect(scenario.scaling.seqMax).toBeGreaterThan(24_576);
  });

  it('broadcast preset: first bytes cross in under 1 µs', () => {
    const scenario = presetScenario('broadcast-vs-gpu-hop')!;
    const fabric = findFabricPreset(scenario.fabric.fabricId)!.parameters;
    // "One clock cycle each at 1.1 GHz ... WSE-2's 757 columns in under a microsecond."
    expect(scenario.fabric.fabricId).toBe('wse-2');
    expect(fabric.columns).toBe(757);
    expect(fabric.cyclesPerHop).toBe(1);
    expect(fabric.clockHz).toBe(1.1e9);
    expect((fabric.columns * fabric.cyclesPerHop) / fabric.clockHz).toBeLessThan(1e-6);
    expect(scenario.fabric.gpu.latencySeconds).toBe(2e-6);
  });

  it('finds presets by id', () => {
    expect(findScenarioPreset('attention-crossover')?.view).toBe('scaling');
    expect(findScenarioPreset('missing')).toBeUndefined();
  });
});
