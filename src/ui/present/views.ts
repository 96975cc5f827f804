import { lazy } from 'react';
import type { ViewId } from '../../core/scenario/types.ts';

// These are the modules App.tsx loads lazily, and the bundler emits one chunk per view.
// Calling a loader early therefore has the slide's view ready when it is shown.
const loaders = {
  scaling: () => import('../scaling/ScalingView.tsx'),
  fabric: () => import('../fabric/FabricView.tsx'),
  kernels: () => import('../kernels/KernelsView.tsx'),
  accuracy: () => import('../accuracy/AccuracyView.tsx'),
} satisfies Record<ViewId, () => Promise<{ default: () => React.ReactNode }>>;

export const SLIDE_VIEWS = {
  scaling: lazy(loaders.scaling),
  fabric: lazy(loaders.fabric),
  kernels: lazy(loaders.kernels),
  accuracy: lazy(loaders.accuracy),
} satisfies Record<ViewId, unknown>;

/** Starts loading a view's module; errors surface when the slide renders. */
export function preloadView(view: ViewId): void {
  loaders[view]().catch(() => undefined);
}

/** Views whose result needs a worker computation before it can be shown. */
export const COMPUTING_VIEWS: ReadonlySet<ViewId> = new Set(['fabric', 'kernels']);
