// Browser side of bench/fabric-browser.ts: bundled by esbuild and run in headless Chromium.
import { wrap } from 'comlink';
import { fabricRunInput } from '../src/core/fabric/input.ts';
import { buildMaxPyramid } from '../src/core/fabric/pyramid.ts';
import { FABRIC_METRICS, type FabricMetric } from '../src/core/fabric/scenario.ts';
import { simulateFabric, type FabricResult } from '../src/core/fabric/simulate.ts';
import { DEFAULT_SCENARIO } from '../src/core/scenario/types.ts';
import type { Camera } from '../src/state/fabricStore.ts';
import { Canvas2DRenderer, type HeatmapRenderer, type Viewport } from '../src/ui/fabric/canvasRenderer.ts';
import { colourScale } from '../src/ui/fabric/colour.ts';
import { colourPyramid, type HeatmapImage } from '../src/ui/fabric/heatmapImage.ts';
import { WebGLRenderer } from '../src/ui/fabric/webglRenderer.ts';
import type { FabricWorkerApi } from '../src/workers/fabricApi.ts';

export interface FrameTimes {
  renderer: string;
  /** Milliseconds per frame: draw plus a one-pixel read back that forces the frame to finish. */
  frames: number[];
  zoomedOut: number[];
  zoomedIn: number[];
}

function simulate(fabricId: 'wse-2' | 'wse-3'): FabricResult {
  return simulateFabric(fabricRunInput({ ...DEFAULT_SCENARIO, fabric: { ...DEFAULT_SCENARIO.fabric, fabricId, seq: 2251 } }));
}

function imageOf(result: FabricResult, metric: FabricMetric): HeatmapImage {
  const { columns, rows } = result.geometry;
  return colourPyramid(buildMaxPyramid(result.metrics[metric], columns, rows), colourScale(metric, result));
}

/** Builds a sweep from the whole wafer to about 100 px per PE and back, panning as it goes. */
function cameraPath(frames: number, viewport: Viewport, columns: number, rows: number): Camera[] {
  const fit = Math.min(viewport.width / columns, viewport.height / rows) * 0.98;
  const path: Camera[] = [];
  for (let i = 0; i < frames; i += 1) {
    const phase = i / (frames - 1);
    const zoom = Math.sin(Math.PI * phase);
    const k = fit * (100 / fit) ** zoom;
    const centreX = columns * (0.2 + 0.6 * phase);
    const centreY = rows * (0.5 + 0.3 * Math.sin(4 * Math.PI * phase));
    path.push({ k, x: viewport.width / 2 - centreX * k, y: viewport.height / 2 - centreY * k });
  }
  return path;
}

function makeCanvas(viewport: Viewport): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(viewport.width * viewport.dpr);
  canvas.height = Math.round(viewport.height * viewport.dpr);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  document.body.append(canvas);
  return canvas;
}

export function runFrames(kind: 'canvas2d' | 'webgl', fabricId: 'wse-2' | 'wse-3', frameCount: number): FrameTimes | string {
  const viewport: Viewport = { width: 1200, height: 800, dpr: window.devicePixelRatio };
  const result = simulate(fabricId);
  const image = imageOf(result, 'memory');
  const canvas = makeCanvas(viewport);
  let renderer: HeatmapRenderer;
  try {
    renderer = kind === 'canvas2d' ? new Canvas2DRenderer(canvas) : new WebGLRenderer(canvas);
  } catch (error) {
    canvas.remove();
    return (error as Error).message;
  }
  const path = cameraPath(frameCount, viewport, result.geometry.columns, result.geometry.rows);
  const fit = path[0]!.k;
  // Warm up: upload every level once, as the view does on its first frames.
  for (const camera of path.slice(0, 20)) {
    renderer.draw(image, camera, viewport);
    renderer.readPixel(0, 0);
  }
  const times: FrameTimes = { renderer: `${kind}, ${fabricId}, dpr ${viewport.dpr}`, frames: [], zoomedOut: [], zoomedIn: [] };
  for (const camera of path) {
    const start = performance.now();
    renderer.draw(image, camera, viewport);
    renderer.readPixel(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2));
    const elapsed = performance.now() - start;
    times.frames.push(elapsed);
    (camera.k < fit * 4 ? times.zoomedOut : times.zoomedIn).push(elapsed);
  }
  canvas.remove();
  return times;
}

/** Milliseconds to switch the metric: colour scale, colouring every level, and the first Canvas2D frame. */
export function runMetricSwitch(fabricId: 'wse-2' | 'wse-3', repeats: number): { cached: number[]; withPyramid: number[]; pyramid: number[] } {
  const viewport: Viewport = { width: 1200, height: 800, dpr: window.devicePixelRatio };
  const result = simulate(fabricId);
  const { columns, rows } = result.geometry;
  const canvas = makeCanvas(viewport);
  const renderer = new Canvas2DRenderer(canvas);
  const camera: Camera = { k: Math.min(viewport.width / columns, viewport.height / rows), x: 0, y: 0 };
  const pyramids = Object.fromEntries(FABRIC_METRICS.map((metric) => [metric, buildMaxPyramid(result.metrics[metric], columns, rows)]));
  const out = { cached: [] as number[], withPyramid: [] as number[], pyramid: [] as number[] };
  for (let i = 0; i < repeats; i += 1) {
    const metric = FABRIC_METRICS[i % FABRIC_METRICS.length]!;
    let start = performance.now();
    const image = colourPyramid(pyramids[metric]!, colourScale(metric, result));
    renderer.draw(image, camera, viewport);
    renderer.readPixel(1, 1);
    out.cached.push(performance.now() - start);

    start = performance.now();
    const pyramid = buildMaxPyramid(result.metrics[metric], columns, rows);
    out.pyramid.push(performance.now() - start);
    const fresh = colourPyramid(pyramid, colourScale(metric, result));
    renderer.draw(fresh, camera, viewport);
    renderer.readPixel(1, 1);
    out.withPyramid.push(performance.now() - start);
  }
  canvas.remove();
  return out;
}

/**
 * Milliseconds from calling the app's comlink worker (src/workers/fabric.worker.ts) with a WSE-2 simulation
 * until its transferred result arrives, and the time the worker itself reports.
 */
export async function runWorker(workerSource: string, repeats: number): Promise<{ roundTrip: number[]; inWorker: number[] }> {
  const worker = new Worker(URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' })));
  const remote = wrap<FabricWorkerApi>(worker);
  const input = fabricRunInput({ ...DEFAULT_SCENARIO, fabric: { ...DEFAULT_SCENARIO.fabric, fabricId: 'wse-2' } });
  const out = { roundTrip: [] as number[], inWorker: [] as number[] };
  for (let i = 0; i < repeats + 2; i += 1) {
    const start = performance.now();
    const result = (await remote.simulate(input)) as FabricResult;
    const elapsed = performance.now() - start;
    if (i < 2) continue;
    out.roundTrip.push(elapsed);
    out.inWorker.push(result.summary.simulateMs);
  }
  worker.terminate();
  return out;
}
