import { buildMaxPyramid, type PyramidLevel } from '../../core/fabric/pyramid.ts';
import { colourise, type ColourScale } from './colour.ts';

/** One pyramid level as RGBA pixels, one pixel per cell. */
export interface ImageLevel {
  width: number;
  height: number;
  pixels: ImageData;
  /** Filled lazily by the renderer that draws it. */
  canvas?: HTMLCanvasElement;
  texture?: WebGLTexture;
}

/** The coloured pyramid of one metric: level 0 is one pixel per PE. */
export interface HeatmapImage {
  columns: number;
  rows: number;
  levels: ImageLevel[];
}

/** Colours each pyramid level; rebuilt when the metric or its scale changes, never on pan or zoom. */
export function colourPyramid(levels: PyramidLevel[], scale: ColourScale): HeatmapImage {
  const images = levels.map((level) => {
    const pixels = new ImageData(level.width, level.height);
    colourise(level.values, scale, pixels.data);
    return { width: level.width, height: level.height, pixels };
  });
  return { columns: levels[0]!.width, rows: levels[0]!.height, levels: images };
}

const pyramids = new WeakMap<Float32Array, PyramidLevel[]>();

/** Returns the max-pooled pyramid of a metric array, built on first use and kept while the array lives. */
export function pyramidFor(values: Float32Array, columns: number, rows: number): PyramidLevel[] {
  let pyramid = pyramids.get(values);
  if (!pyramid) {
    pyramid = buildMaxPyramid(values, columns, rows);
    pyramids.set(values, pyramid);
  }
  return pyramid;
}
