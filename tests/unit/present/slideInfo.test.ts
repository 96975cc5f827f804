import { describe, expect, it } from 'vitest';
import { findScenarioPreset } from '../../../src/core/scenario/presets.ts';
import { presetScenario } from '../../../src/core/scenario/url.ts';
import { slideText } from '../../../src/ui/present/slideInfo.ts';

describe('slide title and caption', () => {
  const preset = findScenarioPreset('gpt-j-figure')!;
  const scenario = presetScenario('gpt-j-figure')!;

  it('uses the preset in its view', () => {
    expect(scenario.view).toBe(preset.view);
    expect(slideText(scenario)).toEqual({ title: preset.title, caption: preset.caption });
  });

  it('names the view elsewhere', () => {
    expect(slideText({ ...scenario, view: 'fabric' })).toEqual({ title: 'Fabric', caption: '' });
    expect(slideText({ ...scenario, view: 'kernels' }).title).toBe('Kernels');
  });

  it('keeps the user title anywhere', () => {
    const own = { ...scenario, view: 'fabric' as const, title: 'Overflow stripes at s = 2,400', description: 'One stripe per token row.' };
    expect(slideText(own)).toEqual({ title: 'Overflow stripes at s = 2,400', caption: 'One stripe per token row.' });
  });
});
