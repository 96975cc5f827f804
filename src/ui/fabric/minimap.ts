import type { Camera } from '../../state/fabricStore.ts';
import { BACKGROUND, levelCanvas, type Viewport } from './canvasRenderer.ts';
import type { HeatmapImage } from './heatmapImage.ts';

/** Minimap width in CSS pixels. */
export const MINIMAP_WIDTH = 150;

function minimapSource(image: HeatmapImage): HTMLCanvasElement {
  // The coarsest level still at least as wide as the minimap keeps every hot PE visible in it.
  const level = [...image.levels].reverse().find((candidate) => candidate.width >= MINIMAP_WIDTH) ?? image.levels[0]!;
  return levelCanvas(level);
}

/** Draws the whole fabric small with the visible region outlined; hidden unless zoomed in. */
export function drawMinimap(ctx: CanvasRenderingContext2D, image: HeatmapImage, camera: Camera, viewport: Viewport, visible: boolean): void {
  const canvas = ctx.canvas;
  // The hidden attribute, not an inline style, so that a stylesheet can still hide it (on slides).
  canvas.hidden = !visible;
  if (!visible) return;
  const scale = canvas.width / image.columns;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(minimapSource(image), 0, 0, canvas.width, canvas.height);
  const x = (-camera.x / camera.k) * scale;
  const y = (-camera.y / camera.k) * scale;
  const width = (viewport.width / camera.k) * scale;
  const height = (viewport.height / camera.k) * scale;
  ctx.strokeStyle = '#ffd400';
  ctx.lineWidth = 2;
  ctx.strokeRect(x, y, width, height);
}
