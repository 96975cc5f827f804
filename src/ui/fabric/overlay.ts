import type { FabricGeometry } from '../../core/fabric/geometry.ts';
import type { WavefrontSource } from '../../core/fabric/scenario.ts';
import type { Camera, PeCoordinates } from '../../state/fabricStore.ts';
import type { Viewport } from './canvasRenderer.ts';

/** CSS pixels per PE from which each detail is drawn. */
export const DETAIL_ZOOM = { borders: 6, links: 14, labels: 56 } as const;

/** Returns the range of PEs on screen, clamped to the fabric. */
export function visibleRange(camera: Camera, viewport: Viewport, geometry: FabricGeometry) {
  return {
    x0: Math.max(0, Math.floor(-camera.x / camera.k)),
    y0: Math.max(0, Math.floor(-camera.y / camera.k)),
    x1: Math.min(geometry.columns, Math.ceil((viewport.width - camera.x) / camera.k)),
    y1: Math.min(geometry.rows, Math.ceil((viewport.height - camera.y) / camera.k)),
  };
}

/** Returns the PE under a screen point, or undefined outside the fabric. */
export function peAt(camera: Camera, geometry: FabricGeometry, screenX: number, screenY: number): PeCoordinates | undefined {
  const x = Math.floor((screenX - camera.x) / camera.k);
  const y = Math.floor((screenY - camera.y) / camera.k);
  if (x < 0 || y < 0 || x >= geometry.columns || y >= geometry.rows) return undefined;
  return { x, y };
}

function isUsable(geometry: FabricGeometry, x: number, y: number): boolean {
  return x >= geometry.originX && y >= geometry.originY && x < geometry.originX + geometry.usableColumns && y < geometry.originY + geometry.usableRows;
}

export interface OverlayInput {
  geometry: FabricGeometry;
  camera: Camera;
  viewport: Viewport;
  values: Float32Array;
  /** The largest value of the metric, for link widths. */
  traffic: Float32Array;
  trafficMax: number;
  formatValue: (value: number) => string;
  hover: PeCoordinates | undefined;
  pinned: PeCoordinates | undefined;
  wavefront: { cycle: number; cyclesPerHop: number; source: WavefrontSource } | undefined;
}

/** Draws everything above the heatmap: grid, router links, labels, the wavefront, hover and pin. */
export function drawOverlay(ctx: CanvasRenderingContext2D, input: OverlayInput): void {
  const { camera, viewport, geometry } = input;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(viewport.dpr, 0, 0, viewport.dpr, 0, 0);
  const range = visibleRange(camera, viewport, geometry);
  if (input.wavefront) drawWavefront(ctx, input);
  if (camera.k >= DETAIL_ZOOM.borders) drawBorders(ctx, camera, range);
  if (camera.k >= DETAIL_ZOOM.links) drawLinks(ctx, input, range);
  if (camera.k >= DETAIL_ZOOM.labels) drawLabels(ctx, input, range);
  if (input.pinned) outlinePe(ctx, camera, input.pinned, '#ffd400', 3);
  if (input.hover) outlinePe(ctx, camera, input.hover, '#ffffff', 1.5);
}

type Range = ReturnType<typeof visibleRange>;

function drawBorders(ctx: CanvasRenderingContext2D, camera: Camera, range: Range): void {
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)';
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = range.x0; x <= range.x1; x += 1) {
    const sx = Math.round(x * camera.k + camera.x) + 0.5;
    ctx.moveTo(sx, range.y0 * camera.k + camera.y);
    ctx.lineTo(sx, range.y1 * camera.k + camera.y);
  }
  for (let y = range.y0; y <= range.y1; y += 1) {
    const sy = Math.round(y * camera.k + camera.y) + 0.5;
    ctx.moveTo(range.x0 * camera.k + camera.x, sy);
    ctx.lineTo(range.x1 * camera.k + camera.x, sy);
  }
  ctx.stroke();
}

