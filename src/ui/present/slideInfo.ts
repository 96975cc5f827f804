import { findScenarioPreset } from '../../core/scenario/presets.ts';
import type { Scenario } from '../../core/scenario/types.ts';

const VIEW_NAMES = { scaling: 'Scaling', fabric: 'Fabric', kernels: 'Kernels', accuracy: 'Accuracy by position' } as const;

/** Returns a slide's title and caption: the user's own, else the preset's, else the view's name. */
export function slideText(scenario: Scenario): { title: string; caption: string } {
  const preset = scenario.preset === '' ? undefined : findScenarioPreset(scenario.preset);
  return {
    title: scenario.title || preset?.title || VIEW_NAMES[scenario.view],
    caption: scenario.description || preset?.caption || '',
  };
}
