import { roundCamera, type FabricCamera } from '../../core/fabric/scenario.ts';
import type { Camera } from '../../state/fabricStore.ts';

/** Size of the heatmap in CSS pixels. */
export interface ViewSize {
  width: number;
  height: number;
}

/** Share of the view the whole fabric takes when it fits, leaving a thin margin. */
const FIT_SHARE = 0.98;

/** Returns the screen camera that shows the whole fabric, centred. */
export function fitCamera(view: ViewSize, columns: number, rows: number): Camera {
  const k = Math.min(view.width / columns, view.height / rows) * FIT_SHARE;
  return { k, x: (view.width - columns * k) / 2, y: (view.height - rows * k) / 2 };
}

/** Converts the scenario's camera (centre in PEs, zoom relative to fit) into a screen camera for this view. */
export function screenCamera(camera: FabricCamera | undefined, view: ViewSize, columns: number, rows: number): Camera {
  const fit = fitCamera(view, columns, rows);
  if (!camera) return fit;
  const k = fit.k * camera.zoom;
  return { k, x: view.width / 2 - camera.centerX * k, y: view.height / 2 - camera.centerY * k };
}

/**
 * Converts a screen camera into the scenario's terms, rounded as the URL
 * writes it. Returns undefined when it shows the whole fabric as fitted, so
 * that the URL leaves the default out.
 */
export function scenarioCamera(camera: Camera, view: ViewSize, columns: number, rows: number): FabricCamera | undefined {
  const fit = fitCamera(view, columns, rows);
  const rounded = roundCamera({ centerX: (view.width / 2 - camera.x) / camera.k, centerY: (view.height / 2 - camera.y) / camera.k, zoom: camera.k / fit.k });
  const fitted = roundCamera({ centerX: columns / 2, centerY: rows / 2, zoom: 1 });
  const isFit = rounded.zoom === fitted.zoom && rounded.centerX === fitted.centerX && rounded.centerY === fitted.centerY;
  return isFit ? undefined : rounded;
}

/** Tells whether two scenario cameras are the same once rounded as the URL writes them. */
export function sameCamera(a: FabricCamera | undefined, b: FabricCamera | undefined): boolean {
  if (!a || !b) return a === b;
  const [ra, rb] = [roundCamera(a), roundCamera(b)];
  return ra.centerX === rb.centerX && ra.centerY === rb.centerY && ra.zoom === rb.zoom;
}
