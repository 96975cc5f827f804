import { scenarioQuery } from '../../core/scenario/url.ts';
import { appStore } from '../../state/store.ts';
import { addPngText } from './png.ts';
import { canvasToPngBlob, rasteriseSvg, serialiseSvg } from './svg.ts';
import { formatChartCsv, formatChartJson, type ChartData } from './tables.ts';

export type ExportFormat = 'svg' | 'png' | 'csv' | 'json';

/** PNG exports of SVG charts are drawn at twice the CSS pixel size. */
export const PNG_PIXEL_RATIO = 2;

/** The absolute URL of the scenario now shown, written into every exported file. */
export function currentScenarioUrl(): string {
  return `${window.location.origin}${window.location.pathname}${scenarioQuery(appStore.getState().scenario)}`;
}

function scenarioTitle(): string {
  const { title } = appStore.getState().scenario;
  return title === '' ? 'seqscope' : title;
}

/** Finds the chart's <svg data-chart="NAME"> element, or undefined when it is not on the page. */
export function findChartSvg(chart: string, root: ParentNode = document): SVGSVGElement | undefined {
  return root.querySelector<SVGSVGElement>(`svg[data-chart="${CSS.escape(chart)}"]`) ?? undefined;
}

/** Saves a blob under the file name through a temporary link, as a browser download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function pngWithUrl(blob: Blob, url: string): Promise<Blob> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const tagged = addPngText(bytes, { Title: scenarioTitle(), URL: url, Software: 'seqscope' });
  return new Blob([tagged.buffer as ArrayBuffer], { type: 'image/png' });
}

/** Builds the SVG file of a chart, with the scenario URL in <title> and <desc>. */
export function svgFile(svg: SVGSVGElement, chart: string): Blob {
  const url = currentScenarioUrl();
  const { text } = serialiseSvg(svg, { title: `${scenarioTitle()}: ${chart}`, description: `Scenario: ${url}` });
  return new Blob([text], { type: 'image/svg+xml' });
}

/** Builds the PNG file of a chart at PNG_PIXEL_RATIO, with the scenario URL in a tEXt chunk. */
export async function svgPngFile(svg: SVGSVGElement, chart: string): Promise<Blob> {
  const url = currentScenarioUrl();
  const { text, width, height } = serialiseSvg(svg, { title: `${scenarioTitle()}: ${chart}`, description: `Scenario: ${url}` });
  return pngWithUrl(await rasteriseSvg(text, width, height, PNG_PIXEL_RATIO), url);
}

/** Builds the PNG file of a canvas as drawn now (its current view), with the scenario URL. */
export async function canvasPngFile(canvas: HTMLCanvasElement): Promise<Blob> {
  return pngWithUrl(await canvasToPngBlob(canvas), currentScenarioUrl());
}

export function csvFile(data: ChartData): Blob {
  return new Blob([formatChartCsv(data, currentScenarioUrl())], { type: 'text/csv' });
}

export function jsonFile(data: ChartData): Blob {
  return new Blob([formatChartJson(data, currentScenarioUrl())], { type: 'application/json' });
}

/** A file-name stem from a chart name: letters, digits and hyphens only. */
export function fileStem(chart: string): string {
  const cleaned = chart.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `seqscope-${cleaned || 'chart'}`;
}
