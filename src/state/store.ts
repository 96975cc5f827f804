import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { DEFAULT_SCENARIO, type Scenario, type ScalingScenario, type ViewId } from '../core/scenario/types.ts';
import type { IgnoredField } from '../core/scenario/url.ts';

/** A link, a scenario file that loaded with some fields ignored, or a file rejected whole. */
export type IgnoredSource = 'link' | 'file' | 'rejected-file';

export interface AppState {
  scenario: Scenario;
  /** URL fields that were ignored when the page opened or the user went Back, shown in a notice. */
  ignored: IgnoredField[];
  /** Origin of the ignored fields, which decides the notice's wording. */
  ignoredSource: IgnoredSource;
  setScenario(update: Scenario | ((scenario: Scenario) => Scenario)): void;
  updateScaling(patch: Partial<ScalingScenario>): void;
  setView(view: ViewId): void;
  setIgnored(ignored: IgnoredField[], source?: IgnoredSource): void;
  dismissIgnored(): void;
}

/** Creates the app's store. Tests create their own; the page uses `appStore`. */
export function createAppStore(initial: Scenario = DEFAULT_SCENARIO) {
  return createStore<AppState>()((set) => ({
    scenario: initial,
    ignored: [],
    ignoredSource: 'link',
    setScenario: (update) => set((state) => ({ scenario: typeof update === 'function' ? update(state.scenario) : update })),
    updateScaling: (patch) => set((state) => ({ scenario: { ...state.scenario, scaling: { ...state.scenario.scaling, ...patch } } })),
    setView: (view) => set((state) => ({ scenario: { ...state.scenario, view } })),
    setIgnored: (ignored, source = 'link') => set({ ignored, ignoredSource: source }),
    dismissIgnored: () => set({ ignored: [] }),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export const appStore = createAppStore();

/** Subscribes a component to one slice of the app state. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
