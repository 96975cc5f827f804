import { findScenarioPreset } from '../../core/scenario/presets.ts';
import type { Scenario } from '../../core/scenario/types.ts';

const VIEW_NAMES = { scaling: 'Scaling', fabric: 'Fabric', kernels: 'Kernels', accuracy: 'Accuracy by position' } as const;

/**
 * Returns a slide's title and caption: the user's own, else the preset's,
 * else the view's name. A preset's title and caption describe its own view,
 * so a slide of another view made from it does not borrow them.
 */
export function slideText(scenario: Scenario): { title: string; caption: string } {
  const preset = scenario.preset === '' ? undefined : findScenarioPreset(scenario.preset);
  const presetFits = preset !== undefined && preset.view === scenario.view;
  // Loading a preset copies its title into the scenario, so only a different title is the user's.
  const ownTitle = scenario.title !== '' && scenario.title !== preset?.title ? scenario.title : '';
  return {
    title: ownTitle || (presetFits ? preset.title : '') || VIEW_NAMES[scenario.view],
    caption: scenario.description || (presetFits ? preset.caption : ''),
  };
}