/** Router links to the east and south neighbours, thicker where the PE's router carries more traffic. */
function drawLinks(ctx: CanvasRenderingContext2D, input: OverlayInput, range: Range): void {
  const { camera, geometry, traffic, trafficMax } = input;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.8)';
  for (let y = range.y0; y < range.y1; y += 1) {
    for (let x = range.x0; x < range.x1; x += 1) {
      if (!isUsable(geometry, x, y)) continue;
      const share = trafficMax > 0 ? traffic[y * geometry.columns + x]! / trafficMax : 0;
      ctx.lineWidth = 1 + 3 * share;
      const cx = (x + 0.5) * camera.k + camera.x;
      const cy = (y + 0.5) * camera.k + camera.y;
      const reach = camera.k * 0.3;
      ctx.beginPath();
      if (isUsable(geometry, x + 1, y)) {
        ctx.moveTo(cx + reach, cy);
        ctx.lineTo(cx + camera.k - reach, cy);
      }
      if (isUsable(geometry, x, y + 1)) {
        ctx.moveTo(cx, cy + reach);
        ctx.lineTo(cx, cy + camera.k - reach);
      }
      ctx.stroke();
    }
  }
}

function drawLabels(ctx: CanvasRenderingContext2D, input: OverlayInput, range: Range): void {
  const { camera, geometry, values } = input;
  const size = Math.min(14, camera.k / 6);
  ctx.font = `${size}px ui-monospace, monospace`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.75)';
  ctx.fillStyle = '#ffffff';
  for (let y = range.y0; y < range.y1; y += 1) {
    for (let x = range.x0; x < range.x1; x += 1) {
      const cx = (x + 0.5) * camera.k + camera.x;
      const cy = (y + 0.5) * camera.k + camera.y;
      const value = values[y * geometry.columns + x]!;
      const lines = [`${x},${y}`, value === value ? input.formatValue(value) : 'reserved'];
      lines.forEach((line, index) => {
        const ly = cy + (index - 0.5) * size * 1.3;
        ctx.strokeText(line, cx, ly);
        ctx.fillText(line, cx, ly);
      });
    }
  }
}

function outlinePe(ctx: CanvasRenderingContext2D, camera: Camera, pe: PeCoordinates, colour: string, width: number): void {
  const size = Math.max(camera.k, 6);
  const cx = (pe.x + 0.5) * camera.k + camera.x;
  const cy = (pe.y + 0.5) * camera.k + camera.y;
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.strokeRect(cx - size / 2, cy - size / 2, size, size);
}

/** Shades the PEs a broadcast has reached by the given cycle: a band from the west edge, or a diamond around the source. */
function drawWavefront(ctx: CanvasRenderingContext2D, input: OverlayInput): void {
  const { camera, geometry } = input;
  const { cycle, cyclesPerHop, source } = input.wavefront!;
  const hops = cyclesPerHop > 0 ? Math.floor(cycle / cyclesPerHop) : Number.POSITIVE_INFINITY;
  const toScreen = (wx: number, wy: number): [number, number] => [wx * camera.k + camera.x, wy * camera.k + camera.y];
  ctx.save();
  const [ux, uy] = toScreen(geometry.originX, geometry.originY);
  ctx.beginPath();
  ctx.rect(ux, uy, geometry.usableColumns * camera.k, geometry.usableRows * camera.k);
  ctx.clip();
  ctx.beginPath();
  if (source.kind === 'west') {
    const columns = Math.min(geometry.usableColumns, hops);
    ctx.rect(ux, uy, columns * camera.k, geometry.usableRows * camera.k);
  } else {
    const cx = geometry.originX + source.x + 0.5;
    const cy = geometry.originY + source.y + 0.5;
    const r = Math.min(hops, geometry.usableColumns + geometry.usableRows) + 0.5;
    ctx.moveTo(...toScreen(cx, cy - r));
    ctx.lineTo(...toScreen(cx + r, cy));
    ctx.lineTo(...toScreen(cx, cy + r));
    ctx.lineTo(...toScreen(cx - r, cy));
    ctx.closePath();
  }
  ctx.fillStyle = 'rgba(255, 255, 255, 0.28)';
  ctx.fill();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 2;
  ctx.stroke();
  ctx.restore();
}
