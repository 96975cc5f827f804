import { lazy, Suspense, type KeyboardEvent } from 'react';
import { VIEW_IDS, type ViewId } from '../core/scenario/types.ts';
import { useAppState } from '../state/store.ts';
import { ErrorBoundary } from './common/ErrorBoundary.tsx';
import { IgnoredFieldsNotice } from './common/IgnoredFieldsNotice.tsx';
import { HeaderTools, PresetInfo, Presentation } from './present/index.ts';
import { useDeckState } from '../state/deck.ts';

const ScalingView = lazy(() => import('./scaling/ScalingView.tsx'));
const FabricView = lazy(() => import('./fabric/FabricView.tsx'));
const KernelsView = lazy(() => import('./kernels/KernelsView.tsx'));
const AccuracyView = lazy(() => import('./accuracy/AccuracyView.tsx'));

const VIEW_LABELS: Record<ViewId, string> = {
  scaling: 'Scaling',
  fabric: 'Fabric',
  kernels: 'Kernels',
  accuracy: 'Accuracy by position',
};

function ViewContent({ view }: { view: ViewId }) {
  switch (view) {
    case 'scaling':
      return <ScalingView />;
    case 'fabric':
      return <FabricView />;
    case 'kernels':
      return <KernelsView />;
    case 'accuracy':
      return <AccuracyView />;
  }
}

export function App() {
  const scenario = useAppState((state) => state.scenario);
  const view = scenario.view;
  const setView = useAppState((state) => state.setView);

  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern describes.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const index = (VIEW_IDS.indexOf(view) + step + VIEW_IDS.length) % VIEW_IDS.length;
    const next = VIEW_IDS[index]!;
    setView(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  const presenting = useDeckState((state) => state.presenting !== null);
  if (presenting) return <Presentation />;

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-title">
          seqscope <span className="app-tagline">what long sequences cost a transformer</span>
        </h1>
        <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onTabKey}>
          {VIEW_IDS.map((id) => (
            <button
              key={id}
              id={`tab-${id}`}
              role="tab"
              type="button"
              aria-selected={view === id}
              aria-controls="view-panel"
              tabIndex={view === id ? 0 : -1}
              className={view === id ? 'tab tab-active' : 'tab'}
              onClick={() => setView(id)}
            >
              {VIEW_LABELS[id]}
            </button>
          ))}
        </div>
        <HeaderTools />
      </header>
      <IgnoredFieldsNotice />
      <PresetInfo />
      <main id="view-panel" role="tabpanel" aria-labelledby={`tab-${view}`} className="view-panel">
        <ErrorBoundary key={view} label={VIEW_LABELS[view]} resetKey={scenario}>
          <Suspense fallback={<p className="loading">Loading the {VIEW_LABELS[view]} view…</p>}>
            <ViewContent view={view} />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
