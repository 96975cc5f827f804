import { color, interpolateBlues, interpolateCividis, interpolateMagma, interpolateViridis } from 'd3';
import type { FabricMetric } from '../../core/fabric/scenario.ts';
import type { FabricResult } from '../../core/fabric/simulate.ts';
import { formatBytes, formatFlops } from '../../core/units.ts';

/** Overflowing PEs: orange, which stays distinct from the blue memory scale under every common colour-vision deficiency. */
export const OVERFLOW_RGB: readonly [number, number, number] = [230, 85, 13];
/** Reserved I/O PEs, which hold no value. */
export const RESERVED_RGB: readonly [number, number, number] = [110, 110, 110];

export interface MetricInfo {
  label: string;
  unit: string;
  interpolate: (t: number) => string;
  /** Whether PEs over their SRAM take the overflow colour in this metric. */
  showsOverflow: boolean;
}

export const METRIC_INFO: Record<FabricMetric, MetricInfo> = {
  memory: { label: 'Memory used', unit: 'bytes per PE', interpolate: interpolateBlues, showsOverflow: true },
  compute: { label: 'Compute per training step', unit: 'FLOPs per PE per layer', interpolate: interpolateViridis, showsOverflow: false },
  traffic: { label: 'Router traffic', unit: 'bytes per PE per layer', interpolate: interpolateCividis, showsOverflow: false },
  arrival: { label: 'Broadcast arrival', unit: 'cycles after injection', interpolate: interpolateMagma, showsOverflow: false },
  overflow: { label: 'Overflow', unit: 'over SRAM or not', interpolate: (t) => interpolateBlues(0.15 + 0.3 * t), showsOverflow: true },
};

/** A metric's colour scale: the value domain and a 256-entry RGBA lookup table. */
export interface ColourScale {
  metric: FabricMetric;
  min: number;
  max: number;
  /** Values above this take the overflow colour (Infinity when the metric does not show overflow). */
  overflowAbove: number;
  lut: Uint8ClampedArray;
}

function metricMaximum(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value > max) max = value;
  }
  return max;
}

export function colourScale(metric: FabricMetric, result: FabricResult): ColourScale {
  const info = METRIC_INFO[metric];
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i += 1) {
    const rgb = color(info.interpolate(i / 255))!.rgb();
    lut.set([rgb.r, rgb.g, rgb.b, 255], i * 4);
  }
  if (metric === 'memory') return { metric, min: 0, max: result.summary.sramBytes, overflowAbove: result.summary.sramBytes, lut };
  if (metric === 'overflow') return { metric, min: 0, max: 1, overflowAbove: 0.5, lut };
  return { metric, min: 0, max: Math.max(metricMaximum(result.metrics[metric]), Number.MIN_VALUE), overflowAbove: Number.POSITIVE_INFINITY, lut };
}

function packRgb(rgb: readonly number[]): number {
  const bytes = new Uint8ClampedArray([rgb[0]!, rgb[1]!, rgb[2]!, 255]);
  return new Uint32Array(bytes.buffer)[0]!;
}

const RESERVED_PIXEL = packRgb(RESERVED_RGB);
const OVERFLOW_PIXEL = packRgb(OVERFLOW_RGB);

/**
 * Writes RGBA pixels for the values: NaN as reserved, above overflowAbove as
 * overflow, else through the table. Pixels are written as whole 32-bit words
 * through views of the same byte order, so the result does not depend on it.
 */
export function colourise(values: Float32Array, scale: ColourScale, out: Uint8ClampedArray): void {
  const { min, overflowAbove } = scale;
  const lut = new Uint32Array(scale.lut.buffer, scale.lut.byteOffset, 256);
  const pixels = new Uint32Array(out.buffer, out.byteOffset, values.length);
  const span = 255 / (scale.max - min || 1);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i]!;
    if (value !== value) pixels[i] = RESERVED_PIXEL;
    else if (value > overflowAbove) pixels[i] = OVERFLOW_PIXEL;
    else {
      let index = ((value - min) * span) | 0;
      if (index < 0) index = 0;
      else if (index > 255) index = 255;
      pixels[i] = lut[index]!;
    }
  }
}

/** Formats a metric value with its unit, as the readout and cell labels show it. */
export function formatMetricValue(metric: FabricMetric, value: number): string {
  if (value !== value) return 'reserved';
  switch (metric) {
    case 'memory':
    case 'traffic':
      return formatBytes(value, 'GiB', 3);
    case 'compute':
      return formatFlops(value, 3);
    case 'arrival':
      return `${Math.round(value).toLocaleString('en-US')} cycles`;
    case 'overflow':
      return value > 0.5 ? 'overflow' : 'fits';
  }
}
