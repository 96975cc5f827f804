import { levelForScale } from '../../core/fabric/pyramid.ts';
import type { Camera } from '../../state/fabricStore.ts';
import type { HeatmapImage, ImageLevel } from './heatmapImage.ts';

/** Canvas size in CSS pixels and the device pixel ratio it is drawn at. */
export interface Viewport {
  width: number;
  height: number;
  dpr: number;
}

/** Draws a heatmap image under a camera; the same interface for Canvas2D and WebGL. */
export interface HeatmapRenderer {
  readonly kind: 'canvas2d' | 'webgl';
  draw(image: HeatmapImage, camera: Camera, viewport: Viewport): void;
  /** Reads one device pixel back, which forces the frame to finish. */
  readPixel(x: number, y: number): [number, number, number, number];
}

export const BACKGROUND = '#1b1f24';

/** Returns the level's pixels on a canvas, made on first use. */
export function levelCanvas(level: ImageLevel): HTMLCanvasElement {
  if (!level.canvas) {
    const canvas = document.createElement('canvas');
    canvas.width = level.width;
    canvas.height = level.height;
    canvas.getContext('2d')!.putImageData(level.pixels, 0, 0);
    level.canvas = canvas;
  }
  return level.canvas;
}

/**
 * Draws with Canvas2D: one drawImage of the pyramid level whose cells cover at
 * least one device pixel, scaled with nearest-neighbour sampling and clipped to
 * the fabric. The image has one pixel per cell, so the work per frame does
 * not depend on how many PEs are visible.
 */
export class Canvas2DRenderer implements HeatmapRenderer {
  readonly kind = 'canvas2d';
  private readonly context: CanvasRenderingContext2D;

  constructor(canvas: HTMLCanvasElement) {
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) throw new Error('Canvas2D is not available in this browser.');
    this.context = context;
  }

  draw(image: HeatmapImage, camera: Camera, viewport: Viewport): void {
    const ctx = this.context;
    const { dpr } = viewport;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = BACKGROUND;
    // Only pixels the image does not cover whole need the background first: the margins, and the
    // fabric's edge pixels, which the clip blends. Zoomed in, that is nothing at all.
    const { width, height } = ctx.canvas;
    const left = Math.max(0, Math.min(width, Math.ceil(dpr * camera.x)));
    const top = Math.max(0, Math.min(height, Math.ceil(dpr * camera.y)));
    const right = Math.max(left, Math.min(width, Math.floor(dpr * (camera.x + camera.k * image.columns))));
    const bottom = Math.max(top, Math.min(height, Math.floor(dpr * (camera.y + camera.k * image.rows))));
    if (top > 0) ctx.fillRect(0, 0, width, top);
    if (bottom < height) ctx.fillRect(0, bottom, width, height - bottom);
    if (left > 0) ctx.fillRect(0, top, left, bottom - top);
    if (right < width) ctx.fillRect(right, top, width - right, bottom - top);
    const levelIndex = levelForScale(camera.k * dpr, image.levels.length);
    const level = image.levels[levelIndex]!;
    const cell = 2 ** levelIndex;
    ctx.save();
    ctx.setTransform(dpr * camera.k, 0, 0, dpr * camera.k, dpr * camera.x, dpr * camera.y);
    ctx.beginPath();
    ctx.rect(0, 0, image.columns, image.rows);
    ctx.clip();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(levelCanvas(level), 0, 0, level.width * cell, level.height * cell);
    ctx.restore();
  }

  readPixel(x: number, y: number): [number, number, number, number] {
    const data = this.context.getImageData(x, y, 1, 1).data;
    return [data[0]!, data[1]!, data[2]!, data[3]!];
  }
}
