import { scaleLinear } from 'd3';
import { METRIC_INFO, OVERFLOW_RGB, RESERVED_RGB, formatMetricValue, type ColourScale } from './colour.ts';

/** Height of the legend band under the exported heatmap, in CSS pixels. */
export const LEGEND_BAND_HEIGHT = 56;
const RAMP_WIDTH = 240;
const MARGIN = 12;

const rgb = (values: readonly number[]) => `rgb(${values.join(', ')})`;

/**
 * Returns a new canvas with the heatmap as drawn and the colour legend under
 * it, so that an exported picture explains its colours on its own. The legend
 * names the metric and its unit, shows the colour ramp with three values, and
 * adds the overflow and reserved swatches.
 */
export function heatmapWithLegend(heatmap: HTMLCanvasElement, scale: ColourScale): HTMLCanvasElement {
  // The heatmap canvas is drawn at the device pixel ratio, and so is the band.
  const ratio = heatmap.clientWidth > 0 ? heatmap.width / heatmap.clientWidth : 1;
  const band = Math.round(LEGEND_BAND_HEIGHT * ratio);
  const out = document.createElement('canvas');
  out.width = heatmap.width;
  out.height = heatmap.height + band;
  const ctx = out.getContext('2d', { alpha: false })!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(heatmap, 0, 0);

  ctx.setTransform(ratio, 0, 0, ratio, 0, heatmap.height);
  const info = METRIC_INFO[scale.metric];
  ctx.fillStyle = '#1b1f24';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillText(`${info.label} (${info.unit})`, MARGIN, 6);

  let x = MARGIN;
  if (scale.metric !== 'overflow') {
    const gradient = ctx.createLinearGradient(x, 0, x + RAMP_WIDTH, 0);
    for (let i = 0; i <= 10; i++) gradient.addColorStop(i / 10, info.interpolate(i / 10));
    ctx.fillStyle = gradient;
    ctx.fillRect(x, 24, RAMP_WIDTH, 10);
    const axis = scaleLinear().domain([scale.min, scale.max]).range([x, x + RAMP_WIDTH]);
    ctx.fillStyle = '#1b1f24';
    ctx.font = '10px system-ui, sans-serif';
    ctx.textAlign = 'center';
    for (const tick of axis.ticks(3)) ctx.fillText(formatMetricValue(scale.metric, tick), axis(tick), 38);
    ctx.textAlign = 'start';
    x += RAMP_WIDTH + 2 * MARGIN;
  }

  const swatches: [string, string][] = [];
  if (info.showsOverflow) swatches.push([rgb(OVERFLOW_RGB), scale.metric === 'memory' ? `over SRAM (${formatMetricValue('memory', scale.max)})` : 'over SRAM']);
  if (scale.metric === 'overflow') swatches.push([info.interpolate(0), 'fits']);
  swatches.push([rgb(RESERVED_RGB), 'reserved for I/O']);
  ctx.font = '11px system-ui, sans-serif';
  for (const [colour, label] of swatches) {
    ctx.fillStyle = colour;
    ctx.fillRect(x, 24, 12, 12);
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(label, x + 16, 25);
    x += 16 + ctx.measureText(label).width + MARGIN;
  }
  return out;
}
